import type { z } from "zod";
import type { FieldIssue } from "../../common/api/errors.ts";
import { fieldIssuesOf } from "./api-error.ts";

// field name → message to show next to that field.
export type FieldErrors = Partial<Record<string, string>>;

// Messages name their field ("username: required", CONVENTIONS.md rule 8); next to the field the name is
// redundant, so it is dropped there.
function messageForField(field: string, message: string): string {
  const withoutField = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return withoutField.charAt(0).toUpperCase() + withoutField.slice(1);
}

function toFieldErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    // Nested paths ("body.username") belong to their last segment, the form's field.
    const field = issue.field.split(".").at(-1) ?? issue.field;
    errors[field] ??= messageForField(field, issue.message);
  }
  return errors;
}

// Field errors from a failed request (400 validation_failed).
export function fieldErrorsFromApiError(error: unknown): FieldErrors {
  return toFieldErrors(fieldIssuesOf(error));
}

// Field errors from the same zod schema the server validates with, checked before sending.
export function fieldErrorsFromZodError(error: z.ZodError): FieldErrors {
  return toFieldErrors(error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })));
}

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}
