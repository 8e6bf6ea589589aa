import { AVATAR_MAX_BYTES, avatarTypeOf, type Avatar } from "../../../common/api/avatars.ts";
import type { Db } from "../../db/database.ts";
import { AppError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import type { UserSecurityService } from "../user-security/user-security.service.ts";
import * as avatars from "./avatars.repository.ts";

const MEGABYTES = AVATAR_MAX_BYTES / (1024 * 1024);

export function avatarTooLarge(): AppError {
  return new AppError(413, "avatar_too_large", `The picture is larger than ${MEGABYTES} MB. Choose a smaller PNG or JPG file.`);
}

export function avatarUnsupportedType(): AppError {
  return new AppError(415, "avatar_unsupported_type", "The picture must be a PNG or JPG file.");
}

/** product.md, The agent record: avatar, PNG or JPG (by content), at most 8 MB. */
export class AvatarsService {
  constructor(
    private readonly db: Db,
    private readonly userSecurity: UserSecurityService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  async put(actor: Actor, userId: string, image: Buffer): Promise<Avatar> {
    await this.assertMayChange(actor, userId);
    if (image.length > AVATAR_MAX_BYTES) {
      throw avatarTooLarge();
    }
    const contentType = avatarTypeOf(image);
    if (!contentType) {
      throw avatarUnsupportedType();
    }
    const updatedAt = await this.db.transaction().execute(async (transaction) => {
      const changedAt = await avatars.upsertAvatar(transaction, userId, contentType, image);
      await this.audit.record(transaction, actor, {
        action: "user.avatar_changed",
        entityType: "user",
        entityId: userId,
        summary: "Changed a profile picture",
        after: { avatar: { contentType, size: image.length } },
      });
      return changedAt;
    });
    this.publishChanged(userId, true);
    return { userId, contentType, size: image.length, updatedAt: updatedAt.toISOString() };
  }

  /** Any signed-in user may see anyone's picture, as a chat or a team list shows it. */
  async find(userId: string): Promise<avatars.AvatarRow | undefined> {
    return avatars.findAvatar(this.db, userId);
  }

  async version(userId: string): Promise<Date | undefined> {
    return avatars.findAvatarVersion(this.db, userId);
  }

  async remove(actor: Actor, userId: string): Promise<void> {
    await this.assertMayChange(actor, userId);
    const removed = await this.db.transaction().execute(async (transaction) => {
      const deleted = await avatars.deleteAvatar(transaction, userId);
      if (deleted) {
        await this.audit.record(transaction, actor, { action: "user.avatar_removed", entityType: "user", entityId: userId, summary: "Removed a profile picture" });
      }
      return deleted;
    });
    if (!removed) {
      throw new NotFoundError("avatar_not_found", "This user has no picture.");
    }
    this.publishChanged(userId, false);
  }

  /** The user themselves, an admin, or a supervisor of the user's queues; 404 for anyone else. */
  private async assertMayChange(actor: Actor, userId: string): Promise<void> {
    if (actor.principal.user.id === userId) {
      return;
    }
    await this.userSecurity.assertManages(actor, userId);
  }

  private publishChanged(userId: string, hasAvatar: boolean): void {
    this.events.publish("user.avatar_changed", { userId, hasAvatar }, { rooms: [userRoom(userId), adminRoom()] });
  }
}
