import {
  messageTemplateListSchema,
  messageTemplateSchema,
  type CreateMessageTemplateRequest,
  type MessageTemplate,
  type UpdateMessageTemplateRequest,
} from "../../common/api/message-templates.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

export const messageTemplateQueryKeys = { all: ["message-templates"] as const };

const templatePath = (templateId: string) => `/api/v1/message-templates/${encodeURIComponent(templateId)}`;

export async function fetchMessageTemplates(): Promise<MessageTemplate[]> {
  return (await requestJson("/api/v1/message-templates", messageTemplateListSchema)).items;
}

export async function createMessageTemplate(request: CreateMessageTemplateRequest): Promise<MessageTemplate> {
  return requestJson("/api/v1/message-templates", messageTemplateSchema, { method: "POST", body: request });
}

export async function updateMessageTemplate(templateId: string, request: UpdateMessageTemplateRequest): Promise<MessageTemplate> {
  return requestJson(templatePath(templateId), messageTemplateSchema, { method: "PATCH", body: request });
}

export async function deleteMessageTemplate(templateId: string): Promise<void> {
  await requestWithoutContent(templatePath(templateId), { method: "DELETE" });
}
