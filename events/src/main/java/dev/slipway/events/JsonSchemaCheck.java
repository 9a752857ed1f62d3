package dev.slipway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A JSON Schema (draft 2020-12) loaded from the classpath, answering every violation as a {@link
 * FieldError} whose field is a path like {@code env[0].name}, so clients can point at the input.
 */
public final class JsonSchemaCheck {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder()
          .pathType(PathType.JSON_PATH)
          // A schema may say in its own words what a rule means: {"message": {"pattern": "..."}}.
          .errorMessageKeyword("message")
          .formatAssertionsEnabled(true)
          .locale(Locale.ENGLISH)
          .build();

  /** The reason given for a field the schema does not define. */
  public static final String UNKNOWN_FIELD = "is not a known field";

  private final JsonSchema schema;

  private JsonSchemaCheck(JsonSchema schema) {
    this.schema = schema;
  }

  public static JsonSchemaCheck fromClasspath(String resource) {
    try (InputStream in = JsonSchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no JSON Schema on the classpath at " + resource);
      }
      return new JsonSchemaCheck(FACTORY.getSchema(in, InputFormat.JSON, CONFIG));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<FieldError> validate(JsonNode document) {
    return schema.validate(document).stream()
        .map(JsonSchemaCheck::toFieldError)
        .distinct()
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::reason))
        .toList();
  }

  private static FieldError toFieldError(ValidationMessage message) {
    String path = relative(message.getInstanceLocation().toString());
    String reason = message.getMessage();
    // The location of "additionalProperties" and "required" is the parent; name the field itself.
    if (message.getProperty() != null
        && ("additionalProperties".equals(message.getType())
            || "required".equals(message.getType()))) {
      path = path.isEmpty() ? message.getProperty() : path + "." + message.getProperty();
      reason = "required".equals(message.getType()) ? "is required" : UNKNOWN_FIELD;
    } else {
      reason = stripLocation(reason, message.getInstanceLocation().toString());
    }
    return new FieldError(path.isEmpty() ? "$" : path, reason);
  }

  private static String relative(String jsonPath) {
    if (jsonPath.equals("$")) {
      return "";
    }
    return jsonPath.startsWith("$.") ? jsonPath.substring(2) : jsonPath.substring(1);
  }

  /** networknt prefixes messages with the location; the field already carries it. */
  private static String stripLocation(String message, String location) {
    String prefix = location + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
