package dev.slipway.gateway.service;

import dev.slipway.gateway.client.GitHostComments;
import dev.slipway.gateway.config.PreviewsConfig;
import dev.slipway.gateway.persistence.PreviewComment;
import dev.slipway.kit.reactive.BlockingCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Posts each waiting preview URL on its pull request once the preview's operation has succeeded.
 * Rows are locked ({@code for update skip locked}) while posting, so replicas never post the same
 * one together; a failure is retried with a doubling delay; the git host's own comments are checked
 * for the comment's marker first, so a post whose success was not recorded is not repeated.
 */
@ApplicationScoped
public class PreviewComments {

  private static final Logger LOG = Logger.getLogger(PreviewComments.class);
  private static final Duration MAX_DELAY = Duration.ofMinutes(10);

  private final PreviewsConfig config;
  private final GitHostComments gitHost;
  private final BlockingCalls blocking;

  public PreviewComments(PreviewsConfig config, GitHostComments gitHost, BlockingCalls blocking) {
    this.config = config;
    this.gitHost = gitHost;
    this.blocking = blocking;
  }

  @Scheduled(
      every = "${slipway.previews.comments.check-every:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> run() {
    return postDue(Instant.now())
        .onFailure()
        .invoke(f -> LOG.warnf("preview comment pass failed, next pass retries: %s", f.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Posts what is due at {@code now}; answers how many were posted. */
  public Uni<Integer> postDue(Instant now) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(
                                "select c.* from preview_comment c join operation o"
                                    + " on o.id = c.operation_id where c.posted_at is null"
                                    + " and o.state = 'SUCCEEDED' and c.next_attempt_at <= :now"
                                    + " and c.attempts < :max order by c.next_attempt_at limit 20"
                                    + " for update of c skip locked",
                                PreviewComment.class)
                            .setParameter("now", now)
                            .setParameter("max", config.comments().maxAttempts())
                            .getResultList())
                .chain(
                    due ->
                        Multi.createFrom()
                            .iterable(due)
                            .onItem()
                            .transformToUniAndConcatenate(c -> post(c, now))
                            .collect()
                            .asList()
                            .map(
                                done ->
                                    (int) done.stream().filter(Boolean::booleanValue).count())));
  }

  private Uni<Boolean> post(PreviewComment c, Instant now) {
    String token = config.teams().get(c.team).apiToken(c.provider).orElse(null);
    if (token == null) {
      c.attempts = config.comments().maxAttempts();
      c.lastError = "no API token for " + c.provider + " configured for team " + c.team;
      return Uni.createFrom().item(false);
    }
    String marker = "<!-- slipway-preview:" + c.operationId + " -->";
    String text = "Preview environment for this pull request: " + c.url;
    return blocking
        .call(() -> gitHost.post(c.provider, c.repository, c.number, token, marker, text))
        .map(
            posted -> {
              c.postedAt = now.truncatedTo(ChronoUnit.MICROS);
              c.attempts++;
              LOG.infof(
                  "operation=%s team=%s preview URL %s on %s %s#%d",
                  c.operationId,
                  c.team,
                  posted ? "posted" : "was already",
                  c.provider,
                  c.repository,
                  c.number);
              return posted;
            })
        .onFailure(GitHostComments.CommentFailed.class)
        .recoverWithItem(
            failure -> {
              c.attempts++;
              c.lastError = failure.getMessage();
              Duration delay =
                  config.comments().retryAfter().multipliedBy(1L << Math.min(c.attempts - 1, 20));
              c.nextAttemptAt =
                  now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay)
                      .truncatedTo(ChronoUnit.MICROS);
              LOG.warnf(
                  "operation=%s team=%s preview comment attempt %d failed: %s",
                  c.operationId, c.team, c.attempts, failure.getMessage());
              return false;
            });
  }
}
