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
 * When and how a secret rotates: a Unix cron expression (UTC) or every N days, and a generator for
 * the keys it regenerates (all keys when {@code keys} is empty): random (length, charset), or an
 * external {@code hook}, an http(s) URL that answers the new values (see RotationHook).
 */
public record RotationPolicy(
    String cron, Integer everyDays, int length, String charset, List<String> keys, String hook) {

  public RotationPolicy(
      String cron, Integer everyDays, int length, String charset, List<String> keys) {
    this(cron, everyDays, length, charset, keys, null);
  }

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

  /** An external generator must be an absolute http(s) URL: no file:, jar: or other schemes. */
  public static List<FieldError> validateHook(String field, String hook) {
    if (hook == null) {
      return List.of();
    }
    try {
      java.net.URI uri = new java.net.URI(hook);
      String scheme =
          uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        return List.of(new FieldError(field, "must be an absolute http:// or https:// URL"));
      }
      if (uri.getUserInfo() != null) {
        return List.of(new FieldError(field, "must not carry credentials in the URL"));
      }
      return List.of();
    } catch (java.net.URISyntaxException e) {
      return List.of(new FieldError(field, "is not a URL"));
    }
  }

  /** The keys a rotation regenerates: the policy's, or all of them. */
  public List<String> keysToRotate(SecretValues current) {
    return current.keys().stream().filter(k -> keys.isEmpty() || keys.contains(k)).toList();
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
    var generated = new java.util.TreeMap<String, String>();
    for (String key : keysToRotate(current)) {
      generated.put(key, ValueGenerator.generate(length, charset));
    }
    return merge(current, generated);
  }

  /** The current values with the regenerated keys replaced. */
  public static SecretValues merge(SecretValues current, java.util.Map<String, String> generated) {
    var next = new java.util.TreeMap<>(current.asMap());
    next.putAll(generated);
    return SecretValues.of(next);
  }

  /** Without a policy, rotate-now regenerates every key with the defaults. */
  public static RotationPolicy defaults() {
    return new RotationPolicy(
        null, null, ValueGenerator.DEFAULT_LENGTH, ValueGenerator.DEFAULT_CHARSET, List.of());
  }
}
