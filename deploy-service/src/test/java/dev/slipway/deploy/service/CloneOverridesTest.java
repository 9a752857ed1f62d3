package dev.slipway.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventJson;
import org.junit.jupiter.api.Test;

class CloneOverridesTest {

  static ObjectNode json(String text) throws Exception {
    return (ObjectNode) EventJson.mapper().readTree(text);
  }

  @Test
  void scalesDownSwitchesPresetAndHostAndLeavesTheSourceAlone() throws Exception {
    ObjectNode source =
        json(
            "{\"name\":\"checkout\",\"image\":\"a/b:1\",\"port\":8080,\"replicas\":4,"
                + "\"autoscaling\":{\"enabled\":true,\"minReplicas\":3},"
                + "\"resources\":{\"preset\":\"large\"}}");

    ObjectNode clone =
        CloneOverrides.apply(
            source,
            json(
                "{\"replicas\":1,\"resources\":{\"preset\":\"small\"},"
                    + "\"host\":\"{app}.pr-7.example.com\"}"));

    assertThat(clone.path("replicas").asInt()).isEqualTo(1);
    assertThat(clone.has("autoscaling")).isFalse();
    assertThat(clone.path("resources").path("preset").asText()).isEqualTo("small");
    assertThat(clone.path("host").asText()).isEqualTo("checkout.pr-7.example.com");
    assertThat(source.path("replicas").asInt()).isEqualTo(4);
  }

  @Test
  void aPullRequestsImageReplacesTheBuildOfItsAppOnly() throws Exception {
    var overrides = json("{\"images\":{\"checkout\":\"ghcr.io/acme/checkout:pr-7-abc\"}}");
    ObjectNode built =
        json(
            "{\"name\":\"checkout\",\"gitRepo\":\"https://github.com/acme/checkout\","
                + "\"buildpack\":\"java\",\"port\":8080}");
    ObjectNode other = json("{\"name\":\"cart\",\"image\":\"a/cart:2\",\"port\":8080}");

    ObjectNode checkout = CloneOverrides.apply(built, overrides);

    assertThat(checkout.path("image").asText()).isEqualTo("ghcr.io/acme/checkout:pr-7-abc");
    assertThat(checkout.has("gitRepo")).isFalse();
    assertThat(checkout.has("buildpack")).isFalse();
    assertThat(CloneOverrides.apply(other, overrides).path("image").asText()).isEqualTo("a/cart:2");
  }

  @Test
  void noOverridesCopiesTheSpecAsItIs() throws Exception {
    ObjectNode source = json("{\"name\":\"cart\",\"image\":\"a/cart:2\",\"port\":8080}");
    assertThat(CloneOverrides.apply(source, null)).isEqualTo(source);
  }
}
