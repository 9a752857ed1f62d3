package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the web console needs to sign in: the OIDC provider as the browser reaches it (by default
 * the one the gateway trusts) and the public client it signs in as (code flow with PKCE).
 */
@ConfigMapping(prefix = "slipway.console")
public interface ConsoleConfig {

  /** The issuer URL the browser signs in with; {@code quarkus.oidc.auth-server-url} by default. */
  @WithDefault("${quarkus.oidc.auth-server-url}")
  String authority();

  @WithDefault("slipway-web")
  String clientId();
}
