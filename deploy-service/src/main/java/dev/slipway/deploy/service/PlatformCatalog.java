package dev.slipway.deploy.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.domain.GuardRail;
import dev.slipway.deploy.persistence.GoldenPathRecord;
import dev.slipway.deploy.persistence.GuardRailSet;
import dev.slipway.deploy.policy.GuardRailEngine;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The platform's golden paths and guard rails, as versioned data in the database. The built-in ones
 * are loaded at start where none exist; admins change them through the API.
 */
@ApplicationScoped
public class PlatformCatalog {

  private static final Logger LOG = Logger.getLogger(PlatformCatalog.class);
  private static final TypeReference<List<GuardRail>> RULES = new TypeReference<>() {};

  void seed(@Observes StartupEvent start) throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () -> {
                  Uni<Void> chain = Uni.createFrom().voidItem();
                  for (String name : GoldenPaths.BUILT_IN) {
                    GoldenPath path = GoldenPaths.builtIn(name);
                    chain = chain.call(() -> insertIfAbsent(path));
                  }
                  return chain.call(this::seedRules);
                }));
  }

  private Uni<Void> insertIfAbsent(GoldenPath path) {
    // "on conflict do nothing": several replicas may start at once.
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into golden_path (name, version, definition, created_by, created_at)"
                            + " select :name, :version, :definition, 'slipway', now()"
                            + " where not exists (select 1 from golden_path where name = :name)"
                            + " on conflict do nothing")
                    .setParameter("name", path.name())
                    .setParameter("version", path.version())
                    .setParameter("definition", GoldenPaths.json(path))
                    .executeUpdate())
        .invoke(
            n -> {
              if (n == 1) LOG.infof("golden path %s loaded", path.reference());
            })
        .replaceWithVoid();
  }

  private Uni<Void> seedRules() {
    List<GuardRail> rules = builtInRules();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into guard_rail_set (version, rules, created_by, created_at)"
                            + " select 1, :rules, 'slipway', now()"
                            + " where not exists (select 1 from guard_rail_set)"
                            + " on conflict do nothing")
                    .setParameter("rules", EventJson.mapper().valueToTree(rules).toString())
                    .executeUpdate())
        .replaceWithVoid();
  }

  public static List<GuardRail> builtInRules() {
    try (InputStream in = PlatformCatalog.class.getResourceAsStream("/guard-rails.yaml")) {
      JsonNode tree = GoldenPaths.YAML.readTree(in);
      return GoldenPaths.YAML.convertValue(tree.path("rules"), RULES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest version of a path; 404 problem when there is none. */
  public Uni<GoldenPath> latest(String name) {
    return GoldenPathRecord.latest(name).map(r -> toPath(r, name));
  }

  /**
   * The golden path a spec asks for: {@code goldenPath} (name, optional version), else its type.
   */
  public Uni<GoldenPath> forSpec(com.fasterxml.jackson.databind.JsonNode spec) {
    String name = dev.slipway.deploy.domain.SpecResolver.pathName(spec);
    Integer version = dev.slipway.deploy.domain.SpecResolver.pathVersion(spec);
    return version == null ? latest(name) : version(name, version);
  }

  public Uni<GoldenPath> version(String name, int version) {
    return GoldenPathRecord.version(name, version).map(r -> toPath(r, name + "@" + version));
  }

  public Uni<List<GoldenPath>> latestOfEach() {
    return GoldenPathRecord.latestOfEach()
        .map(rows -> rows.stream().map(r -> toPath(r, r.name)).toList());
  }

  /** Adds a version of a path (or a new path): 400 with every problem, else the stored version. */
  public Uni<GoldenPath> put(String name, String body, String who) {
    List<FieldError> errors = new ArrayList<>();
    GoldenPath parsed = GoldenPaths.parse(name, body, errors);
    if (parsed == null) {
      return Uni.createFrom().failure(ProblemException.invalid(errors));
    }
    return Panache.withTransaction(
        () ->
            GoldenPathRecord.latest(name)
                .chain(
                    previous -> {
                      var row = new GoldenPathRecord();
                      row.name = name;
                      row.version = previous == null ? 1 : previous.version + 1;
                      GoldenPath stored = parsed.withVersion(row.version);
                      row.definition = GoldenPaths.json(stored);
                      row.createdBy = who;
                      row.createdAt = Instant.now();
                      LOG.infof("golden path %s stored by %s", stored.reference(), who);
                      return row.<GoldenPathRecord>persist().replaceWith(stored);
                    }));
  }

  public record RuleSet(int version, List<GuardRail> rules, String createdBy, Instant createdAt) {}

  public Uni<RuleSet> rules() {
    return GuardRailSet.latest()
        .map(
            set ->
                set == null
                    ? new RuleSet(0, builtInRules(), "slipway", Instant.EPOCH)
                    : new RuleSet(set.version, readRules(set.rules), set.createdBy, set.createdAt));
  }

  /** Replaces the rule set: every rule must compile, or nothing changes. */
  public Uni<RuleSet> putRules(String body, String who) {
    List<GuardRail> rules;
    try {
      JsonNode tree = GoldenPaths.YAML.readTree(body == null ? "" : body);
      rules = GoldenPaths.YAML.convertValue(tree == null ? null : tree.path("rules"), RULES);
    } catch (IOException | IllegalArgumentException e) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalid(
                  List.of(
                      new FieldError(
                          "rules", "must be a list of guard rails: " + e.getMessage()))));
    }
    if (rules == null) {
      return Uni.createFrom()
          .failure(ProblemException.invalid(List.of(new FieldError("rules", "is required"))));
    }
    List<FieldError> errors = GuardRailEngine.check(rules);
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.invalid(errors));
    }
    List<GuardRail> checked = rules;
    return Panache.withTransaction(
        () ->
            GuardRailSet.latest()
                .chain(
                    previous -> {
                      var set = new GuardRailSet();
                      set.version = previous == null ? 1 : previous.version + 1;
                      set.rules = EventJson.mapper().valueToTree(checked).toString();
                      set.createdBy = who;
                      set.createdAt = Instant.now();
                      LOG.infof("guard rails version %d stored by %s", set.version, who);
                      return set.<GuardRailSet>persist()
                          .map(s -> new RuleSet(s.version, checked, s.createdBy, s.createdAt));
                    }));
  }

  private static List<GuardRail> readRules(String json) {
    try {
      return EventJson.mapper().readValue(json, RULES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GoldenPath toPath(GoldenPathRecord row, String what) {
    if (row == null) {
      throw ProblemException.notFound("Golden path " + what);
    }
    return GoldenPaths.read(row.definition);
  }
}
