import type { Role } from "../../../common/domain/roles.ts";
import { usernameSchema } from "../../../common/domain/username.ts";
import type { AuditChange, AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import type { Db } from "../../db/database.ts";
import type { UserRow } from "../../db/tables.ts";
import { BadRequestError, ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { hashPassword } from "../../lib/passwords.ts";
import { generatePassword } from "../../lib/secrets.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import { presentUserSummary } from "./users.presenter.ts";
import * as users from "./users.repository.ts";

export interface NewUser {
  username: string;
  password: string;
  fullName: string;
  role: Role;
  email?: string | null;
}

export interface InitialAdmin {
  username: string;
  /** Set only when the password was generated: it is printed once and never stored in clear. */
  generatedPassword: string | undefined;
}

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
  ) {}

  async create(newUser: NewUser): Promise<UserRow> {
    const user = await this.insertUnlessTaken(newUser);
    if (!user) {
      throw new ConflictError("username_taken", "username: already in use");
    }
    return user;
  }

  async findById(userId: string): Promise<UserRow | undefined> {
    return users.findUserById(this.db, userId);
  }

  async findByUsername(username: string): Promise<UserRow | undefined> {
    return users.findUserByUsername(this.db, username);
  }

  /** First start: create the admin when there is none (ADMIN_USERNAME / ADMIN_PASSWORD, or a generated one). */
  async ensureInitialAdmin(username: string, password: string | undefined): Promise<InitialAdmin | undefined> {
    if ((await users.countAdmins(this.db)) > 0) {
      return undefined;
    }
    const generatedPassword = password ? undefined : generatePassword();
    const created = await this.insertUnlessTaken({ username, password: password ?? generatedPassword ?? "", fullName: "Administrator", role: "admin" });
    // Several processes starting together on one database: only the one whose insert won reports it.
    return created ? { username, generatedPassword } : undefined;
  }

  /** Counts a wrong password; locks the account at the threshold and tells the admins. */
  async recordFailedLogin(user: UserRow, lockoutThreshold: number): Promise<void> {
    const updated = await users.recordFailedLogin(this.db, user.id, lockoutThreshold);
    if (updated && user.lockedAt === null && updated.lockedAt !== null) {
      this.publishUpdated(updated);
    }
  }

  async recordSuccessfulLogin(userId: string): Promise<void> {
    await users.recordSuccessfulLogin(this.db, userId);
  }

  /** `actor` is absent only for changes the system makes itself (scripts, tests). */
  async unlock(userId: string, actor?: Actor): Promise<UserRow> {
    const user = await this.db.transaction().execute(async (transaction) => {
      const unlocked = await users.unlockUser(transaction, userId);
      if (unlocked) {
        await this.audit.record(transaction, actor, userChange("user.unlocked", `Unlocked ${unlocked.username}`, unlocked, { locked: true }, { locked: false }));
      }
      return unlocked;
    });
    if (!user) {
      throw new NotFoundError("user_not_found", "User not found.");
    }
    this.publishUpdated(user);
    return user;
  }

  async setDisabled(userId: string, disabled: boolean, actor?: Actor): Promise<UserRow> {
    const user = await this.db.transaction().execute(async (transaction) => {
      const updated = await users.setUserDisabled(transaction, userId, disabled);
      if (updated) {
        const action = disabled ? "user.disabled" : "user.enabled";
        const summary = `${disabled ? "Disabled" : "Enabled"} ${updated.username}`;
        await this.audit.record(transaction, actor, userChange(action, summary, updated, { disabled: !disabled }, { disabled }));
      }
      return updated;
    });
    if (!user) {
      throw new NotFoundError("user_not_found", "User not found.");
    }
    this.publishUpdated(user);
    return user;
  }

  private async insertUnlessTaken(newUser: NewUser): Promise<UserRow | undefined> {
    const username = usernameSchema.safeParse(newUser.username);
    if (!username.success) {
      throw new BadRequestError("validation_failed", username.error.issues[0]?.message ?? "username: invalid");
    }
    return users.insertUserUnlessTaken(this.db, {
      username: username.data,
      fullName: newUser.fullName,
      email: newUser.email ?? null,
      role: newUser.role,
      passwordHash: await hashPassword(newUser.password),
      passwordChangedAt: new Date(),
    });
  }

  private publishUpdated(user: UserRow): void {
    this.events.publish("user.updated", { user: presentUserSummary(user) }, { rooms: [userRoom(user.id), adminRoom()] });
  }
}

function userChange(action: string, summary: string, user: UserRow, before: unknown, after: unknown): AuditChange {
  return { action, entityType: "user", entityId: user.id, summary, before, after };
}
