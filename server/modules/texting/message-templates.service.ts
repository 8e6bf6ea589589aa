import type { CreateMessageTemplateRequest, MessageTemplate, UpdateMessageTemplateRequest } from "../../../common/api/message-templates.ts";
import type { Db } from "../../db/database.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import { isUniqueViolation } from "../memberships/query-helpers.ts";

const notFound = () => new NotFoundError("template_not_found", "This template does not exist.");
const nameTaken = () => new ConflictError("template_name_taken", "name: another template has this name");

function present(row: { id: string; name: string; body: string; updatedAt: Date }): MessageTemplate {
  return { id: row.id as MessageTemplate["id"], name: row.name, body: row.body, updatedAt: new Date(row.updatedAt).toISOString() };
}

/** Message templates (issue 5, item 6): admins change them (audited); agents read them to insert in replies. */
export class MessageTemplatesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<MessageTemplate[]> {
    const rows = await this.db.selectFrom("messageTemplates").select(["id", "name", "body", "updatedAt"]).orderBy("name").orderBy("id").execute();
    return rows.map(present);
  }

  async create(actor: Actor, request: CreateMessageTemplateRequest): Promise<MessageTemplate> {
    return this.write(async () =>
      this.db.transaction().execute(async (transaction) => {
        const row = await transaction.insertInto("messageTemplates").values(request).returning(["id", "name", "body", "updatedAt"]).executeTakeFirstOrThrow();
        await this.audit.record(transaction, actor, { action: "message_template.created", entityType: "message_template", entityId: row.id, summary: `Created message template ${row.name}`, after: request });
        return present(row);
      }),
    );
  }

  async update(actor: Actor, templateId: string, request: UpdateMessageTemplateRequest): Promise<MessageTemplate> {
    return this.write(async () =>
      this.db.transaction().execute(async (transaction) => {
        const before = await transaction.selectFrom("messageTemplates").select(["name", "body"]).where("id", "=", templateId).forUpdate().executeTakeFirst();
        if (!before) {
          throw notFound();
        }
        const row = await transaction
          .updateTable("messageTemplates")
          .set({ ...request, updatedAt: new Date() })
          .where("id", "=", templateId)
          .returning(["id", "name", "body", "updatedAt"])
          .executeTakeFirstOrThrow();
        await this.audit.record(transaction, actor, { action: "message_template.updated", entityType: "message_template", entityId: row.id, summary: `Updated message template ${row.name}`, before, after: request });
        return present(row);
      }),
    );
  }

  async delete(actor: Actor, templateId: string): Promise<void> {
    await this.db.transaction().execute(async (transaction) => {
      const deleted = await transaction.deleteFrom("messageTemplates").where("id", "=", templateId).returning(["name", "body"]).executeTakeFirst();
      if (!deleted) {
        throw notFound();
      }
      await this.audit.record(transaction, actor, { action: "message_template.deleted", entityType: "message_template", entityId: templateId, summary: `Deleted message template ${deleted.name}`, before: deleted });
    });
  }

  private async write<Result>(change: () => Promise<Result>): Promise<Result> {
    try {
      return await change();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw nameTaken();
      }
      throw error;
    }
  }
}
