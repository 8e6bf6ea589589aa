import type { UpdateUserSecurityRequest, UserSecurity } from "../../../common/api/user-security.ts";
import type { Db } from "../../db/database.ts";
import { BadRequestError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { AgentScopeService } from "../agent-scope/agent-scope.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import type { MfaService } from "../mfa/mfa.service.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import type { UsersService } from "../users/users.service.ts";
import { presentUserSecurity } from "./user-security.presenter.ts";
import * as security from "./user-security.repository.ts";

/**
 * Per-user security actions of admins, and of supervisors on the agents of their queues: disable or enable,
 * unlock, mask sensitive data, reset MFA. Anyone else gets a 404, as if the user did not exist.
 */
export class UserSecurityService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly agentScope: AgentScopeService,
  ) {}

  /** An admin manages every user; a supervisor the agents in their scope (the agent-scope module decides). */
  async assertManages(actor: Actor, userId: string): Promise<void> {
    const user = actor.principal.user;
    const manages = user.role === "admin" ? await security.userExists(this.db, userId) : await this.agentScope.canManageAgent(user, userId);
    if (!manages) {
      throw new NotFoundError("user_not_found", "User not found.");
    }
  }

  async get(actor: Actor, userId: string): Promise<UserSecurity> {
    await this.assertManages(actor, userId);
    return this.read(userId);
  }

  async update(actor: Actor, userId: string, changes: UpdateUserSecurityRequest): Promise<UserSecurity> {
    await this.assertManages(actor, userId);
    if (changes.disabled === true && userId === actor.principal.user.id) {
      throw new BadRequestError("validation_failed", "disabled: you cannot disable your own account", [
        { field: "disabled", message: "disabled: you cannot disable your own account" },
      ]);
    }
    const current = await this.read(userId);
    if (changes.disabled !== undefined && changes.disabled !== current.disabled) {
      // Audited, and ends the user's sessions at once (auth.listeners.ts).
      await this.users.setDisabled(userId, changes.disabled, actor);
    }
    if (changes.locked === false && current.locked) {
      await this.users.unlock(userId, actor);
    }
    if (changes.maskSensitiveData !== undefined && changes.maskSensitiveData !== current.maskSensitiveData) {
      await this.setMask(actor, current, changes.maskSensitiveData);
    }
    return this.read(userId);
  }

  async resetMfa(actor: Actor, userId: string): Promise<UserSecurity> {
    await this.assertManages(actor, userId);
    await this.mfa.reset(actor, userId);
    return this.read(userId);
  }

  private async setMask(actor: Actor, user: UserSecurity, mask: boolean): Promise<void> {
    await this.db.transaction().execute(async (transaction) => {
      await security.setMaskSensitiveData(transaction, user.userId, mask);
      await this.audit.record(transaction, actor, {
        action: mask ? "user.masking_enabled" : "user.masking_disabled",
        entityType: "user",
        entityId: user.userId,
        summary: `${mask ? "Masked" : "Unmasked"} sensitive data for ${user.username}`,
        before: { maskSensitiveData: !mask },
        after: { maskSensitiveData: mask },
      });
    });
    this.events.publish("user.security_changed", { userId: user.userId }, { rooms: [userRoom(user.userId), adminRoom()] });
  }

  private async read(userId: string): Promise<UserSecurity> {
    const [row, settings] = await Promise.all([security.findSecurityRow(this.db, userId), this.settings.getSecurity()]);
    if (!row) {
      throw new NotFoundError("user_not_found", "User not found.");
    }
    return presentUserSecurity(row, settings.suiteEnabled);
  }
}
