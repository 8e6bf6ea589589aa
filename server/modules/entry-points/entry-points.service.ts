import {
  addressIssue,
  type CreatedEntryPoint,
  type CreateEntryPointRequest,
  type EntryPoint,
  type EntryPointListQuery,
  type InboundKey,
  type UpdateEntryPointRequest,
} from "../../../common/api/entry-points.ts";
import type { EntryPointId } from "../../../common/api/interactions.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { Role } from "../../../common/domain/roles.ts";
import type { Db, Tx } from "../../db/database.ts";
import { BadRequestError, ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { generateSecret, hashSecret } from "../../lib/secrets.ts";
import { adminRoom, roleRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor, Principal } from "../auth/principal.ts";
import { fieldError } from "../memberships/member-rules.ts";
import { isUniqueViolation } from "../memberships/query-helpers.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import { entryPointFields, presentEntryPoint } from "./entry-points.presenter.ts";
import * as repository from "./entry-points.repository.ts";

const notFound = () => new NotFoundError("entry_point_not_found", "Entry point not found.");

function takenError(error: unknown, channel: Channel): unknown {
  if (!isUniqueViolation(error)) {
    return error;
  }
  return repository.violatedKey(error) === "address"
    ? new ConflictError("entry_point_address_taken", `address: already used by another ${channel} entry point`)
    : new ConflictError("entry_point_name_taken", "name: already in use by another entry point");
}

/** A random key of 32 bytes, URL-safe: the inbound key is shown once and stored as its SHA-256. */
function newSecret(): string {
  return generateSecret("", 32);
}

/**
 * Entry points and their queue chains (product.md, Routing). Admins change them; supervisors read them.
 * Open-channel entry points also hold an inbound key (its hash) and the webhook their replies go to.
 */
export class EntryPointsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly settings: Pick<SettingsService, "getAccount">,
  ) {}

  async list(query: EntryPointListQuery, viewer: Principal): Promise<Page<EntryPoint>> {
    const { rows, total } = await repository.listEntryPoints(this.db, query);
    const chains = await repository.findChains(this.db, rows.map((row) => row.id));
    const items = rows.map((row) => presentEntryPoint(row, chains.filter((queue) => queue.entryPointId === row.id), viewer.user.role));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(entryPointId: string, viewer: Principal | Role): Promise<EntryPoint> {
    const row = await repository.findEntryPoint(this.db, entryPointId);
    if (!row) {
      throw notFound();
    }
    const role = typeof viewer === "string" ? viewer : viewer.user.role;
    return presentEntryPoint(row, await repository.findChains(this.db, [row.id]), role);
  }

  async create(request: CreateEntryPointRequest, actor: Actor): Promise<CreatedEntryPoint> {
    await this.assertChannelEnabled(request.channel);
    const openChannel = request.channel === "openchannel";
    const inboundKey = openChannel ? newSecret() : null;
    const fields = {
      name: request.name,
      channel: request.channel,
      address: request.address,
      inboundKeyHash: inboundKey === null ? null : hashSecret(inboundKey),
      webhookUrl: openChannel ? (request.webhookUrl ?? null) : null,
      webhookSecret: openChannel ? newSecret() : null,
    };
    const created = await this.db
      .transaction()
      .execute(async (transaction) => {
        await this.lockChain(transaction, request.channel, request.queueIds);
        const row = await repository.insertEntryPoint(transaction, fields);
        await repository.replaceChain(transaction, row.id, request.queueIds);
        await this.audit.record(transaction, actor, { action: "entry_point.created", entityType: "entry_point", entityId: row.id, summary: `Created ${row.channel} entry point ${row.name} (${row.address})`, after: entryPointFields(row, request.queueIds) });
        return row;
      })
      .catch((error: unknown) => {
        throw takenError(error, request.channel);
      });
    this.publish("entry_point.created", created.id);
    return { entryPoint: await this.get(created.id, "admin"), inboundKey };
  }

  async update(entryPointId: string, request: UpdateEntryPointRequest, actor: Actor): Promise<EntryPoint> {
    let channel: Channel = "voice";
    await this.db
      .transaction()
      .execute(async (transaction) => {
        const before = await this.lockExisting(transaction, entryPointId);
        channel = before.channel;
        this.assertChangesSuit(before.channel, request);
        const chainBefore = (await repository.findChains(transaction, [entryPointId])).map((queue) => queue.id);
        if (request.queueIds) {
          await this.lockChain(transaction, before.channel, request.queueIds);
          await repository.replaceChain(transaction, entryPointId, request.queueIds);
        }
        const after = await repository.updateEntryPoint(transaction, entryPointId, { name: request.name, address: request.address, webhookUrl: request.webhookUrl });
        if (!after) {
          throw notFound();
        }
        await this.audit.record(transaction, actor, {
          action: "entry_point.updated",
          entityType: "entry_point",
          entityId: entryPointId,
          summary: `Updated entry point ${after.name}`,
          before: entryPointFields(before, chainBefore),
          after: entryPointFields(after, request.queueIds ?? chainBefore),
        });
      })
      .catch((error: unknown) => {
        throw takenError(error, channel);
      });
    this.publish("entry_point.updated", entryPointId);
    return this.get(entryPointId, actor.principal);
  }

  async delete(entryPointId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (transaction) => {
      const row = await this.lockExisting(transaction, entryPointId);
      const chain = (await repository.findChains(transaction, [entryPointId])).map((queue) => queue.id);
      await repository.deleteEntryPoint(transaction, entryPointId);
      await this.audit.record(transaction, actor, { action: "entry_point.deleted", entityType: "entry_point", entityId: entryPointId, summary: `Deleted entry point ${row.name}`, before: entryPointFields(row, chain) });
    });
    this.publish("entry_point.deleted", entryPointId);
  }

  /** A new inbound key for an open channel, shown this once; the old one stops working at once. */
  async rotateInboundKey(entryPointId: string, actor: Actor): Promise<InboundKey> {
    const inboundKey = newSecret();
    await this.rotate(entryPointId, actor, { inboundKeyHash: hashSecret(inboundKey) }, "entry_point.inbound_key_rotated", "inbound key");
    return { inboundKey };
  }

  /** A new webhook signing secret: replies are signed with it from now on. */
  async rotateWebhookSecret(entryPointId: string, actor: Actor): Promise<EntryPoint> {
    await this.rotate(entryPointId, actor, { webhookSecret: newSecret() }, "entry_point.webhook_secret_rotated", "webhook signing secret");
    return this.get(entryPointId, actor.principal);
  }

  private async rotate(entryPointId: string, actor: Actor, changes: repository.EntryPointChanges, action: string, what: string): Promise<void> {
    await this.db.transaction().execute(async (transaction) => {
      const row = await this.lockExisting(transaction, entryPointId);
      if (row.channel !== "openchannel") {
        throw new BadRequestError("entry_point_not_open_channel", `Only open-channel entry points have an ${what}.`);
      }
      await repository.updateEntryPoint(transaction, entryPointId, changes);
      await this.audit.record(transaction, actor, { action, entityType: "entry_point", entityId: entryPointId, summary: `Replaced the ${what} of entry point ${row.name}` });
    });
    this.publish("entry_point.updated", entryPointId);
  }

  private async lockExisting(transaction: Tx, entryPointId: string): Promise<repository.EntryPointRow> {
    const row = await repository.lockEntryPoint(transaction, entryPointId);
    if (!row) {
      throw notFound();
    }
    return row;
  }

  /** The channel is fixed: the new address must suit it, and only an open channel has a webhook. */
  private assertChangesSuit(channel: Channel, request: UpdateEntryPointRequest): void {
    const issue = request.address === undefined ? null : addressIssue(channel, request.address);
    if (issue) {
      throw fieldError("address", issue);
    }
    if (request.webhookUrl !== undefined && channel !== "openchannel") {
      throw fieldError("webhookUrl", "webhookUrl: only for open-channel entry points");
    }
  }

  /** product.md, Routing: the chain's queues exist and are of the entry point's channel; locked until commit. */
  private async lockChain(transaction: Tx, channel: Channel, queueIds: readonly string[]): Promise<void> {
    const found = new Map((await repository.lockQueueChoices(transaction, queueIds)).map((queue) => [queue.id, queue]));
    queueIds.forEach((queueId, index) => {
      const queue = found.get(queueId);
      const field = `queueIds.${index}`;
      if (!queue) {
        throw fieldError(field, `${field}: no queue with this id`);
      }
      if (queue.channel !== channel) {
        throw fieldError(field, `${field}: ${queue.name} is a ${queue.channel} queue; this entry point needs ${channel} queues`);
      }
    });
  }

  /** product.md: voice, SMS and chat are on for every account; the others only where the account turns them on. */
  private async assertChannelEnabled(channel: Channel): Promise<void> {
    if (!(await this.settings.getAccount()).enabledChannels.includes(channel)) {
      throw fieldError("channel", `channel: ${channel} is not enabled for this account (turn it on under Channels)`);
    }
  }

  private publish(name: "entry_point.created" | "entry_point.updated" | "entry_point.deleted", entryPointId: string): void {
    this.events.publish(name, { entryPointId: entryPointId as EntryPointId }, { rooms: [adminRoom(), roleRoom("supervisor")] });
  }
}
