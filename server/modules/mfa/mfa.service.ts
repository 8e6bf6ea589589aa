import QRCode from "qrcode";
import type { MfaEnrolment, MfaStatus } from "../../../common/api/mfa.ts";
import type { Db } from "../../db/database.ts";
import type { UserRow } from "../../db/tables.ts";
import { addMinutes, type Clock } from "../../lib/clock.ts";
import { BadRequestError, ConflictError, NotFoundError, UnauthenticatedError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { generateSecret, hashSecret } from "../../lib/secrets.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import type { UsersService } from "../users/users.service.ts";
import * as mfa from "./mfa.repository.ts";
import { generateTotpSecret, matchTotpCode, totpUri } from "./totp.ts";

const ENROLMENT_MINUTES = 10;
// Issue 3: MFA sign-in challenges expire after 5 minutes and are single-use.
const CHALLENGE_MINUTES = 5;
const CHALLENGE_MAX_WRONG_CODES = 5;

const WRONG_CODE_MESSAGE = "code: wrong or expired code, check your authenticator app";

/** TOTP MFA: a user enrols and turns it off with a code; an admin or scoped supervisor resets it; sign-in challenges. */
export class MfaService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async status(userId: string): Promise<MfaStatus> {
    const state = await this.requireState(userId);
    return { enabled: state.mfaEnabledAt !== null, enabledAt: state.mfaEnabledAt?.toISOString() ?? null };
  }

  /** Starts (or restarts) an enrolment; the secret becomes the user's only once a code from it is verified. */
  async startEnrolment(actor: Actor): Promise<MfaEnrolment> {
    const state = await this.requireState(actor.principal.user.id);
    if (state.mfaEnabledAt !== null) {
      throw new ConflictError("mfa_already_enabled", "Two-step sign-in is already on. Turn it off first to enrol a new device.");
    }
    const secret = generateTotpSecret();
    const expiresAt = addMinutes(this.clock.now(), ENROLMENT_MINUTES);
    await mfa.upsertEnrolment(this.db, state.id, secret, expiresAt);
    const otpauthUri = totpUri(secret, state.username);
    return { otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 240 }), secret, expiresAt: expiresAt.toISOString() };
  }

  async confirmEnrolment(actor: Actor, code: string): Promise<MfaStatus> {
    const userId = actor.principal.user.id;
    const now = this.clock.now();
    const secret = await mfa.findLiveEnrolment(this.db, userId, now);
    if (!secret) {
      throw new ConflictError("mfa_enrolment_expired", "Your enrolment has expired. Start again to get a new QR code.");
    }
    if (matchTotpCode(secret, code, now) === null) {
      throw wrongCodeField();
    }
    const enabled = await this.db.transaction().execute(async (transaction) => {
      if (!(await mfa.takeEnrolment(transaction, userId, secret))) {
        return false;
      }
      await mfa.enableMfa(transaction, userId, secret);
      await this.audit.record(transaction, actor, mfaChange("user.mfa_enabled", `Turned on two-step sign-in for ${actor.principal.user.username}`, userId, false, true));
      return true;
    });
    if (!enabled) {
      throw new ConflictError("mfa_enrolment_expired", "Your enrolment has expired. Start again to get a new QR code.");
    }
    this.publishChanged(userId);
    return this.status(userId);
  }

  /** The user turns MFA off, proving they still hold the device with a current code. */
  async disable(actor: Actor, code: string): Promise<MfaStatus> {
    const userId = actor.principal.user.id;
    const state = await this.requireState(userId);
    if (state.mfaEnabledAt === null || state.mfaSecret === null) {
      throw new ConflictError("mfa_not_enabled", "Two-step sign-in is not on.");
    }
    const counter = matchTotpCode(state.mfaSecret, code, this.clock.now());
    const cleared = await this.db.transaction().execute(async (transaction) => {
      if (counter === null || !(await mfa.claimCounter(transaction, userId, counter))) {
        return false;
      }
      await mfa.clearMfa(transaction, userId);
      await this.audit.record(transaction, actor, mfaChange("user.mfa_disabled", `Turned off two-step sign-in for ${state.username}`, userId, true, false));
      return true;
    });
    if (!cleared) {
      throw wrongCodeField();
    }
    this.publishChanged(userId);
    return this.status(userId);
  }

  /** An admin (or a supervisor of the user, checked by the caller) resets MFA: the user signs in with a password again. */
  async reset(actor: Actor, userId: string): Promise<MfaStatus> {
    const state = await this.requireState(userId);
    const reset = await this.db.transaction().execute(async (transaction) => {
      const wasOn = await mfa.clearMfa(transaction, userId);
      if (wasOn) {
        await this.audit.record(transaction, actor, mfaChange("user.mfa_reset", `Reset two-step sign-in of ${state.username}`, userId, true, false));
      }
      return wasOn;
    });
    if (reset) {
      this.publishChanged(userId);
    }
    return { enabled: false, enabledAt: null };
  }

  requiresChallenge(user: Pick<UserRow, "mfaEnabledAt" | "mfaSecret">): boolean {
    return user.mfaEnabledAt !== null && user.mfaSecret !== null;
  }

  /** After a correct password: a single-use challenge the client answers with a code. Only its hash is stored. */
  async openChallenge(userId: string): Promise<string> {
    const challengeId = generateSecret("mfa_");
    await mfa.insertChallenge(this.db, hashSecret(challengeId), userId, addMinutes(this.clock.now(), CHALLENGE_MINUTES));
    return challengeId;
  }

  /**
   * The user of a live challenge whose code is right; the challenge is used up. A wrong code counts toward the
   * account lockout like a wrong password, and a challenge dies after a few wrong codes.
   */
  async completeChallenge(challengeId: string, code: string, assertMaySignIn: (user: UserRow) => void): Promise<UserRow> {
    const id = hashSecret(challengeId);
    const now = this.clock.now();
    const challenge = await mfa.findLiveChallenge(this.db, id, now);
    const user = challenge ? await this.users.findById(challenge.userId) : undefined;
    if (!challenge || !user || user.mfaSecret === null) {
      throw new UnauthenticatedError("mfa_challenge_invalid", "This sign-in has expired. Enter your username and password again.");
    }
    // Disabled or locked since the password step (wrong codes lock too): no more guesses.
    assertMaySignIn(user);
    const counter = matchTotpCode(user.mfaSecret, code, now);
    const accepted = await this.db.transaction().execute(async (transaction) => {
      if (counter === null || !(await mfa.claimCounter(transaction, user.id, counter))) {
        return "wrong_code" as const;
      }
      return (await mfa.useChallenge(transaction, id, now)) ? ("accepted" as const) : ("challenge_gone" as const);
    });
    if (accepted === "challenge_gone") {
      throw new UnauthenticatedError("mfa_challenge_invalid", "This sign-in has expired. Enter your username and password again.");
    }
    if (accepted === "wrong_code") {
      await mfa.recordWrongCode(this.db, id, now, CHALLENGE_MAX_WRONG_CODES);
      const { lockoutThreshold } = await this.settings.getSecurity();
      await this.users.recordFailedLogin(user, lockoutThreshold);
      throw new UnauthenticatedError("mfa_code_invalid", "Wrong code. Check your authenticator app and try again.");
    }
    return user;
  }

  async deleteDeadChallenges(): Promise<void> {
    await mfa.deleteDeadChallenges(this.db, this.clock.now());
  }

  private async requireState(userId: string): Promise<mfa.MfaState> {
    const state = await mfa.findMfaState(this.db, userId);
    if (!state) {
      throw new NotFoundError("user_not_found", "User not found.");
    }
    return state;
  }

  private publishChanged(userId: string): void {
    this.events.publish("user.security_changed", { userId }, { rooms: [userRoom(userId), adminRoom()] });
  }
}

function wrongCodeField(): BadRequestError {
  return new BadRequestError("validation_failed", WRONG_CODE_MESSAGE, [{ field: "code", message: WRONG_CODE_MESSAGE }]);
}

function mfaChange(action: string, summary: string, userId: string, before: boolean, after: boolean) {
  return { action, entityType: "user", entityId: userId, summary, before: { mfaEnabled: before }, after: { mfaEnabled: after } };
}
