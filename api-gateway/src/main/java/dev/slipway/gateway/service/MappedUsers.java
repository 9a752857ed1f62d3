package dev.slipway.gateway.service;

import dev.slipway.gateway.config.ApprovalsConfig;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.GroupMapping;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Callers for decisions that arrive without a token (chat buttons, signed events): the configured
 * user's groups read with the same group mapping as a token's.
 */
@ApplicationScoped
public class MappedUsers {

  private final GroupMapping groups;

  public MappedUsers(
      @ConfigProperty(name = "slipway.auth.admin-group", defaultValue = "/platform-admin")
          String adminGroup,
      @ConfigProperty(
              name = "slipway.auth.developer-group",
              defaultValue = "/teams/{team}/developer")
          String developerGroup,
      @ConfigProperty(
              name = "slipway.auth.tech-lead-group",
              defaultValue = "/teams/{team}/tech-lead")
          String techLeadGroup) {
    this.groups = new GroupMapping(adminGroup, developerGroup, techLeadGroup);
  }

  public Caller caller(ApprovalsConfig.ChatUser user) {
    return groups.caller(user.subject(), user.username(), user.groups());
  }
}
