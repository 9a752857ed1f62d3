package dev.slipway.gateway.rest;

import dev.slipway.events.FieldError;
import dev.slipway.gateway.domain.JsonDepth;
import dev.slipway.kit.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses JSON bodies nested deeper than {@code slipway.limits.max-json-depth} (400) before any
 * parser runs. Bodies are already bounded by the size limit, so reading one into memory first is
 * safe.
 */
@Provider
public class JsonDepthInterceptor implements ReaderInterceptor {

  // Read on first use: REST interceptors are built before runtime config mappings exist.
  private volatile Integer maxDepth;

  private int maxDepth() {
    if (maxDepth == null) {
      maxDepth =
          ConfigProvider.getConfig()
              .getOptionalValue("slipway.limits.max-json-depth", Integer.class)
              .orElse(32);
    }
    return maxDepth;
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type != null && type.getSubtype() != null && type.getSubtype().endsWith("json")) {
      byte[] body = context.getInputStream().readAllBytes();
      if (JsonDepth.exceeds(body, maxDepth())) {
        throw ProblemException.invalid(
            List.of(new FieldError("$", "nests deeper than " + maxDepth() + " levels")));
      }
      context.setInputStream(new ByteArrayInputStream(body));
    }
    return context.proceed();
  }
}
