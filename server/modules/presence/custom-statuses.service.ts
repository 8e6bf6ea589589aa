import type { CreateCustomStatusRequest, CustomStatus, UpdateCustomStatusRequest } from "../../../common/api/presence.ts";
import type { Db } from "../../db/database.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, roleRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import { isUniqueViolation } from "../memberships/query-helpers.ts";
import * as customStatuses from "./custom-statuses.repository.ts";
import { presentCustomStatus } from "./presence.presenter.ts";
import type { PresenceService } from "./presence.service.ts";

const NAME_TAKEN_MESSAGE = "name: already in use by another custom status";
const nameTaken = () => new ConflictError("custom_status_name_taken", NAME_TAKEN_MESSAGE, [{ field: "name", message: NAME_TAKEN_MESSAGE }]);
const statusNotFound = () => new NotFoundError("custom_status_not_found", "Custom status not found.");

/** Everyone signed in reads the list (the desktop's status selector); it changes for all of them at once. */
const EVERY_ROLE_ROOM = [adminRoom(), roleRoom("supervisor"), roleRoom("agent")];

/**
 * Break, Lunch, Restroom…: statuses an admin defines, each saying whether it pauses routing (product.md, Presence).
 * Deleting one that agents are in: a status that pauses nothing moves them to ready (they were taking work and
 * still are); one that pauses routing is refused while in use, since moving its agents to ready would start
 * offering them work behind their backs.
 */
export class CustomStatusesService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly presence: PresenceService,
  ) {}

  async list(): Promise<CustomStatus[]> {
    return (await customStatuses.listCustomStatuses(this.db)).map(presentCustomStatus);
  }

  async create(actor: Actor, request: CreateCustomStatusRequest): Promise<CustomStatus> {
    const created = await this.db.transaction().execute(async (transaction) => {
      const row = await customStatuses.insertCustomStatus(transaction, request);
      if (!row) {
        throw nameTaken();
      }
      await this.audit.record(transaction, actor, { action: "custom_status.created", entityType: "custom_status", entityId: row.id, summary: `Created custom status ${row.name}`, after: row });
      return row;
    });
    await this.publishList();
    return presentCustomStatus(created);
  }

  async update(actor: Actor, id: string, request: UpdateCustomStatusRequest): Promise<CustomStatus> {
    const { after, agentIds } = await this.db
      .transaction()
      .execute(async (transaction) => {
        const before = await customStatuses.findCustomStatus(transaction, id, { lock: "update" });
        const row = before ? await customStatuses.updateCustomStatus(transaction, id, request) : undefined;
        if (!before || !row) {
          throw statusNotFound();
        }
        await this.audit.record(transaction, actor, { action: "custom_status.updated", entityType: "custom_status", entityId: id, summary: `Updated custom status ${row.name}`, before, after: row });
        return { after: row, agentIds: await customStatuses.lockAgentsUsingStatus(transaction, id) };
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? nameTaken() : error;
      });
    await this.publishList();
    // Their presence shows the new name, and whether they take work may have changed (routing listens).
    await this.presence.publishManyChanged(agentIds);
    return presentCustomStatus(after);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const moved = await this.db.transaction().execute(async (transaction) => {
      const status = await customStatuses.findCustomStatus(transaction, id, { lock: "update" });
      if (!status) {
        throw statusNotFound();
      }
      const users = await customStatuses.lockAgentsUsingStatus(transaction, id);
      if (status.pausesRouting && users.length > 0) {
        throw new ConflictError(
          "custom_status_in_use",
          `${users.length} ${users.length === 1 ? "person is" : "people are"} in “${status.name}”: delete it once nobody uses it.`,
          { count: users.length },
        );
      }
      const movedIds = await customStatuses.moveAgentsOutOfStatus(transaction, id);
      await customStatuses.deleteCustomStatus(transaction, id);
      await this.audit.record(transaction, actor, { action: "custom_status.deleted", entityType: "custom_status", entityId: id, summary: `Deleted custom status ${status.name}`, before: { ...status, movedToReady: movedIds } });
      return movedIds;
    });
    await this.publishList();
    await this.presence.publishManyChanged(moved);
  }

  private async publishList(): Promise<void> {
    this.events.publish("custom_statuses.changed", { statuses: await this.list() }, { rooms: EVERY_ROLE_ROOM });
  }
}
