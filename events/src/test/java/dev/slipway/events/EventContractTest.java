package dev.slipway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A record, its JSON Schema and its golden example must agree, or the contract is broken. */
class EventContractTest {

  static Stream<EventType<?>> types() {
    return EventCatalog.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("types")
  void goldenExampleSatisfiesTheSchema(EventType<?> type) throws IOException {
    assertThat(EventSchemas.validate(type, example(type))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("types")
  void goldenExampleRoundTripsThroughTheRecordUnchanged(EventType<?> type) throws IOException {
    JsonNode golden = example(type);
    SlipwayEvent event = EventJson.read(type, golden.toString());
    assertThat(EventJson.tree(event)).isEqualTo(golden);
  }

  @ParameterizedTest
  @MethodSource("types")
  void schemaNamesExactlyTheRecordComponentsAndRequiresThemAll(EventType<?> type)
      throws IOException {
    JsonNode schema = resource(type.schemaResource());
    Set<String> components =
        new HashSet<>(
            Arrays.stream(type.recordClass().getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
    Set<String> properties = new HashSet<>();
    schema.path("properties").fieldNames().forEachRemaining(properties::add);
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));

    // A field added within a version is optional: the record omits it when null, and the schema
    // does not require it, so events written before it existed still validate.
    Set<String> optional =
        new HashSet<>(
            Arrays.stream(type.recordClass().getRecordComponents())
                .filter(
                    c -> {
                      var include =
                          c.getAccessor()
                              .getAnnotation(com.fasterxml.jackson.annotation.JsonInclude.class);
                      return include != null
                          && include.value()
                              == com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
                    })
                .map(RecordComponent::getName)
                .toList());
    Set<String> mandatory = new HashSet<>(components);
    mandatory.removeAll(optional);

    assertThat(properties).as("schema properties of " + type.ceType()).isEqualTo(components);
    assertThat(required).as("required of " + type.ceType()).isEqualTo(mandatory);
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("types")
  void typeNamesFollowTheConvention(EventType<?> type) {
    assertThat(type.ceType()).matches("dev\\.slipway\\.[a-z]+\\.[a-z-]+\\.v[0-9]+");
    assertThat(type.topic()).isEqualTo("slipway." + type.ceType().split("\\.")[2]);
    assertThat(EventCatalog.byCeType(type.ceType())).contains(type);
  }

  @ParameterizedTest
  @MethodSource("types")
  void aPayloadMissingARequiredFieldIsRejected(EventType<?> type) throws IOException {
    var broken = (com.fasterxml.jackson.databind.node.ObjectNode) example(type);
    broken.remove("team");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> EventJson.read(type, broken.toString()))
        .isInstanceOf(EventJson.InvalidEventException.class)
        .hasMessageContaining("team");
  }

  @ParameterizedTest
  @MethodSource("types")
  void aReaderToleratesAFieldAddedByANewerProducer(EventType<?> type) throws IOException {
    var newer = (com.fasterxml.jackson.databind.node.ObjectNode) example(type);
    newer.put("addedInALaterMinorVersion", true);
    assertThat(EventJson.read(type, newer.toString())).isNotNull();
  }

  static JsonNode example(EventType<?> type) throws IOException {
    return resource(type.exampleResource());
  }

  private static JsonNode resource(String path) throws IOException {
    try (InputStream in = EventContractTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return EventJson.mapper().readTree(in);
    }
  }
}
