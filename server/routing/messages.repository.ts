import { sql } from "kysely";
import type { MessagesQuery } from "../../common/api/interactions.ts";
import { deliveryRank, type MessageDeliveryState } from "../../common/domain/interactions.ts";
import type { Executor } from "../db/database.ts";
import type { MessageRow } from "./interaction.presenter.ts";

export interface DeliveryChange {
  delivery: MessageDeliveryState;
  /** The provider's id of the message, kept once known (a status callback finds its message by it). */
  externalId?: string | null;
  errorCode?: number | null;
  error?: string | null;
}

const RANK_OF_DELIVERY = sql<number>`case delivery when 'none' then 0 when 'pending' then 1 when 'queued' then 2 when 'sent' then 3 else 4 end`;

/** One statement: the new state only when it is further along than the stored one (see deliveryRank). */
export async function updateMessageDelivery(executor: Executor, messageId: string, change: DeliveryChange): Promise<MessageRow | undefined> {
  const result = await sql<MessageRow>`
    update interaction_messages
       set delivery = ${change.delivery},
           external_id = coalesce(external_id, ${change.externalId ?? null}),
           delivery_error_code = ${change.error === undefined ? sql`delivery_error_code` : sql`${change.errorCode ?? null}::int`},
           delivery_error = ${change.error === undefined ? sql`delivery_error` : sql`${change.error}`}
     where id = ${messageId} and ${RANK_OF_DELIVERY} < ${deliveryRank(change.delivery)}
    returning id, interaction_id as "interactionId", direction, author_id as "authorId", body, delivery, created_at as "createdAt",
              delivery_error_code as "deliveryErrorCode", delivery_error as "deliveryError", media`.execute(executor);
  return result.rows[0];
}

/** Newest `limit` messages before the message `before` (all without a limit), answered oldest first. */
export async function findMessagesPage(executor: Executor, interactionId: string, query: MessagesQuery): Promise<{ rows: MessageRow[]; hasMore: boolean }> {
  let select = executor.selectFrom("interactionMessages").selectAll().where("interactionId", "=", interactionId);
  if (query.limit === undefined) {
    return { rows: await select.orderBy("createdAt").orderBy("id").execute(), hasMore: false };
  }
  if (query.before) {
    select = select.where(
      sql<boolean>`(created_at, id) < (select m.created_at, m.id from interaction_messages m where m.id = ${query.before} and m.interaction_id = ${interactionId})`,
    );
  }
  const rows = await select.orderBy("createdAt", "desc").orderBy("id", "desc").limit(query.limit + 1).execute();
  return { rows: rows.slice(0, query.limit).reverse(), hasMore: rows.length > query.limit };
}
