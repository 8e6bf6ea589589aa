import type { AuditEntry, AuditQuery } from "../../../common/api/audit.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { Db, Executor } from "../../db/database.ts";
import type { Actor } from "../auth/principal.ts";
import { findAuditEntries, insertAuditEntry } from "./audit.repository.ts";

export interface AuditChange {
  /** `<entity>.<past-tense verb>`, e.g. `agent.updated`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** One line a person reads in the log: "Updated agent ada (Ada Lovelace)". */
  summary: string;
  before?: unknown;
  after?: unknown;
}

// Secrets never enter the log, whatever a caller passes in `before` or `after`.
const SECRET_KEYS = new Set(["password", "passwordHash", "mfaSecret", "secret", "token", "tokenHash"]);

/** product.md / issue 3: every admin change is recorded: who, what, when, before and after. */
export class AuditService {
  constructor(private readonly db: Db) {}

  /** Records a change in the caller's transaction, so the entry exists exactly when the change does. */
  async record(executor: Executor, actor: Actor | undefined, change: AuditChange): Promise<void> {
    await insertAuditEntry(executor, {
      actorId: actor?.principal.user.id ?? null,
      actorUsername: actor?.principal.user.username ?? null,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      summary: change.summary,
      before: change.before === undefined ? null : JSON.stringify(withoutSecrets(change.before)),
      after: change.after === undefined ? null : JSON.stringify(withoutSecrets(change.after)),
      requestId: actor?.requestId ?? null,
    });
  }

  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const { rows, total } = await findAuditEntries(this.db, query);
    return {
      items: rows.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        actorId: row.actorId,
        actorUsername: row.actorUsername,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        summary: row.summary,
        before: row.before ?? null,
        after: row.after ?? null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutSecrets);
  }
  if (value === null || typeof value !== "object" || value instanceof Date) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEYS.has(key))
      .map(([key, nested]) => [key, withoutSecrets(nested)]),
  );
}
