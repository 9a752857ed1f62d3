package dev.slipway.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class UpstreamTest {

  @Test
  void aServicesRetryAfterReachesTheClient() {
    Response unavailable =
        Response.status(503)
            .type("application/problem+json")
            .header("Retry-After", "5")
            .entity("{\"status\":503}")
            .build();

    Response relayed =
        Upstream.relay("environment-service", Uni.createFrom().item(unavailable))
            .await()
            .indefinitely();

    assertThat(relayed.getStatus()).isEqualTo(503);
    assertThat(relayed.getHeaderString("Retry-After")).isEqualTo("5");
  }
}
