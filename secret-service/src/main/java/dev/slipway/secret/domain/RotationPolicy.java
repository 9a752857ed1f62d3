package dev.slipway.secret.domain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.slipway.events.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * When and how a secret rotates: a Unix cron expression (UTC) or every N days, and a random
 * generator (length, charset) for the keys it regenerates (all keys when {@code keys} is empty).
 */
public record RotationPolicy(
    String cron, Integer everyDays, int length, String charset, List<String> keys) {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  public RotationPolicy {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }

  public static List<FieldError> validate(
      String field, String cron, Integer everyDays, Integer length, String charset) {
    List<FieldError> errors = new ArrayList<>();
    if ((cron == null) == (everyDays == null)) {
      errors.add(new FieldError(field, "set exactly one of cron or everyDays"));
    }
    if (cron != null) {
      try {
        PARSER.parse(cron).validate();
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(field + ".cron", "is not a Unix cron expression (5 fields, UTC)"));
      }
    }
    if (everyDays != null && (everyDays < 1 || everyDays > 3650)) {
      errors.add(new FieldError(field + ".everyDays", "must be between 1 and 3650"));
    }
    if (length != null && (length < 8 || length > 4096)) {
      errors.add(new FieldError(field + ".length", "must be between 8 and 4096"));
    }
    if (charset != null && ValueGenerator.characters(charset).chars().distinct().count() < 2) {
      errors.add(new FieldError(field + ".charset", "needs at least two distinct characters"));
    }
    return errors;
  }

  /** The first rotation after {@code from}. */
  public Instant next(Instant from) {
    if (everyDays != null) {
      return from.plus(Duration.ofDays(everyDays));
    }
    return ExecutionTime.forCron(PARSER.parse(cron))
        .nextExecution(from.atZone(ZoneOffset.UTC))
        .map(t -> t.toInstant())
        .orElseThrow(() -> new IllegalStateException("cron " + cron + " never fires"));
  }

  /** New values: the policy's keys regenerated, every other key kept. */
  public SecretValues rotate(SecretValues current) {
    var next = new java.util.TreeMap<>(current.asMap());
    for (String key : current.keys()) {
      if (keys.isEmpty() || keys.contains(key)) {
        next.put(key, ValueGenerator.generate(length, charset));
      }
    }
    return SecretValues.of(next);
  }

  /** Without a policy, rotate-now regenerates every key with the defaults. */
  public static RotationPolicy defaults() {
    return new RotationPolicy(
        null, null, ValueGenerator.DEFAULT_LENGTH, ValueGenerator.DEFAULT_CHARSET, List.of());
  }
}
