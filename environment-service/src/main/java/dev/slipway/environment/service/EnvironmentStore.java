package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/** The environments Slipway owns; every call runs in the caller's session or transaction. */
public interface EnvironmentStore {

  Uni<Optional<Environment>> find(String team, String name);

  Uni<List<Environment>> list(String team);

  Uni<Void> add(Environment environment);
}
