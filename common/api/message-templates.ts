import { z } from "zod";
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from "../domain/texting.ts";

// Message templates (issue 5, item 6): canned replies admins keep; agents insert them in the reply box. Their
// placeholders ({{contact.name}}, {{agent.alias}}) are filled in by the server when the reply is sent.

export const messageTemplateIdSchema = z.uuid("templateId: a template id").brand<"MessageTemplateId">();
export const TEMPLATE_NAME_MAX = 100;
export const TEMPLATE_BODY_MAX = 1600;

export const messageTemplateSchema = z
  .object({ id: messageTemplateIdSchema, name: z.string(), body: z.string(), updatedAt: z.iso.datetime({ offset: true }) })
  .meta({ id: "MessageTemplate" });
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

const placeholderNames = Object.keys(TEMPLATE_PLACEHOLDERS).map((name) => `{{${name}}}`).join(", ");

export const templateBodySchema = z
  .string("body: the template's text")
  .trim()
  .min(1, "body: write the template's text")
  .max(TEMPLATE_BODY_MAX, `body: at most ${TEMPLATE_BODY_MAX} characters`)
  .superRefine((body, context) => {
    const unknown = unknownPlaceholders(body);
    if (unknown.length > 0) {
      context.addIssue({ code: "custom", message: `body: unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(", ")}; use ${placeholderNames}` });
    }
  });

export const templateNameSchema = z.string("name: required").trim().min(1, "name: required").max(TEMPLATE_NAME_MAX, `name: at most ${TEMPLATE_NAME_MAX} characters`);

export const createMessageTemplateRequestSchema = z.object({ name: templateNameSchema, body: templateBodySchema });
export type CreateMessageTemplateRequest = z.infer<typeof createMessageTemplateRequestSchema>;
export const updateMessageTemplateRequestSchema = createMessageTemplateRequestSchema.partial();
export type UpdateMessageTemplateRequest = z.infer<typeof updateMessageTemplateRequestSchema>;

export const messageTemplateListSchema = z.object({ items: z.array(messageTemplateSchema) }).meta({ id: "MessageTemplates" });
export const messageTemplateParamsSchema = z.object({ templateId: messageTemplateIdSchema });
