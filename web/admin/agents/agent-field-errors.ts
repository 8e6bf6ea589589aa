import type { z } from "zod";
import { fieldIssuesOfZodError } from "../../../common/domain/agent-record.ts";
import { fieldIssuesOf, isApiError } from "../../api/api-error.ts";

/**
 * Field errors keyed by the field's full path ("voiceSettings.allowedCodecs"), as the server and the shared
 * zod schemas name them. Next to the field the path is redundant, so the message keeps only the rule.
 */
export type AgentFieldErrors = Partial<Record<string, string>>;

function toErrors(issues: { field: string; message: string }[]): AgentFieldErrors {
  const errors: AgentFieldErrors = {};
  for (const { field, message } of issues) {
    const rule = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    errors[field] ??= rule.charAt(0).toUpperCase() + rule.slice(1);
  }
  return errors;
}

// A conflict names its field in the message ("extension: already in use") without details.
const FIELD_MESSAGE = /^([A-Za-z][A-Za-z.]*): /;

export function agentErrorsFromApiError(error: unknown): AgentFieldErrors {
  const issues = fieldIssuesOf(error);
  if (issues.length === 0 && isApiError(error) && error.status === 409) {
    const field = FIELD_MESSAGE.exec(error.message)?.[1];
    return field ? toErrors([{ field, message: error.message }]) : {};
  }
  return toErrors(issues);
}

export function agentErrorsFromZodError(error: z.ZodError): AgentFieldErrors {
  return toErrors(fieldIssuesOfZodError(error));
}

/** The error of a field, or of an item of it ("voiceSettings.transports.1" belongs to the transports). */
export function errorOf(errors: AgentFieldErrors, path: string): string | undefined {
  const own = errors[path];
  if (own) {
    return own;
  }
  const nested = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return nested ? errors[nested] : undefined;
}

export function hasErrors(errors: AgentFieldErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}
