import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ErrorBody, FieldIssue } from "../../common/api/errors.ts";
import { AppError } from "../lib/errors.ts";
import { isPageRequest } from "./web.ts";

// One error body for every failure: {"error":{"code","message","details"}} (CONVENTIONS.md rule 8).
export function registerErrorHandling(app: FastifyInstance, options: { servesPages: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    if (options.servesPages && isPageRequest(request.method, request.url, request.headers.accept)) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    return reply.code(404).send(body("not_found", `No route ${request.method} ${request.url.split("?")[0] ?? ""}`));
  });
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    return reply.code(error.status).send(body(error.code, error.message, error.details));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => fieldIssue(issue.instancePath, issue.message, error.validationContext));
    return reply.code(400).send(body("validation_failed", issues.map((issue) => issue.message).join("; "), issues));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, wrong content type, body too large) have safe messages.
    return reply.code(status).send(body(clientErrorCode(error), error.message));
  }
  request.log.error({ err: error }, "unhandled error");
  return reply.code(500).send(body("internal_error", `Something went wrong on our side (request ${request.id}).`));
}

function fieldIssue(instancePath: string, message: string | undefined, context: string | undefined): FieldIssue {
  const path = instancePath.replace(/^\//, "").replaceAll("/", ".");
  const field = path || context || "body";
  const text = message ?? "invalid";
  return { field, message: text.startsWith(`${field}:`) ? text : `${field}: ${text}` };
}

function clientErrorCode(error: FastifyError): string {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "unsupported_media_type";
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return "payload_too_large";
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return "invalid_json";
    default:
      return error.statusCode === 429 ? "rate_limited" : "bad_request";
  }
}

function body(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
