import type {
  CoachingFilters,
  CoachingLogEntry,
  CoachingLogFilters,
  CoachingLogQuery,
  CoachingLogRecipient,
  CoachingMessageId,
} from "../../../common/api/coaching.ts";
import { coachingFiltersSchema } from "../../../common/api/coaching.ts";
import type { Page, PaginationQuery } from "../../../common/api/pagination.ts";
import type { Db } from "../../db/database.ts";
import { NotFoundError } from "../../lib/errors.ts";
import * as log from "./coaching-log.repository.ts";

/** One line of the CSV export: a message and one agent's copy of it. */
export interface CoachingExportRecord {
  message: log.LogMessageRow;
  recipient: log.LogRecipientRow;
}

const MESSAGE_BATCH = 50;
// At most this many recipient rows in memory at once, however large a team's message was.
const RECIPIENT_BATCH = 5_000;

/** The admins' permanent log of coaching messages: search, a message's recipients, and the CSV export. */
export class CoachingLogService {
  constructor(private readonly db: Db) {}

  async list(query: CoachingLogQuery): Promise<Page<CoachingLogEntry>> {
    const { rows, total } = await log.findLogPage(this.db, query, query);
    return { items: rows.map(presentLogEntry), total, page: query.page, pageSize: query.pageSize };
  }

  async recipients(messageId: string, page: PaginationQuery): Promise<Page<CoachingLogRecipient>> {
    if (!(await log.messageExists(this.db, messageId))) {
      throw new NotFoundError("coaching_message_not_found", "Coaching message not found.");
    }
    const { rows, total } = await log.findRecipientPage(this.db, messageId, page);
    return { items: rows.map(presentLogRecipient), total, page: page.page, pageSize: page.pageSize };
  }

  /**
   * Every copy of the matching messages, newest message first, read in bounded batches as the response is
   * written: memory stays flat however long the log. With an agent filter, only that agent's copies.
   */
  async *exportRecords(filters: CoachingLogFilters): AsyncGenerator<CoachingExportRecord> {
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const messages = await log.findMessageBatch(this.db, filters, after, MESSAGE_BATCH);
      for (const chunk of chunksOfRecipients(messages)) {
        yield* this.recordsOf(chunk, filters.agent);
      }
      const last = messages.at(-1);
      if (!last || messages.length < MESSAGE_BATCH) {
        return;
      }
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  private async *recordsOf(messages: readonly log.LogMessageRow[], agent: string | undefined): AsyncGenerator<CoachingExportRecord> {
    const byMessage = new Map<string, log.LogRecipientRow[]>(messages.map((message) => [message.id, []]));
    let afterId = 0;
    for (;;) {
      const batch = await log.findRecipientBatch(this.db, messages.map((message) => message.id), agent, afterId, RECIPIENT_BATCH);
      if (messages.length === 1 && messages[0]) {
        // A single (large) message: its copies go out batch by batch.
        for (const recipient of batch) {
          yield { message: messages[0], recipient };
        }
      } else {
        for (const recipient of batch) {
          byMessage.get(recipient.messageId)?.push(recipient);
        }
      }
      const last = batch.at(-1);
      if (!last || batch.length < RECIPIENT_BATCH) {
        break;
      }
      afterId = last.id;
    }
    if (messages.length > 1) {
      for (const message of messages) {
        for (const recipient of byMessage.get(message.id) ?? []) {
          yield { message, recipient };
        }
      }
    }
  }
}

/** Consecutive messages grouped so that a group's copies fit one recipient batch (a larger message goes alone). */
function chunksOfRecipients(messages: readonly log.LogMessageRow[]): log.LogMessageRow[][] {
  const chunks: log.LogMessageRow[][] = [];
  let current: log.LogMessageRow[] = [];
  let copies = 0;
  for (const message of messages) {
    if (current.length > 0 && copies + message.recipientCount > RECIPIENT_BATCH) {
      chunks.push(current);
      current = [];
      copies = 0;
    }
    current.push(message);
    copies += message.recipientCount;
  }
  if (current.length > 0) {
    chunks.push(current);
  }
  return chunks;
}

export function filtersOf(row: log.LogMessageRow): CoachingFilters {
  const parsed = coachingFiltersSchema.safeParse(row.filters);
  return parsed.success ? parsed.data : {};
}

function presentLogEntry(row: log.LogMessageRow & { deliveredCount: number; readCount: number }): CoachingLogEntry {
  return {
    id: row.id as CoachingMessageId,
    body: row.body,
    sentAt: row.createdAt.toISOString(),
    sender: { id: row.senderId, name: row.senderName, username: row.senderUsername },
    target: { kind: row.targetKind, id: row.targetId, name: row.targetName },
    filters: filtersOf(row),
    recipientCount: row.recipientCount,
    deliveredCount: row.deliveredCount,
    readCount: row.readCount,
  };
}

function presentLogRecipient(row: log.LogRecipientRow): CoachingLogRecipient {
  return {
    agentId: row.agentId,
    fullName: row.agentName,
    username: row.agentUsername,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    readAt: row.readAt?.toISOString() ?? null,
    clearedAt: row.clearedAt?.toISOString() ?? null,
  };
}
