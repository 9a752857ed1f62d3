package dev.slipway.gateway.rest;

import dev.slipway.events.spec.AppSpecValidator;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Compiles the app spec's JSON Schema at start: otherwise the first deploy pays for it, on the
 * event loop that handles its request.
 */
@ApplicationScoped
class AppSpecWarmUp {

  void warmUp(@Observes StartupEvent start) {
    AppSpecValidator.warmUp();
  }
}
