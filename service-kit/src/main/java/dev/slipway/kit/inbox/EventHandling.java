package dev.slipway.kit.inbox;

import dev.slipway.events.EventJson;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * How every consumer treats a record. Poison (not a CloudEvent, or a payload that violates its
 * schema) and {@link PermanentFailure} go to the dead-letter topic with the reason, and the
 * partition keeps flowing. A dependency that is down (database, Kubernetes API) is retried with
 * back-off for as long as it takes, holding the partition so that one key's events stay in order.
 * Anything else is retried a few times, then dead-lettered, so one bug cannot stall a partition.
 */
public final class EventHandling {

  private static final Logger LOG = Logger.getLogger(EventHandling.class);
  private static final int UNEXPECTED_ATTEMPTS = 3;

  private EventHandling() {}

  public static Uni<Void> handle(
      Message<String> message, Function<IncomingEvent, Uni<Void>> handler) {
    IncomingEvent event;
    try {
      event = IncomingEvent.of(message);
    } catch (EventJson.InvalidEventException poison) {
      return nack(message, poison);
    }
    return Uni.createFrom()
        .deferred(() -> handler.apply(event))
        .onFailure(EventHandling::isTransient)
        .invoke(
            f ->
                LOG.warnf(
                    "event %s (%s): a dependency failed, retrying: %s",
                    event.id(), event.type(), f.toString()))
        .onFailure(EventHandling::isTransient)
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .indefinitely()
        .onFailure(f -> !isPermanent(f))
        .retry()
        .atMost(UNEXPECTED_ATTEMPTS - 1)
        .onItemOrFailure()
        .transformToUni(
            (ok, failure) ->
                failure == null
                    ? Uni.createFrom().completionStage(message.ack())
                    : nack(message, failure));
  }

  private static Uni<Void> nack(Message<String> message, Throwable reason) {
    LOG.errorf("dead-lettering a record: %s", reason.getMessage());
    return Uni.createFrom().completionStage(message.nack(reason));
  }

  static boolean isPermanent(Throwable failure) {
    return failure instanceof EventJson.InvalidEventException
        || failure instanceof PermanentFailure;
  }

  /** fabric8 is on the classpath of the services that reach Kubernetes only (not the gateway's). */
  private static final boolean KUBERNETES_CLIENT =
      present("io.fabric8.kubernetes.client.KubernetesClientException");

  private static boolean present(String className) {
    try {
      Class.forName(className, false, EventHandling.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Connection-level failures of a dependency: they end when the dependency is back. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Hibernate Reactive reports a cut connection together with the failed rollback after it.
      if (t instanceof io.smallrye.mutiny.CompositeException composite
          && composite.getCauses().stream().anyMatch(EventHandling::isTransient)) {
        return true;
      }
      if (t instanceof TransientFailure
          // A read of the Kubernetes API outside the applier (a plan's live objects) whose
          // connection was cut or that was answered 429/5xx (issue 11's suite found a 500).
          || KUBERNETES_CLIENT && dev.slipway.kit.kubernetes.ServerSideApplier.isTransientFailure(t)
          || t instanceof ConnectException
          // PostgreSQL stopped under an open connection (issue 11's suite found it dead-lettered).
          || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof TimeoutException
          || t instanceof java.net.SocketException
          || t instanceof java.io.InterruptedIOException
          || t instanceof io.vertx.core.impl.NoStackTraceThrowable
          || t.getClass().getName().startsWith("io.vertx.core.net")
          || t.getClass().getName().equals("io.vertx.pgclient.PgException")
              && isConnectionSqlState(((io.vertx.pgclient.PgException) t).getSqlState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConnectionSqlState(String sqlState) {
    // 08: connection exception; 57P: operator intervention (shutdown); 53: insufficient resources.
    return sqlState != null
        && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.startsWith("53"));
  }

  /** A failure that will not go away by retrying: the record goes to the dead-letter topic. */
  public static class PermanentFailure extends RuntimeException {
    public PermanentFailure(String message) {
      super(message);
    }
  }

  /** A failure of a dependency that retrying will cure, such as the Kubernetes API being down. */
  public static class TransientFailure extends RuntimeException {
    public TransientFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
