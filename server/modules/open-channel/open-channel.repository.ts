import type { Executor } from "../../db/database.ts";
import type { MessageDelivery } from "../../db/tables.ts";

export interface InboundCredentials {
  id: string;
  inboundKeyHash: string | null;
}

/** What one outbound delivery needs: the reply, its conversation, who wrote it and where it goes. */
export interface DeliveryRow {
  messageId: string;
  body: string;
  createdAt: Date;
  delivery: MessageDelivery;
  interactionId: string;
  conversationId: string | null;
  authorAlias: string | null;
  authorFullName: string | null;
  entryPointChannel: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

/** An open-channel entry point's inbound key hash; undefined for any other id (unknown, or another channel). */
export async function findInboundCredentials(executor: Executor, entryPointId: string): Promise<InboundCredentials | undefined> {
  return executor
    .selectFrom("entryPoints")
    .select(["id", "inboundKeyHash"])
    .where("id", "=", entryPointId)
    .where("channel", "=", "openchannel")
    .executeTakeFirst();
}

export async function findDelivery(executor: Executor, messageId: string): Promise<DeliveryRow | undefined> {
  return executor
    .selectFrom("interactionMessages")
    .innerJoin("interactions", "interactions.id", "interactionMessages.interactionId")
    .leftJoin("entryPoints", "entryPoints.id", "interactions.entryPointId")
    .leftJoin("users", "users.id", "interactionMessages.authorId")
    .select([
      "interactionMessages.id as messageId",
      "interactionMessages.body",
      "interactionMessages.createdAt",
      "interactionMessages.delivery",
      "interactions.id as interactionId",
      "interactions.externalId as conversationId",
      "users.alias as authorAlias",
      "users.fullName as authorFullName",
      "entryPoints.channel as entryPointChannel",
      "entryPoints.webhookUrl",
      "entryPoints.webhookSecret",
    ])
    .where("interactionMessages.id", "=", messageId)
    .executeTakeFirst();
}
