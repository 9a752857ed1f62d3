package dev.slipway.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlanAndTablesTest {

  @Test
  void aPlanShowsEachObjectsActionItsDiffTheGuardRailsAndHowToApplyIt() {
    var plan =
        Json.parse(
            """
            {"goldenPath":"web@2","diff":[
               {"kind":"Deployment","name":"hello","action":"update",
                "diff":"--- live\\n+++ planned\\n-  replicas: 3\\n+  replicas: 5\\n"},
               {"kind":"Service","name":"hello","action":"unchanged","diff":""}],
             "guardRails":{"allowed":true,"violations":[
               {"rule":"max-replicas","severity":"WARN","field":"Deployment/hello:spec.replicas",
                "message":"more than 4 replicas"}]},
             "planHash":"ab12"}
            """);

    String text = DeployCommand.renderPlan("payments", "dev", "hello", plan, "app.yaml");

    assertThat(text)
        .contains("Plan for payments/dev/hello (golden path web@2)")
        .contains("ACTION     OBJECT\nupdate     Deployment/hello\nunchanged  Service/hello\n")
        .contains("+  replicas: 5")
        .contains("Guard rails: allowed, with warnings")
        .contains("WARN      max-replicas  Deployment/hello:spec.replicas  more than 4 replicas")
        .contains("slipway-cli deploy -f app.yaml --team payments --env dev --plan-hash ab12");
  }

  @Test
  void aDeniedPlanSaysSoAndOffersNoHashToApply() {
    var plan =
        Json.parse(
            """
            {"goldenPath":"web@1","diff":[],"planHash":"ab12","guardRails":{"allowed":false,
             "violations":[{"rule":"registry","severity":"DENY","field":"Deployment/x:image",
                            "message":"registry not allowed"}]}}
            """);

    String text = DeployCommand.renderPlan("payments", "production", "x", plan, "x.yaml");

    assertThat(text).contains("Guard rails: DENIED").doesNotContain("--plan-hash");
  }

  @Test
  void environmentsShowHumanAgesAndExpiry() {
    var list =
        Json.parse(
            """
            [{"name":"dev","kind":"development","status":"READY","apps":2,"age":"PT26H3M",
              "expiresAt":"2026-11-28T12:00:00Z"},
             {"name":"production","kind":"production","status":"READY","apps":5,"age":"PT5M",
              "expiresAt":null}]
            """);

    String text = EnvCommand.table(list, Instant.parse("2026-11-25T12:00:00Z"));

    assertThat(text)
        .isEqualTo(
            "NAME        KIND         STATUS  APPS  AGE   EXPIRES  CLONED FROM\n"
                + "dev         development  READY   2     1d2h  in 3d    -\n"
                + "production  production   READY   5     5m    never    -\n");
  }

  @Test
  void specsAreYamlUnlessTheyLookLikeJson() {
    assertThat(DeployCommand.isYaml("app.yaml", "{}")).isTrue();
    assertThat(DeployCommand.isYaml("app.json", "name: x")).isFalse();
    assertThat(DeployCommand.isYaml("-", "  {\"name\":\"x\"}")).isFalse();
    assertThat(DeployCommand.isYaml("-", "name: x")).isTrue();
    assertThat(DeployCommand.appName("name: hello\nimage: nginx\n", true)).isEqualTo("hello");
  }
}
