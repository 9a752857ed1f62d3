package dev.slipway.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventHandlingTest {

  /**
   * PostgreSQL stopped under an open connection: Hibernate Reactive fails with the closed
   * connection and the rollback that could not run. Found by the reliability suite (issue 11),
   * where audit-service dead-lettered a real event and the services answered 500 instead of
   * retrying and 503.
   */
  @Test
  void aConnectionCutByAStoppedDatabaseIsRetriedNotDeadLettered() {
    var cut = ClosedConnectionException.INSTANCE;
    var withRollback =
        new CompositeException(
            List.of(cut, new IllegalStateException("HR000090: Live transaction detected")));

    assertThat(EventHandling.isTransient(cut)).isTrue();
    assertThat(EventHandling.isTransient(withRollback)).isTrue();
    assertThat(EventHandling.isTransient(new RuntimeException("wrapped", withRollback))).isTrue();
  }

  /**
   * A plan reads the live objects with the Kubernetes client, outside the applier: with the API
   * server's connection cut the plan answered 500 in the reliability suite, not 503.
   */
  @Test
  void aKubernetesApiOutageOutsideTheApplierIsRetriedButARefusalIsNot() {
    var cut =
        new KubernetesClientException(
            "Connection was closed", new IOException("Connection was closed"));
    var refused = new KubernetesClientException("forbidden", 403, null);

    assertThat(EventHandling.isTransient(cut)).isTrue();
    assertThat(EventHandling.isTransient(new RuntimeException("wrapped", cut))).isTrue();
    assertThat(EventHandling.isTransient(refused)).isFalse();
  }

  @Test
  void aBugIsNotMistakenForAnOutage() {
    assertThat(EventHandling.isTransient(new IllegalStateException("bug"))).isFalse();
    assertThat(
            EventHandling.isTransient(
                new CompositeException(
                    List.of(new IllegalStateException("a"), new NullPointerException("b")))))
        .isFalse();
  }
}
