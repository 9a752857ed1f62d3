package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.gateway.domain.AccessPolicy;
import dev.slipway.gateway.domain.AccessPolicy.Decision;
import dev.slipway.gateway.domain.AccessPolicy.Role;
import dev.slipway.gateway.domain.AccessPolicy.Scope;
import dev.slipway.kit.security.Caller;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated from access-policy.yaml: every route × verb × role (developer, tech lead, platform
 * admin) × own team / another team / a missing environment, in each environment kind that can
 * change the answer. Another team's or a missing object is 404 and changes nothing; a role the
 * policy denies is 403 and changes nothing; every denial of access is recorded (AccessDenied); what
 * the policy allows gets past the gateway's checks.
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(FakeEnvironmentService.class)
@WithTestResource(FakeUpstreams.class)
class AccessMatrixIT {

  static final String OWN = "payments";
  static final String OTHER = "search";
  static final String PLAN_HASH = "b".repeat(64);

  enum Target {
    OWN_TEAM,
    OTHER_TEAM,
    MISSING
  }

  record Case(AccessPolicy.Route route, Role role, Target target, EnvironmentKind kind) {
    @Override
    public String toString() {
      return route.key()
          + " as "
          + role.wire()
          + " on "
          + target.name().toLowerCase()
          + (kind == null ? "" : " (" + kind.wire() + ")");
    }
  }

  static final AccessPolicy POLICY = AccessPolicy.load();

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    List<AccessPolicy.Route> routes = new ArrayList<>(POLICY.routes());
    routes.sort(Comparator.comparing(AccessPolicy.Route::key));
    for (AccessPolicy.Route route : routes) {
      if (route.scope() == Scope.PUBLIC) {
        continue; // signed webhooks: GitWebhookIT, ApprovalsIT
      }
      for (Role role : Role.values()) {
        if (route.scope() == Scope.NONE) {
          cases.add(new Case(route, role, Target.OWN_TEAM, null));
          continue;
        }
        for (EnvironmentKind kind :
            List.of(EnvironmentKind.DEVELOPMENT, EnvironmentKind.PRODUCTION)) {
          cases.add(new Case(route, role, Target.OWN_TEAM, kind));
        }
        cases.add(new Case(route, role, Target.OTHER_TEAM, EnvironmentKind.DEVELOPMENT));
        if (route.scope() == Scope.ENVIRONMENT) {
          cases.add(new Case(route, role, Target.MISSING, EnvironmentKind.DEVELOPMENT));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theGatewayAnswersWhatThePolicySays(Case c) {
    long commandsBefore = GatewayDatabase.commandsPublished();
    long denialsBefore = GatewayDatabase.denialsRecorded();

    Response response = send(c);
    int status = response.statusCode();

    boolean foreign = c.target() == Target.OTHER_TEAM && c.role() != Role.PLATFORM_ADMIN;
    if (foreign || c.target() == Target.MISSING) {
      assertThat(status).as(c + ": " + response.asString()).isEqualTo(404);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(GatewayDatabase.commandsPublished())
          .as(c + " published")
          .isEqualTo(commandsBefore);
      if (foreign) {
        assertThat(GatewayDatabase.denialsRecorded())
            .as(c + " audited")
            .isEqualTo(denialsBefore + 1);
      }
      return;
    }
    Decision decision = expected(c);
    if (decision == Decision.DENY) {
      assertThat(status).as(c + ": " + response.asString()).isEqualTo(403);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(GatewayDatabase.commandsPublished())
          .as(c + " published")
          .isEqualTo(commandsBefore);
      assertThat(GatewayDatabase.denialsRecorded()).as(c + " audited").isEqualTo(denialsBefore + 1);
    } else if (decision == Decision.APPROVAL) {
      assertThat(status).as(c + ": " + response.asString()).isEqualTo(202);
      String operation = response.jsonPath().getString("operationId");
      assertThat(
              given()
                  .auth()
                  .oauth2(token(c.role()))
                  .get("/api/v1/operations/" + operation)
                  .jsonPath()
                  .getString("state"))
          .isEqualTo("PENDING_APPROVAL");
      assertThat(GatewayDatabase.commandsPublished())
          .as(c + " published")
          .isEqualTo(commandsBefore);
    } else {
      // Past the gateway's checks: whatever the stub behind it answers, never the gateway's own
      // refusal (the stubs' 404s carry no problem type).
      assertThat(status).as(c + ": " + response.asString()).isNotIn(401, 403);
      if (c.route().scope() != Scope.NONE) {
        assertThat(response.asString())
            .as(c.toString())
            .doesNotContain("https://slipway.dev/problems/not-found");
      }
      assertThat(GatewayDatabase.denialsRecorded()).as(c + " audited").isEqualTo(denialsBefore);
    }
  }

  /** Every JAX-RS route of the gateway is in the policy, and the policy names no other. */
  @Test
  void thePolicyCoversExactlyTheRoutesOfTheApi() {
    Map<String, Object> paths =
        given().accept("application/json").get("/q/openapi").jsonPath().getMap("paths");
    Set<String> api = new HashSet<>();
    paths.forEach(
        (path, operations) ->
            ((Map<?, ?>) operations)
                .keySet()
                .forEach(
                    verb -> {
                      String v = verb.toString().toUpperCase();
                      if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(v)) {
                        api.add(v + " " + path);
                      }
                    }));
    Set<String> policy = new HashSet<>();
    POLICY.routes().forEach(r -> policy.add(r.key()));
    assertThat(policy).isEqualTo(api);
  }

  /** Every operation documents the gateway's own errors as problem+json, commands their 202. */
  @Test
  void theApiDescriptionShowsEveryRoutesErrorShapes() {
    var openapi = given().accept("application/json").get("/q/openapi").jsonPath();
    assertThat(openapi.getString("components.schemas.Problem.properties.status.type"))
        .isEqualTo("integer");
    Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
    paths.forEach(
        (path, operations) ->
            operations.forEach(
                (verb, operation) -> {
                  @SuppressWarnings("unchecked")
                  Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                  for (String status : List.of("401", "403", "404", "429", "504")) {
                    assertThat(responses).as(verb + " " + path).containsKey(status);
                    assertThat(responses.get(status).toString())
                        .as(verb + " " + path + " " + status)
                        .contains("application/problem+json")
                        .contains("#/components/schemas/Problem");
                  }
                }));
    assertThat(
            openapi.getString(
                "paths.'/api/v1/teams/{team}/environments/{env}/apps'.post.responses.'202'"
                    + ".content.'application/json'.example.statusUrl"))
        .startsWith("/api/v1/operations/");
  }

  static Decision expected(Case c) {
    Caller caller = caller(c.role());
    String team = c.route().scope() == Scope.NONE ? null : OWN;
    return POLICY.decide(c.route().action(), caller, team, c.kind());
  }

  static Caller caller(Role role) {
    return switch (role) {
      case DEVELOPER -> new Caller("s", "dev", Map.of(OWN, Caller.Role.DEVELOPER), false);
      case TECH_LEAD -> new Caller("s", "lead", Map.of(OWN, Caller.Role.TECH_LEAD), false);
      case PLATFORM_ADMIN -> new Caller("s", "admin", Map.of(), true);
    };
  }

  static String token(Role role) {
    return switch (role) {
      case DEVELOPER ->
          TestOidcServer.shared().token("matrix-dev", List.of("/teams/payments/developer"));
      case TECH_LEAD ->
          TestOidcServer.shared().token("matrix-lead", List.of("/teams/payments/tech-lead"));
      case PLATFORM_ADMIN ->
          TestOidcServer.shared().token("matrix-admin", List.of("/platform-admin"));
    };
  }

  private static Response send(Case c) {
    String team = c.target() == Target.OTHER_TEAM ? OTHER : OWN;
    String env;
    if (c.target() == Target.MISSING) {
      env = "nowhere";
    } else if (c.route().kind() == AccessPolicy.KindSource.BODY
        || c.target() == Target.OTHER_TEAM) {
      env = "dev";
    } else {
      env = c.kind() == EnvironmentKind.PRODUCTION ? "production" : "dev";
    }
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String path =
        c.route()
            .path()
            .replace("{team}", team)
            .replace("{env}", env)
            .replace("{app}", "matrix")
            .replace("{name}", "matrix")
            .replace("{provider}", "aws-cur")
            .replace("{month}", "2026-11")
            .replace("{id}", UUID.randomUUID().toString());
    String kind = c.kind() == null ? "development" : c.kind().wire();
    String body =
        switch (c.route().action()) {
          case "environment.create", "environment.clone" ->
              "{\"name\":\"m-" + unique + "\",\"kind\":\"" + kind + "\"}";
          case "app.deploy", "app.plan" ->
              "{\"name\":\"matrix\",\"image\":\"ghcr.io/acme/matrix:1.0\",\"port\":8080}";
          case "app.rollback" -> "{\"revision\":1}";
          case "secret.write" -> "{\"name\":\"matrix\",\"values\":{\"k\":\"v\"}}";
          case "environment.lifecycle" -> "{\"days\":1}";
          default -> "{}";
        };
    RequestSpecification request =
        given().auth().oauth2(token(c.role())).header("Slipway-Plan-Hash", PLAN_HASH);
    if (path.endsWith("/events")) {
      // SSE of an operation: its ownership is the resource's check (DeployCommandIT); a random
      // id here only shows the route is past the filter.
      request = request.accept("application/json");
    }
    if (!c.route().verb().equals("GET") && !c.route().verb().equals("DELETE")) {
      request = request.contentType("application/json").body(body);
    }
    return request.request(c.route().verb(), path);
  }
}
