import type { z } from "zod";
import type { FieldIssue } from "../../../common/api/errors.ts";
import { fieldIssuesOf } from "../../api/api-error.ts";

/** Errors of the entry point form: per field, and per position of the queue chain (`queueIds.N`). */
export interface EntryPointFormErrors {
  fields: Partial<Record<"name" | "channel" | "address" | "queueIds" | "webhookUrl", string>>;
  chain: Record<number, string>;
}

export const NO_ERRORS: EntryPointFormErrors = { fields: {}, chain: {} };

// "queueIds.1: this queue is already in the chain" → "This queue is already in the chain", next to that queue.
function withoutField(field: string, message: string): string {
  const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formErrorsFromIssues(issues: readonly FieldIssue[]): EntryPointFormErrors {
  const errors: EntryPointFormErrors = { fields: {}, chain: {} };
  for (const issue of issues) {
    const position = /^queueIds\.(\d+)$/.exec(issue.field)?.[1];
    if (position !== undefined) {
      errors.chain[Number(position)] ??= withoutField(issue.field, issue.message);
      continue;
    }
    const field = issue.field as keyof EntryPointFormErrors["fields"];
    errors.fields[field] ??= withoutField(issue.field, issue.message);
  }
  return errors;
}

export function formErrorsFromZod(error: z.ZodError): EntryPointFormErrors {
  return formErrorsFromIssues(error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })));
}

export function formErrorsFromApi(error: unknown): EntryPointFormErrors {
  return formErrorsFromIssues(fieldIssuesOf(error));
}

export function hasFormErrors(errors: EntryPointFormErrors): boolean {
  return Object.values(errors.fields).some(Boolean) || Object.keys(errors.chain).length > 0;
}
