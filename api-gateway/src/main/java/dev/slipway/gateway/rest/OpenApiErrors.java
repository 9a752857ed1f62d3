package dev.slipway.gateway.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Gives every route of {@code /q/openapi} the error answers the gateway itself can give, as {@code
 * application/problem+json} with the shared {@code Problem} schema and an example, and every
 * command its 202 {@code Accepted} answer: one place instead of the same annotations on each
 * resource method (docs/adr: the gateway's OpenAPI).
 */
public class OpenApiErrors implements OASFilter {

  private static final String PROBLEM = "#/components/schemas/Problem";

  private static final Map<String, String[]> ERRORS = new LinkedHashMap<>();

  static {
    ERRORS.put("400", new String[] {"Invalid request", "The request has 1 invalid field(s)."});
    ERRORS.put("401", new String[] {"Unauthenticated", "A valid bearer token is required."});
    ERRORS.put(
        "403",
        new String[] {
          "Forbidden", "A developer's deploy to production needs a tech lead of the team."
        });
    ERRORS.put("404", new String[] {"Not found", "Environment payments/dev does not exist."});
    ERRORS.put(
        "413",
        new String[] {
          "Payload too large", "The request body is larger than 2048 KiB; nothing was read."
        });
    ERRORS.put(
        "429",
        new String[] {
          "Too many requests", "Rate limit reached for you or your team; retry in 3 s."
        });
    ERRORS.put(
        "503",
        new String[] {
          "Service unavailable", "deploy-service cannot be reached; try again shortly."
        });
    ERRORS.put(
        "504", new String[] {"Upstream timeout", "deploy-service did not answer within 10000 ms."});
  }

  private static final Map<String, String> TYPES =
      Map.of(
          "400", "invalid-request",
          "401", "unauthenticated",
          "403", "forbidden",
          "404", "not-found",
          "413", "too-large",
          "429", "rate-limited",
          "503", "unavailable",
          "504", "upstream-timeout");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.components(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema("Problem", problemSchema());
    openAPI.getComponents().addSchema("Accepted", acceptedSchema());
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (item.getOperations() == null) {
                return;
              }
              item.getOperations().forEach((method, op) -> document(path, method, op));
            });
  }

  private static void document(String path, PathItem.HttpMethod method, Operation op) {
    if (op.getResponses() == null) {
      op.responses(OASFactory.createAPIResponses());
    }
    boolean command =
        method == PathItem.HttpMethod.DELETE
            || method == PathItem.HttpMethod.POST
                && (path.endsWith("/apps")
                    || path.endsWith("/environments")
                    || path.endsWith("/clone")
                    || path.endsWith("/rollback"));
    if (command) {
      op.getResponses()
          .addAPIResponse(
              "202",
              OASFactory.createAPIResponse()
                  .description("Accepted: follow the operation at statusUrl (poll or SSE)")
                  .content(
                      OASFactory.createContent()
                          .addMediaType(
                              "application/json",
                              OASFactory.createMediaType()
                                  .schema(
                                      OASFactory.createSchema()
                                          .ref("#/components/schemas/Accepted"))
                                  .example(
                                      Map.of(
                                          "operationId", "9f1d2c3b-4a5e-4f6d-8c7b-1a2b3c4d5e6f",
                                          "statusUrl",
                                              "/api/v1/operations/9f1d2c3b-4a5e-4f6d-8c7b-1a2b3c4d5e6f")))));
    }
    ERRORS.forEach(
        (status, text) -> {
          APIResponse existing = op.getResponses().getAPIResponse(status);
          // smallrye adds a bare 401/403 to secured routes: replaced by the problem answer.
          if (existing == null || existing.getContent() == null) {
            op.getResponses().addAPIResponse(status, problem(status, text[0], text[1], path));
          }
        });
  }

  private static APIResponse problem(String status, String title, String detail, String path) {
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("type", "https://slipway.dev/problems/" + TYPES.get(status));
    example.put("title", title);
    example.put("status", Integer.parseInt(status));
    example.put("detail", detail);
    example.put("instance", path);
    if (status.equals("400")) {
      example.put("errors", List.of(Map.of("field", "port", "reason", "must be 1 to 65535")));
    }
    return OASFactory.createAPIResponse()
        .description(title)
        .content(
            OASFactory.createContent()
                .addMediaType(
                    "application/problem+json",
                    OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))
                        .example(example)));
  }

  private static Schema problemSchema() {
    Schema text = OASFactory.createSchema().addType(SchemaType.STRING);
    Schema fieldError =
        OASFactory.createSchema()
            .addType(SchemaType.OBJECT)
            .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING))
            .addProperty("reason", OASFactory.createSchema().addType(SchemaType.STRING));
    return OASFactory.createSchema()
        .addType(SchemaType.OBJECT)
        .description("RFC 9457 problem details (docs/api-errors.md)")
        .addProperty("type", text)
        .addProperty("title", OASFactory.createSchema().addType(SchemaType.STRING))
        .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER))
        .addProperty("detail", OASFactory.createSchema().addType(SchemaType.STRING))
        .addProperty("instance", OASFactory.createSchema().addType(SchemaType.STRING))
        .addProperty(
            "errors", OASFactory.createSchema().addType(SchemaType.ARRAY).items(fieldError))
        .required(List.of("type", "title", "status"));
  }

  private static Schema acceptedSchema() {
    return OASFactory.createSchema()
        .addType(SchemaType.OBJECT)
        .addProperty(
            "operationId", OASFactory.createSchema().addType(SchemaType.STRING).format("uuid"))
        .addProperty("statusUrl", OASFactory.createSchema().addType(SchemaType.STRING))
        .required(List.of("operationId", "statusUrl"));
  }
}
