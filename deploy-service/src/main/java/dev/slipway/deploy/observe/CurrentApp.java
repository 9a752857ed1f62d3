package dev.slipway.deploy.observe;

import dev.slipway.deploy.kubernetes.model.AppTarget;
import jakarta.enterprise.context.RequestScoped;

/** The app of this request, once {@link ObservedAppFilter} has checked the caller may see it. */
@RequestScoped
public class CurrentApp {

  private AppTarget target;

  void set(AppTarget target) {
    this.target = target;
  }

  /** The checked app; a route of {@link ObservabilityResource} never runs without one. */
  AppTarget get() {
    if (target == null) {
      throw new IllegalStateException("no app checked for this request");
    }
    return target;
  }
}
