package dev.slipway.deploy.observe;

import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.observe.AppCluster.PodContainers;
import dev.slipway.deploy.observe.Views.EventView;
import dev.slipway.deploy.observe.Views.EventsView;
import dev.slipway.deploy.observe.Views.LogLineView;
import dev.slipway.deploy.observe.Views.LogsView;
import dev.slipway.deploy.observe.Views.MetricsView;
import dev.slipway.deploy.observe.Views.TraceLink;
import dev.slipway.deploy.observe.Views.UnavailableSource;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.reactive.BlockingCalls;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Logs, events, metrics and the trace link of one app, for its team (platform admins: any team).
 * Log lines pass through: Slipway never logs, audits or keeps them.
 */
@Path("/api/v1/teams/{team}/environments/{env}/apps/{app}")
@Authenticated
public class ObservabilityResource {

  private static final Duration MIN_STEP = Duration.ofSeconds(1);

  private final CurrentApp current;
  private final AppCluster cluster;
  private final LogSource logs;
  private final LogReads reads;
  private final PrometheusClient prometheus;
  private final BlockingCalls blocking;
  private final ObserveConfig config;

  public ObservabilityResource(
      CurrentApp current,
      AppCluster cluster,
      LogSource logs,
      LogReads reads,
      PrometheusClient prometheus,
      BlockingCalls blocking,
      ObserveConfig config) {
    this.current = current;
    this.cluster = cluster;
    this.logs = logs;
    this.reads = reads;
    this.prometheus = prometheus;
    this.blocking = blocking;
    this.config = config;
  }

  /**
   * The last {@code tail} lines of the app's pods, merged in time order with a {@code
   * pod/container} prefix. The live tail is {@code logs/follow} ({@link #follow}).
   */
  @GET
  @Path("logs")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<LogsView> logs(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("tail") String tail,
      @QueryParam("since") String since,
      @QueryParam("pod") String pod,
      @QueryParam("container") String container,
      @QueryParam("grep") String grep,
      @QueryParam("regex") @DefaultValue("false") boolean regex,
      @QueryParam("follow") String follow) {
    if (follow != null) {
      throw ProblemException.invalid(
          List.of(new FieldError("follow", "the live tail is GET .../logs/follow (SSE)")));
    }
    LogQuery query = query(tail, since, pod, container, grep, regex);
    int perContainer = query.filtered() ? config.logs().maxTail() : query.tail();
    AppTarget target = current.get();
    return blocking.call(() -> read(target, query, perContainer));
  }

  /**
   * The same lines, then each new one as it is written (SSE), for at most {@code follow-max}, of
   * the pods there when the stream starts. Blocking: lists the pods first, so that a wrong pod is
   * still a 404 and not a broken stream.
   */
  @GET
  @Path("logs/follow")
  @Blocking
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<LogLineView> follow(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("tail") String tail,
      @QueryParam("since") String since,
      @QueryParam("pod") String pod,
      @QueryParam("container") String container,
      @QueryParam("grep") String grep,
      @QueryParam("regex") @DefaultValue("false") boolean regex) {
    LogQuery query = query(tail, since, pod, container, grep, regex);
    AppTarget target = current.get();
    return stream(target, sources(target, query), query).select().first(config.logs().followMax());
  }

  /** Events about the app's objects, newest first. */
  @GET
  @Path("events")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<EventsView> events(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("limit") Integer limit) {
    int max = config.events().maxLimit();
    if (limit != null && (limit < 1 || limit > max)) {
      throw ProblemException.invalid(
          List.of(new FieldError("limit", "must be between 1 and " + max)));
    }
    int count = limit == null ? config.events().defaultLimit() : limit;
    AppTarget target = current.get();
    return blocking
        .call(() -> cluster.events(target))
        .map(
            events ->
                new EventsView(
                    events.stream()
                        .map(EventView::of)
                        .sorted(
                            Comparator.comparing(
                                    EventView::lastTime,
                                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                                .reversed())
                        .limit(count)
                        .toList()));
  }

  /**
   * CPU and memory per pod (metrics API), and the configured Prometheus queries over {@code range}
   * (default 1h) ending at {@code end} (default now), one point every {@code step}.
   */
  @GET
  @Path("metrics")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<MetricsView> metrics(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("range") String range,
      @QueryParam("step") String step,
      @QueryParam("end") String end) {
    PrometheusClient.Range window = range(range, step, end, Instant.now());
    AppTarget target = current.get();
    return Uni.createFrom()
        .item(target)
        .chain(
            t ->
                blocking
                    .call(() -> cluster.usage(target))
                    .chain(
                        usage ->
                            (prometheus.configured()
                                    ? prometheus.traffic(target, window)
                                    : Uni.createFrom()
                                        .item(PrometheusClient.Traffic.notConfigured()))
                                .map(traffic -> new MetricsView(usage, traffic))));
  }

  /** The app's traces in the configured Jaeger or Tempo. */
  @GET
  @Path("trace")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<TraceLink> trace(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app) {
    AppTarget checked = current.get();
    return Uni.createFrom()
        .item(checked)
        .map(
            target ->
                config
                    .trace()
                    .urlTemplate()
                    .map(
                        template ->
                            new TraceLink(
                                true,
                                Placeholders.fill(
                                    template,
                                    target,
                                    v -> URLEncoder.encode(v, StandardCharsets.UTF_8))))
                    .orElse(new TraceLink(false, null)));
  }

  private LogQuery query(
      String tail, String since, String pod, String container, String grep, boolean regex) {
    return LogQuery.of(config.logs(), tail, since, pod, container, grep, regex, Instant.now());
  }

  /** The containers to read, as {@code [pod, container]}, bounded in number. */
  private List<Source> sources(AppTarget target, LogQuery query) {
    List<Source> sources = new ArrayList<>();
    for (PodContainers pod : cluster.pods(target)) {
      for (String container : pod.containers()) {
        if (query.wants(pod.pod(), container)) {
          sources.add(new Source(pod.pod(), container));
        }
      }
    }
    if (query.pod() != null && sources.isEmpty()) {
      throw ProblemException.notFound(
          "Pod "
              + query.pod()
              + (query.container() == null ? "" : "/" + query.container())
              + " of app "
              + target.app());
    }
    int max = config.logs().maxContainers();
    if (sources.size() > max) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  "pod",
                  "the app has "
                      + sources.size()
                      + " containers, more than "
                      + max
                      + " read at once: name a pod or a container")));
    }
    return sources;
  }

  private LogsView read(AppTarget target, LogQuery query, int perContainer) {
    List<Source> sources = sources(target, query);
    List<List<LogLine>> perSource = new ArrayList<>();
    List<UnavailableSource> unavailable = new ArrayList<>();
    for (LogReads.Outcome<Source> outcome :
        reads.readAll(
            sources,
            source ->
                logs.read(
                    target.namespace(),
                    source.pod(),
                    source.container(),
                    perContainer,
                    query.since(),
                    config.logs().maxBytesPerContainer()),
            config.logs().readTimeout())) {
      Source source = outcome.source();
      if (!outcome.answered()) {
        unavailable.add(new UnavailableSource(source.label(), outcome.failure()));
        continue;
      }
      perSource.add(
          outcome.lines().stream()
              .map(raw -> LogLine.parse(source.pod(), source.container(), raw))
              .toList());
    }
    return new LogsView(
        sources.stream().map(Source::label).toList(),
        LogMerger.merge(perSource, query.filter(), query.tail()).stream()
            .map(LogLineView::of)
            .toList(),
        unavailable);
  }

  private Multi<LogLineView> stream(AppTarget target, List<Source> sources, LogQuery query) {
    return Multi.createFrom()
        .<LogLineView>emitter(
            emitter -> {
              List<LogSource.Following> open = new CopyOnWriteArrayList<>();
              emitter.onTermination(() -> open.forEach(LogSource.Following::close));
              if (sources.isEmpty()) {
                emitter.complete();
                return;
              }
              AtomicInteger running = new AtomicInteger(sources.size());
              for (Source source : sources) {
                if (emitter.isCancelled()) {
                  return;
                }
                open.add(
                    logs.follow(
                        target.namespace(),
                        source.pod(),
                        source.container(),
                        query.tail(),
                        query.since(),
                        raw -> {
                          LogLine line = LogLine.parse(source.pod(), source.container(), raw);
                          if (query.filter().matches(line.message())) {
                            emitter.emit(LogLineView.of(line));
                          }
                        },
                        () -> {
                          if (running.decrementAndGet() == 0) {
                            emitter.complete();
                          }
                        }));
              }
              if (emitter.isCancelled()) {
                open.forEach(LogSource.Following::close);
              }
            })
        // opening a follow is a blocking call
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** The query range, checked: bounded in length and in points. */
  private PrometheusClient.Range range(String range, String step, String end, Instant now) {
    var limits = config.prometheus();
    List<FieldError> errors = new ArrayList<>();
    Duration length = limits.defaultRange();
    if (range != null) {
      length = Durations.parse(range);
      if (length == null || length.isZero() || length.isNegative()) {
        errors.add(new FieldError("range", "must be a duration (15m, 1h, 7d)"));
        length = limits.defaultRange();
      } else if (length.compareTo(limits.maxRange()) > 0) {
        errors.add(new FieldError("range", "must be at most " + limits.maxRange()));
      }
    }
    Instant to = now;
    if (end != null) {
      try {
        to = Instant.parse(end);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("end", "must be an RFC 3339 time (UTC, ...Z)"));
      }
    }
    Duration every =
        Duration.ofSeconds(
            Math.max(MIN_STEP.toSeconds(), -Math.floorDiv(-length.toSeconds(), 120)));
    if (step != null) {
      Duration asked = Durations.parse(step);
      if (asked == null || asked.compareTo(MIN_STEP) < 0) {
        errors.add(new FieldError("step", "must be a duration of at least 1s"));
      } else if (length.toSeconds() / asked.toSeconds() > limits.maxPoints()) {
        errors.add(
            new FieldError(
                "step", "gives more than " + limits.maxPoints() + " points over the range"));
      } else {
        every = asked;
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new PrometheusClient.Range(to.minus(length), to, every);
  }

  private record Source(String pod, String container) {
    String label() {
      return pod + "/" + container;
    }
  }
}
