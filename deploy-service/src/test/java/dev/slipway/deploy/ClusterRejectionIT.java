package dev.slipway.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A spec that passes Slipway's own checks but that the API server's validation refuses: the caller
 * gets the API server's field paths as problem+json, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(value = KubernetesTestResource.class, restrictToAnnotatedClass = false)
class ClusterRejectionIT {

  @BeforeAll
  static void teamNamespace() {
    LocalKubernetes.shared()
        .adminClient()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("payments-dev").endMetadata().build())
        .serverSideApply();
  }

  @Test
  void requestsAboveLimitsAreRefusedByTheApiServerWithItsFieldPath() {
    String spec =
        "{\"name\":\"greedy\",\"image\":\"ghcr.io/acme/x:1.0.0\",\"port\":8080,"
            + "\"resources\":{\"requests\":{\"cpu\":\"2\"},\"limits\":{\"cpu\":\"1\"}}}";
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("alice", List.of("/teams/payments/developer")))
        .contentType(ContentType.JSON)
        .body(spec)
        .post("/api/v1/teams/payments/environments/dev/apps/greedy/plan?kind=development")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("status", equalTo(422))
        .body("detail", containsString("Deployment greedy"))
        .body("errors.field", hasItem(containsString("resources.requests")));
  }
}
