import { describe, expect, it } from "vitest";
import { createEntryPointRequestSchema } from "../../../common/api/entry-points.ts";
import { formErrorsFromIssues, formErrorsFromZod, hasFormErrors } from "./entry-point-form-errors.ts";

const QUEUE = "00000000-0000-4000-8000-000000000001";

describe("entry point form errors", () => {
  it("puts queueIds.N next to that queue of the chain and the rest next to their field", () => {
    const errors = formErrorsFromIssues([
      { field: "queueIds.1", message: "queueIds.1: Billing is a voice queue; this entry point needs sms queues" },
      { field: "address", message: "address: an e-mail address (support@example.com)" },
      { field: "queueIds", message: "queueIds: at least one queue" },
    ]);
    expect(errors).toEqual({
      chain: { 1: "Billing is a voice queue; this entry point needs sms queues" },
      fields: { address: "An e-mail address (support@example.com)", queueIds: "At least one queue" },
    });
    expect(hasFormErrors(errors)).toBe(true);
    expect(hasFormErrors(formErrorsFromIssues([]))).toBe(false);
  });

  it("reads the same schema the server validates with", () => {
    const parsed = createEntryPointRequestSchema.safeParse({ name: "Line", channel: "sms", address: "0612", queueIds: [QUEUE, QUEUE] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      const errors = formErrorsFromZod(parsed.error);
      expect(errors.chain[1]).toBe("This queue is already in the chain");
      expect(errors.fields.address).toMatch(/^A phone number in international form/);
    }
  });
});
