package dev.slipway.deploy.rest;

import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.service.PlatformCatalog;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Golden paths and guard rails: platform admins read and change them; others get 403. */
@Path("/api/v1/platform")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PlatformResource {

  private final CurrentCaller caller;
  private final PlatformCatalog catalog;

  public PlatformResource(CurrentCaller caller, PlatformCatalog catalog) {
    this.caller = caller;
    this.catalog = catalog;
  }

  @GET
  @Path("golden-paths")
  @WithSession
  public Uni<List<GoldenPath>> goldenPaths() {
    admin();
    return catalog.latestOfEach();
  }

  /** The newest version, or {@code ?version=N}. */
  @GET
  @Path("golden-paths/{name}")
  @WithSession
  public Uni<GoldenPath> goldenPath(
      @PathParam("name") String name, @QueryParam("version") Integer version) {
    admin();
    return version == null ? catalog.latest(name) : catalog.version(name, version);
  }

  /** Adds a path, or a new version of one (JSON or YAML); apps get it on their next deploy. */
  @PUT
  @Path("golden-paths/{name}")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  public Uni<GoldenPath> putGoldenPath(@PathParam("name") String name, String body) {
    Caller who = admin();
    return catalog.put(name, body, who.username());
  }

  @GET
  @Path("guard-rails")
  @WithSession
  public Uni<PlatformCatalog.RuleSet> guardRails() {
    admin();
    return catalog.rules();
  }

  /**
   * Replaces the rules ({@code {"rules": [...]}}); a rule that does not compile changes nothing.
   */
  @PUT
  @Path("guard-rails")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  public Uni<PlatformCatalog.RuleSet> putGuardRails(String body) {
    Caller who = admin();
    return catalog.putRules(body, who.username());
  }

  private Caller admin() {
    Caller who = caller.get();
    if (!who.platformAdmin()) {
      throw ProblemException.forbidden("Only platform admins manage golden paths and guard rails.");
    }
    return who;
  }
}
