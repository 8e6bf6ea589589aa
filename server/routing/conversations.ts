import { sql } from "kysely";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db, Tx } from "../db/database.ts";
import { ConflictError, NotFoundError } from "../lib/errors.ts";
import { snippetOf, type MessageRow } from "./interaction.presenter.ts";
import { enterQueue } from "./lifecycle.ts";
import { findQueueChain, type InteractionRow } from "./routing.repository.ts";

export interface InboundMessage {
  entryPointId: string;
  conversationId: string;
  customerAddress: string;
  customerName?: string | undefined;
  body: string;
}

export interface Received {
  interaction: InteractionRow;
  message: MessageRow;
  created: boolean;
}

/**
 * A customer's message on an entry point: appended to the open conversation with the same id, or the start of a
 * new interaction queued into the first queue of the entry point's chain. Committed before it is acknowledged.
 */
export async function receiveInbound(db: Db, inbound: InboundMessage): Promise<Received> {
  try {
    return await db.transaction().execute((transaction) => receiveInTransaction(transaction, inbound));
  } catch (error) {
    // Two first messages of one conversation at once: the unique index lets one create it; the other appends.
    if (isUniqueViolation(error)) {
      return db.transaction().execute((transaction) => receiveInTransaction(transaction, inbound));
    }
    throw error;
  }
}

async function receiveInTransaction(transaction: Tx, inbound: InboundMessage): Promise<Received> {
  const entryPoint = await transaction.selectFrom("entryPoints").select(["id", "channel"]).where("id", "=", inbound.entryPointId).executeTakeFirst();
  if (!entryPoint) {
    throw new NotFoundError("entry_point_not_found", "This entry point does not exist.");
  }
  const open = (await transaction
    .selectFrom("interactions")
    .selectAll()
    .where("entryPointId", "=", entryPoint.id)
    .where("externalId", "=", inbound.conversationId)
    .where("state", "in", ["queued", "offered", "active"])
    .forUpdate()
    .executeTakeFirst()) as InteractionRow | undefined;
  const interaction = open ?? (await startInteraction(transaction, entryPoint, inbound));
  const message = await addMessage(transaction, interaction.id, { direction: "inbound", authorId: null, body: inbound.body, delivery: "none" });
  return { interaction: { ...interaction, snippet: snippetOf(inbound.body), lastMessageAt: message.createdAt }, message, created: !open };
}

async function startInteraction(transaction: Tx, entryPoint: { id: string; channel: Channel }, inbound: InboundMessage): Promise<InteractionRow> {
  const chain = await findQueueChain(transaction, entryPoint.id);
  const first = chain[0];
  if (!first) {
    throw new ConflictError("entry_point_without_queues", "This entry point routes to no queue yet.");
  }
  const created = await transaction
    .insertInto("interactions")
    .values({
      channel: entryPoint.channel,
      entryPointId: entryPoint.id,
      externalId: inbound.conversationId,
      customerAddress: inbound.customerAddress,
      customerName: inbound.customerName ?? null,
      queueId: first.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await enterQueue(transaction, created, first, 0);
  return { ...(created as InteractionRow), queueDeadlineAt: null };
}

export async function addMessage(
  transaction: Tx,
  interactionId: string,
  message: { direction: "inbound" | "outbound"; authorId: string | null; body: string; delivery: MessageRow["delivery"] },
): Promise<MessageRow> {
  const row = await transaction
    .insertInto("interactionMessages")
    .values({ interactionId, ...message })
    .returningAll()
    .executeTakeFirstOrThrow();
  await transaction
    .updateTable("interactions")
    .set({ lastMessageAt: sql<Date>`now()`, snippet: snippetOf(message.body), updatedAt: sql<Date>`now()` })
    .where("id", "=", interactionId)
    .execute();
  return row;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error).code === "23505";
}
