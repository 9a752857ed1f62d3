package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import dev.slipway.events.FieldError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A team's quota from one set of values per environment kind to another. An increase of any value
 * needs a second person's approval; {@link #hash()} names the change exactly (team, before and
 * after), so an approval cannot be replayed onto a quota that moved in the meantime.
 */
public record QuotaChange(
    String team,
    Map<EnvironmentKind, EnvironmentQuota> from,
    Map<EnvironmentKind, EnvironmentQuota> to) {

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

  /** One value that changes. */
  public record Difference(EnvironmentKind kind, QuotaResource resource, String from, String to) {}

  /** A proposal either becomes a change or is refused with every field's reason at once. */
  public sealed interface Review {
    record Valid(QuotaChange change) implements Review {}

    record Invalid(List<FieldError> errors) implements Review {}
  }

  /**
   * Checks a proposal against the platform's limit per environment. {@code proposed} is keyed by
   * kind, then resource ({@code cpu, memory, pods, storage}); a value missing keeps the current
   * one; a null value stands for one that was not a string or number.
   */
  public static Review review(
      String team,
      Map<EnvironmentKind, EnvironmentQuota> current,
      Map<String, Map<String, String>> proposed,
      EnvironmentQuota limits) {
    List<FieldError> errors = new ArrayList<>();
    Map<EnvironmentKind, Map<QuotaResource, String>> values = new EnumMap<>(EnvironmentKind.class);
    for (var kindEntry : proposed.entrySet()) {
      String kindField = "kinds." + kindEntry.getKey();
      EnvironmentKind kind;
      try {
        kind = EnvironmentKind.fromWire(kindEntry.getKey());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(kindField, "must be one of production, staging, development, preview"));
        continue;
      }
      if (kindEntry.getValue() == null) {
        errors.add(new FieldError(kindField, "must be an object of cpu, memory, pods, storage"));
        continue;
      }
      for (var valueEntry : kindEntry.getValue().entrySet()) {
        String field = kindField + "." + valueEntry.getKey();
        QuotaResource resource = resource(valueEntry.getKey());
        if (resource == null) {
          errors.add(new FieldError(field, "is not a known field (cpu, memory, pods, storage)"));
          continue;
        }
        String text = valueEntry.getValue();
        String problem = problem(resource, text, limits);
        if (problem != null) {
          errors.add(new FieldError(field, problem));
          continue;
        }
        values.computeIfAbsent(kind, k -> new EnumMap<>(QuotaResource.class)).put(resource, text);
      }
    }
    if (!errors.isEmpty()) {
      return new Review.Invalid(List.copyOf(errors));
    }
    Map<EnvironmentKind, EnvironmentQuota> to = new EnumMap<>(current);
    values.forEach((kind, changed) -> to.put(kind, with(current.get(kind), changed)));
    return new Review.Valid(new QuotaChange(team, Map.copyOf(current), Map.copyOf(to)));
  }

  /** True when any value of any kind goes up: the change then waits for an approval. */
  public boolean increase() {
    return differences().stream()
        .anyMatch(
            d ->
                Quantities.parse(d.to())
                        .orElseThrow()
                        .compareTo(Quantities.parse(d.from()).orElseThrow())
                    > 0);
  }

  public List<Difference> differences() {
    List<Difference> differences = new ArrayList<>();
    for (EnvironmentKind kind : EnvironmentKind.values()) {
      EnvironmentQuota before = from.get(kind);
      EnvironmentQuota after = to.get(kind);
      if (before == null || after == null) {
        continue;
      }
      for (QuotaResource resource : QuotaResource.values()) {
        if (resource.value(before).compareTo(resource.value(after)) != 0) {
          differences.add(
              new Difference(kind, resource, resource.text(before), resource.text(after)));
        }
      }
    }
    return differences;
  }

  /** SHA-256 (hex) of the team and every value before and after, in a fixed order. */
  public String hash() {
    StringBuilder canonical = new StringBuilder(team);
    for (EnvironmentKind kind : EnvironmentKind.values()) {
      canonical.append('\n').append(kind.wire());
      for (QuotaResource resource : QuotaResource.values()) {
        canonical
            .append(' ')
            .append(resource.wire())
            .append('=')
            .append(text(from.get(kind), resource))
            .append('>')
            .append(text(to.get(kind), resource));
      }
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String text(EnvironmentQuota quota, QuotaResource resource) {
    return quota == null ? "-" : resource.text(quota);
  }

  private static QuotaResource resource(String wire) {
    for (QuotaResource r : QuotaResource.values()) {
      if (r.wire().equals(wire)) {
        return r;
      }
    }
    return null;
  }

  private static String problem(QuotaResource resource, String text, EnvironmentQuota limits) {
    if (resource == QuotaResource.PODS) {
      if (text == null || !WHOLE_NUMBER.matcher(text).matches()) {
        return "must be a whole number of pods, such as 50";
      }
    } else if (text == null || Quantities.parse(text).isEmpty()) {
      return "must be a Kubernetes quantity, such as "
          + (resource == QuotaResource.CPU ? "8 or 500m" : "16Gi");
    }
    BigDecimal value = Quantities.parse(text).orElseThrow();
    if (value.compareTo(resource.value(limits)) > 0) {
      return "is above the platform's limit of " + resource.text(limits) + " per environment";
    }
    return null;
  }

  private static EnvironmentQuota with(EnvironmentQuota base, Map<QuotaResource, String> changed) {
    return new EnvironmentQuota(
        changed.getOrDefault(QuotaResource.CPU, base.cpu()),
        changed.getOrDefault(QuotaResource.MEMORY, base.memory()),
        changed.containsKey(QuotaResource.PODS)
            ? Integer.parseInt(changed.get(QuotaResource.PODS))
            : base.pods(),
        changed.getOrDefault(QuotaResource.STORAGE, base.storage()));
  }
}
