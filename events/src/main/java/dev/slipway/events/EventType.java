package dev.slipway.events;

/**
 * The wire identity of one event record: its CloudEvents type ({@code
 * dev.slipway.<aggregate>.<fact>.v<N>}) and its topic. The JSON Schema and the golden example live
 * on the classpath under the type's name.
 */
public record EventType<T extends SlipwayEvent>(Class<T> recordClass, String ceType, String topic) {

  public String schemaResource() {
    return "/dev/slipway/events/schemas/" + ceType + ".json";
  }

  public String exampleResource() {
    return "/dev/slipway/events/examples/" + ceType + ".json";
  }
}
