package dev.slipway.deploy.persistence;

import dev.slipway.deploy.domain.KnownSecret;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * deploy-service's projection of secret-service's events ({@code known_secret}): names, keys and
 * version hashes, never values. Call inside a session or transaction.
 */
@ApplicationScoped
public class KnownSecrets {

  /** Records a secret's current version; events of one secret arrive in order (one Kafka key). */
  public Uni<Void> put(
      String team,
      String environment,
      String name,
      List<String> keys,
      int version,
      String versionHash,
      boolean needsValue) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into known_secret"
                            + " (team, environment, name, keys, version, version_hash, needs_value)"
                            + " values (:team, :env, :name, :keys, :version, :hash, :needs)"
                            + " on conflict (team, environment, name) do update set"
                            + " keys = excluded.keys, version = excluded.version,"
                            + " version_hash = excluded.version_hash,"
                            + " needs_value = excluded.needs_value")
                    .setParameter("team", team)
                    .setParameter("env", environment)
                    .setParameter("name", name)
                    .setParameter("keys", String.join(",", keys))
                    .setParameter("version", version)
                    .setParameter("hash", versionHash)
                    .setParameter("needs", needsValue)
                    .executeUpdate())
        .replaceWithVoid();
  }

  public Uni<Void> remove(String team, String environment, String name) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "delete from known_secret where team = :team and environment = :env"
                            + " and name = :name")
                    .setParameter("team", team)
                    .setParameter("env", environment)
                    .setParameter("name", name)
                    .executeUpdate())
        .replaceWithVoid();
  }

  public Uni<Void> removeEnvironment(String team, String environment) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "delete from known_secret where team = :team and environment = :env")
                    .setParameter("team", team)
                    .setParameter("env", environment)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** The secrets of one environment, by name. */
  public Uni<Map<String, KnownSecret>> of(String team, String environment) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select name, keys, version_hash, needs_value from known_secret"
                            + " where team = :team and environment = :env",
                        Object[].class)
                    .setParameter("team", team)
                    .setParameter("env", environment)
                    .getResultList())
        .map(
            rows -> {
              Map<String, KnownSecret> known = new TreeMap<>();
              for (Object[] row : rows) {
                String keys = (String) row[1];
                known.put(
                    (String) row[0],
                    new KnownSecret(
                        (String) row[0],
                        keys.isEmpty()
                            ? java.util.Set.of()
                            : new LinkedHashSet<>(Arrays.asList(keys.split(","))),
                        (String) row[2],
                        (Boolean) row[3]));
              }
              return known;
            });
  }
}
