import type { z } from "zod";
import { ApiError, INVALID_RESPONSE_CODE, NETWORK_ERROR_CODE, apiErrorFromResponse } from "./api-error.ts";
import { getCsrfToken } from "./csrf-token.ts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  method?: Method;
  body?: unknown;
}

const WRITE_METHODS: ReadonlySet<Method> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function send(path: string, { method = "GET", body }: RequestOptions): Promise<Response> {
  const headers = new Headers({ accept: "application/json" });
  // No content type without a body: Fastify rejects an empty body declared as JSON.
  if (body !== undefined) {
    headers.set("content-type", "application/json");
  }
  const csrfToken = getCsrfToken();
  if (WRITE_METHODS.has(method) && csrfToken !== null) {
    headers.set("x-csrf-token", csrfToken);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: NETWORK_ERROR_CODE,
      message: "Could not reach the server. Check your connection and try again.",
    });
  }
  if (!response.ok) {
    throw await apiErrorFromResponse(response);
  }
  return response;
}

// Sends a request and validates the JSON answer with the contract's schema from common/api.
export async function requestJson<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  const response = await send(path, options);
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: INVALID_RESPONSE_CODE,
      message: "The server sent an unexpected response.",
      details: parsed.error.issues,
    });
  }
  return parsed.data;
}

// For 204 answers (logout, revoke).
export async function requestWithoutContent(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
