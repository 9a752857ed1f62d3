package dev.slipway.launcher.services;

import dev.slipway.launcher.infra.DatabaseServer;
import java.nio.file.Path;

/** What the services are pointed at, embedded or the developer's own. */
public record Infrastructure(
    DatabaseServer database, String kafkaBootstrap, Path kubeconfig, String oidcIssuer) {}
