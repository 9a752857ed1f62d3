package dev.slipway.events.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.FieldError;
import org.junit.jupiter.api.Test;

class AppSpecValidatorTest {

  private final AppSpecValidator validator = new AppSpecValidator();

  @Test
  void acceptsTheSimplestSpec() {
    var parsed =
        validator.parseAndValidate(
            "{\"name\":\"hello\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080}",
            false);
    assertThat(parsed.errors()).isEmpty();
  }

  @Test
  void acceptsThePlatformReferenceExampleInYaml() {
    String yaml =
        """
        name: user-service
        gitRepo: https://github.com/myorg/user-service
        buildpack: node  # or python, go, java
        port: 8080
        environmentVariables:
          - name: DATABASE_URL
            valueFrom: secret/db-credentials/url
          - name: LOG_LEVEL
            value: info
        resources:
          preset: medium  # small, medium, large
        autoscaling:
          enabled: true
          minReplicas: 2
          maxReplicas: 10
          targetCPU: 70
        """;
    assertThat(validator.parseAndValidate(yaml, true).errors()).isEmpty();
  }

  @Test
  void reportsEveryFieldErrorAtOnce() {
    var parsed =
        validator.parseAndValidate(
            "{\"name\":\"Bad_Name\",\"image\":\"nginx\",\"port\":70000,\"colour\":\"red\"}", false);
    assertThat(parsed.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("name", "port", "colour");
    assertThat(parsed.errors())
        .filteredOn(e -> e.field().equals("name"))
        .extracting(FieldError::reason)
        .singleElement()
        .asString()
        .startsWith("must be a DNS-1035 label");
    assertThat(parsed.errors())
        .filteredOn(e -> e.field().equals("colour"))
        .extracting(FieldError::reason)
        .containsExactly("is not a known field");
  }

  @Test
  void nestedUnknownFieldsCarryTheirPath() {
    var parsed =
        validator.parseAndValidate(
            "{\"name\":\"a\",\"image\":\"x:1\",\"port\":80,\"env\":[{\"name\":\"A\",\"value\":\"1\",\"x\":1}]}",
            false);
    assertThat(parsed.errors()).extracting(FieldError::field).containsExactly("env[0].x");
  }

  @Test
  void requiresImageOrRepoAndAValidImageReference() {
    assertThat(validator.parseAndValidate("{\"name\":\"a\",\"port\":80}", false).errors())
        .extracting(FieldError::field)
        .containsExactly("image");
    assertThat(
            validator
                .parseAndValidate("{\"name\":\"a\",\"image\":\"UPPER case\",\"port\":80}", false)
                .errors())
        .extracting(FieldError::field)
        .containsExactly("image");
  }

  @Test
  void rejectsMalformedBodiesAndOversizedSpecs() {
    assertThat(validator.parseAndValidate("{not json", false).errors())
        .extracting(FieldError::field)
        .containsExactly("$");
    assertThat(
            validator
                .parseAndValidate(
                    "{\"name\":\"" + "a".repeat(AppSpecValidator.MAX_BYTES) + "\"}", false)
                .errors())
        .singleElement()
        .extracting(FieldError::reason)
        .asString()
        .contains("larger than");
  }

  @Test
  void cronNeedsAValidSchedule() {
    var parsed =
        validator.parseAndValidate(
            "{\"name\":\"nightly\",\"image\":\"acme/job:1\",\"type\":\"cron\",\"schedule\":\"every day\"}",
            false);
    assertThat(parsed.errors()).extracting(FieldError::field).containsExactly("schedule");
  }

  @Test
  void goldenPathNamesAPathAndOptionallyAVersion() {
    assertThat(
            validator
                .parseAndValidate(
                    "{\"name\":\"batch\",\"image\":\"acme/batch:1\",\"goldenPath\":{\"name\":\"worker\"}}",
                    false)
                .errors())
        .isEmpty();
    assertThat(
            validator
                .parseAndValidate(
                    "{\"name\":\"batch\",\"image\":\"acme/batch:1\",\"port\":8080,"
                        + "\"goldenPath\":{\"name\":\"Web\",\"version\":0,\"colour\":1}}",
                    false)
                .errors())
        .extracting(FieldError::field)
        .contains("goldenPath.name", "goldenPath.version", "goldenPath.colour");
    assertThat(
            validator
                .parseAndValidate("{\"name\":\"web\",\"image\":\"acme/web:1\"}", false)
                .errors())
        .extracting(FieldError::field)
        .containsExactly("port");
  }
}
