package dev.slipway.launcher.keycloak;

import java.util.List;

/** The logins of the local run: one per role the gateway tells apart. */
public record DemoUser(String username, String firstName, String groupPath, String role) {

  public static final List<DemoUser> ALL =
      List.of(
          new DemoUser("alice", "Alice", "/teams/payments/developer", "payments developer"),
          new DemoUser("bob", "Bob", "/teams/payments/tech-lead", "payments tech lead"),
          new DemoUser("carol", "Carol", "/teams/search/developer", "search developer"),
          new DemoUser("admin", "Admin", "/platform-admin", "platform admin"));

  /** The user the launcher seeds environments as. */
  public static DemoUser platformAdmin() {
    return ALL.get(3);
  }
}
