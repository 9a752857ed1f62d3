package dev.slipway.kit.kubernetes;

import dev.slipway.events.FieldError;
import dev.slipway.kit.inbox.EventHandling.TransientFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one way Slipway writes to Kubernetes: server-side apply under the service's field manager,
 * all objects of a change or none.
 *
 * <p>Conflicts: Slipway declares only the fields it owns. When another manager changed one of them
 * (someone ran kubectl edit), the apply takes the field back ({@code force}), because the
 * platform's spec is the source of truth; the takeover is logged. A failure midway restores every
 * object already touched to what it was, so nothing stays half-applied.
 *
 * <p>{@link #applyAll} applies in list order, for objects that depend on earlier ones (a Namespace
 * and what lives in it, a Shipwright Build and its BuildRun). {@link #applyAllConcurrently} sends
 * every request of a set of independent objects at once (a rendered app): its wall time is that of
 * the slowest object, not the sum (ADR 0022).
 */
public final class ServerSideApplier {

  private static final Logger LOG = Logger.getLogger(ServerSideApplier.class);

  private static final AtomicInteger THREADS = new AtomicInteger();

  /**
   * fabric8's calls block their thread; these threads only wait on the API server. Idle ones end
   * after a minute; how many run at once is bounded by the callers (objects × concurrent changes).
   */
  private static final ExecutorService REQUESTS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "slipway-apply-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private final KubernetesClient client;
  private final String fieldManager;
  private final RestoreListener restores;

  public ServerSideApplier(KubernetesClient client, String fieldManager) {
    this(client, fieldManager, restore -> {});
  }

  /** {@code restores} is told of every object a failed change put back. */
  public ServerSideApplier(KubernetesClient client, String fieldManager, RestoreListener restores) {
    this.client = client;
    this.fieldManager = fieldManager;
    this.restores = restores;
  }

  /**
   * An object put back after a failed change. A restore that changes a spec back is a generation of
   * its own (and so was the change it undid), which no recorded change explains: a service can keep
   * these to account for every generation of what it owns (the reliability suite does).
   *
   * @param generationBefore the object's generation before the failed change (null when it did not
   *     exist, or has none)
   * @param generationAfter its generation once restored (null when the restore deleted it)
   */
  public record Restore(
      String kind, String namespace, String name, Long generationBefore, Long generationAfter) {}

  /** Told of each restore once it is done; a restore that failed is only logged. */
  @FunctionalInterface
  public interface RestoreListener {
    void restored(Restore restore);
  }

  public String fieldManager() {
    return fieldManager;
  }

  /**
   * Applies the objects in order.
   *
   * @throws ApplyException when the API server refuses one (validation, permission)
   * @throws TransientFailure when the API server cannot be reached or is overloaded
   */
  public List<ApplyOutcome> applyAll(List<? extends HasMetadata> objects) {
    List<Touched> touched = new ArrayList<>();
    List<ApplyOutcome> outcomes = new ArrayList<>();
    try {
      for (HasMetadata object : objects) {
        HasMetadata before = client.resource(object).get();
        if (before != null && !managedBySlipway(before)) {
          restore(touched);
          throw notOurs(object);
        }
        touched.add(new Touched(object, before));
        outcomes.add(apply(object, before));
      }
      return outcomes;
    } catch (KubernetesClientException e) {
      restore(touched);
      throw translate(e, touched.isEmpty() ? null : touched.get(touched.size() - 1).desired());
    }
  }

  /**
   * Applies objects that do not depend on one another, all at once: every live object is read
   * concurrently, nothing is written if one of them belongs to someone else, then every object is
   * applied concurrently. If any apply fails, every object is restored to what it was (deleted when
   * it did not exist) once all requests have ended, and the first failure in list order is
   * reported. Outcomes are in list order.
   *
   * @throws ApplyException when the API server refuses one (validation, permission)
   * @throws TransientFailure when the API server cannot be reached or is overloaded
   */
  public List<ApplyOutcome> applyAllConcurrently(List<? extends HasMetadata> objects) {
    List<Result<HasMetadata>> reads = inParallel(objects, object -> client.resource(object).get());
    List<Touched> touched = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      HasMetadata object = objects.get(i);
      Result<HasMetadata> read = reads.get(i);
      if (read.failure() != null) {
        throw translate(read.failure(), object);
      }
      if (read.value() != null && !managedBySlipway(read.value())) {
        throw notOurs(object);
      }
      touched.add(new Touched(object, read.value()));
    }
    List<Result<ApplyOutcome>> applies = inParallel(touched, t -> apply(t.desired(), t.before()));
    for (int i = 0; i < applies.size(); i++) {
      if (applies.get(i).failure() != null) {
        restore(touched);
        throw translate(applies.get(i).failure(), objects.get(i));
      }
    }
    return applies.stream().map(Result::value).toList();
  }

  /** A call's value or the API server's refusal; anything else is a bug and propagates. */
  private record Result<T>(T value, KubernetesClientException failure) {}

  private static <I, T> List<Result<T>> inParallel(List<? extends I> inputs, Function<I, T> call) {
    List<CompletableFuture<Result<T>>> calls = new ArrayList<>();
    for (I input : inputs) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new Result<>(call.apply(input), null);
                } catch (KubernetesClientException e) {
                  return new Result<>(null, e);
                }
              },
              REQUESTS));
    }
    try {
      return calls.stream().map(CompletableFuture::join).toList();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static ApplyException notOurs(HasMetadata object) {
    return new ApplyException(
        409,
        object.getKind()
            + " "
            + object.getMetadata().getName()
            + " exists and is not managed by Slipway; it is left as it is",
        List.of(new FieldError("metadata.name", "is taken by an object Slipway did not make")));
  }

  /** Server-side dry run: what the apply would produce, validated by the API server. */
  public HasMetadata dryRun(HasMetadata object) {
    try {
      return client
          .resource(object)
          .dryRun()
          .fieldManager(fieldManager)
          .forceConflicts()
          .serverSideApply();
    } catch (KubernetesClientException e) {
      throw translate(e, object);
    }
  }

  private ApplyOutcome apply(HasMetadata object, HasMetadata before) {
    try {
      return outcome(
          object, before, client.resource(object).fieldManager(fieldManager).serverSideApply());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      String conflict = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
      LOG.warnf(
          "%s %s: taking back fields another manager changed: %s",
          object.getKind(), object.getMetadata().getName(), conflict);
      client.resource(object).fieldManager(fieldManager).forceConflicts().serverSideApply();
      return new ApplyOutcome.Forced(object.getKind(), object.getMetadata().getName(), conflict);
    }
  }

  private static ApplyOutcome outcome(HasMetadata desired, HasMetadata before, HasMetadata after) {
    String kind = desired.getKind();
    String name = desired.getMetadata().getName();
    if (before == null) {
      return new ApplyOutcome.Created(kind, name);
    }
    return Objects.equals(
            before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())
        ? new ApplyOutcome.Noop(kind, name)
        : new ApplyOutcome.Patched(kind, name);
  }

  private void restore(List<Touched> touched) {
    for (int i = touched.size() - 1; i >= 0; i--) {
      Touched t = touched.get(i);
      ObjectMeta meta = t.desired().getMetadata();
      Long generationBefore = t.before() == null ? null : t.before().getMetadata().getGeneration();
      Long generationAfter = null;
      try {
        if (t.before() == null) {
          client.resource(t.desired()).delete();
        } else {
          generationAfter =
              client
                  .resource(withoutServerFields(t.before()))
                  .fieldManager(fieldManager)
                  .forceConflicts()
                  .serverSideApply()
                  .getMetadata()
                  .getGeneration();
        }
      } catch (KubernetesClientException e) {
        // The object stays as the failed apply left it; the failure that caused the restore is
        // what the caller reports, and the next apply converges it.
        LOG.errorf(
            "could not restore %s %s: %s",
            t.desired().getKind(), t.desired().getMetadata().getName(), e.getMessage());
        continue;
      }
      try {
        restores.restored(
            new Restore(
                t.desired().getKind(),
                meta.getNamespace(),
                meta.getName(),
                generationBefore,
                generationAfter));
      } catch (RuntimeException e) {
        LOG.errorf(
            "could not record the restore of %s %s: %s",
            t.desired().getKind(), meta.getName(), e.getMessage());
      }
    }
  }

  private static HasMetadata withoutServerFields(HasMetadata live) {
    ObjectMeta meta = live.getMetadata();
    meta.setManagedFields(null);
    meta.setResourceVersion(null);
    meta.setUid(null);
    meta.setCreationTimestamp(null);
    meta.setGeneration(null);
    return live;
  }

  /** Slipway never takes over what someone else made, even when the name matches. */
  private static boolean managedBySlipway(HasMetadata live) {
    var labels = live.getMetadata().getLabels();
    return labels != null && Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY));
  }

  /** Whether {@code failure} is the Kubernetes client's, and {@link #isTransient} says so. */
  public static boolean isTransientFailure(Throwable failure) {
    return failure instanceof KubernetesClientException e && isTransient(e);
  }

  /** The API server is unreachable or overloaded: retrying later will succeed. */
  public static boolean isTransient(KubernetesClientException e) {
    int code = e.getCode();
    // A failed connection has no HTTP status: fabric8 reports code -1 with the I/O cause. A 409
    // that survives a forced apply is a write that raced ours (a stale resourceVersion), not a
    // refusal: retrying converges (found by the reliability suite's 409 fault).
    if (code >= 500 && rangeIsFull(e)) {
      return false;
    }
    if (code <= 0 || code == 409 || code == 429 || code >= 500) {
      return true;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The API server answers 500 when a cluster-wide allocation range is exhausted ("failed to
   * allocate a serviceIP: range is full", the same for node ports): retrying cannot help until an
   * administrator acts, so the change fails with that reason instead of retrying for ever.
   */
  private static boolean rangeIsFull(KubernetesClientException e) {
    Status status = e.getStatus();
    String message =
        status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    return message != null && message.contains("range is full");
  }

  static RuntimeException translate(KubernetesClientException e, HasMetadata object) {
    String what =
        object == null ? "the apply" : object.getKind() + " " + object.getMetadata().getName();
    if (isTransient(e)) {
      return new TransientFailure("Kubernetes API unavailable while applying " + what, e);
    }
    Status status = e.getStatus();
    List<FieldError> errors = new ArrayList<>();
    if (status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
      status
          .getDetails()
          .getCauses()
          .forEach(
              c ->
                  errors.add(
                      new FieldError(c.getField() == null ? "$" : c.getField(), c.getMessage())));
    }
    String reason =
        status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    return new ApplyException(
        e.getCode(), "the Kubernetes API rejected " + what + ": " + reason, errors);
  }

  private record Touched(HasMetadata desired, HasMetadata before) {}
}
