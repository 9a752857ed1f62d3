package dev.slipway.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Json;
import org.junit.jupiter.api.Test;

class ViewsTest {

  @Test
  void aCellOfAListShowsItsItemsAndAMissingOneIsNull() {
    var version = Json.tryParse("{\"version\":2,\"keys\":[\"password\",\"url\"],\"trigger\":null}");
    assertThat(Views.text(version, "keys")).isEqualTo("password,url");
    assertThat(Views.text(version, "version")).isEqualTo("2");
    assertThat(Views.text(version, "trigger")).isNull();
    assertThat(Views.text(version, "absent")).isNull();
  }
}
