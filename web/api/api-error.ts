import { z } from "zod";
import { errorBodySchema, fieldIssueSchema, type FieldIssue } from "../../common/api/errors.ts";

// Every failed request becomes one of these, carrying the server's stable error code.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(options: { status: number; code: string; message: string; details?: unknown }) {
    super(options.message);
    this.name = "ApiError";
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

export const NETWORK_ERROR_CODE = "network_error";
export const INVALID_RESPONSE_CODE = "invalid_response";

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    return new ApiError({ status: response.status, ...parsed.data.error });
  }
  return new ApiError({
    status: response.status,
    code: `http_${response.status}`,
    message: response.statusText || `The server answered ${response.status}.`,
  });
}

const fieldIssueListSchema = z.array(fieldIssueSchema);

// A 400 `validation_failed` carries `[{ field, message }]` in its details; anything else has none.
export function fieldIssuesOf(error: unknown): FieldIssue[] {
  if (!isApiError(error) || error.code !== "validation_failed") {
    return [];
  }
  const parsed = fieldIssueListSchema.safeParse(error.details);
  return parsed.success ? parsed.data : [];
}
