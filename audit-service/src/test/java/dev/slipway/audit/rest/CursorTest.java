package dev.slipway.audit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void aCursorRoundTripsAndAForgedOneIsRefused() {
    assertThat(Cursor.decode(Cursor.encode(42))).isEqualTo(42);
    assertThatThrownBy(() -> Cursor.decode("bm90LWEtY3Vyc29y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cursor.decode("%%%")).isInstanceOf(IllegalArgumentException.class);
  }
}
