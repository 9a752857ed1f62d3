package dev.slipway.deploy.build;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One build of an app; every lookup goes through the team. */
@Entity
@Table(name = "build")
public class Build extends PanacheEntityBase {

  public static final String BUILDING = "BUILDING";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  @Id public UUID id;

  @Column(name = "operation_id", nullable = false)
  public UUID operationId;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false)
  public String environment;

  @Column(name = "environment_kind", nullable = false)
  public String environmentKind;

  @Column(nullable = false)
  public String app;

  /** The app spec as given, with gitRepo: what a rebuild builds again. */
  @Column(nullable = false)
  public String spec;

  @Column(nullable = false)
  public String engine;

  @Column(name = "object_name", nullable = false)
  public String objectName;

  @Column(name = "git_repo", nullable = false)
  public String gitRepo;

  public String revision;

  /** The tag pushed. */
  @Column(nullable = false)
  public String image;

  @Column(nullable = false)
  public String state;

  /** The image deployed: by digest when the build reported one. */
  @Column(name = "result_image")
  public String resultImage;

  public String reason;

  @Column(name = "requested_subject", nullable = false)
  public String requestedSubject;

  @Column(name = "requested_username", nullable = false)
  public String requestedUsername;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public static Uni<List<Build>> running() {
    return list("state = ?1 order by createdAt", BUILDING);
  }

  public static Uni<List<Build>> ofApp(String team, String environment, String app) {
    return list(
        "team = ?1 and environment = ?2 and app = ?3 order by createdAt desc",
        team,
        environment,
        app);
  }

  public static Uni<Build> latest(String team, String environment, String app) {
    return find(
            "team = ?1 and environment = ?2 and app = ?3 order by createdAt desc",
            team,
            environment,
            app)
        .firstResult();
  }

  public static Uni<Build> one(String team, String environment, String app, UUID id) {
    return find(
            "id = ?1 and team = ?2 and environment = ?3 and app = ?4", id, team, environment, app)
        .firstResult();
  }

  /** Moves a running build to its end once, however many pollers saw it end. */
  public static Uni<Boolean> finish(UUID id, String state, String resultImage, String reason) {
    return update(
            "state = ?1, resultImage = ?2, reason = ?3, updatedAt = ?4 where id = ?5 and state = ?6",
            state,
            resultImage,
            reason,
            Instant.now(),
            id,
            BUILDING)
        .map(count -> count == 1);
  }
}
