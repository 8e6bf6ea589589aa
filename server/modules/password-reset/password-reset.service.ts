import type { Logger } from "pino";
import { FORGOT_PASSWORD_MESSAGE, passwordPolicyOf, type ForgotPasswordResponse, type PasswordPolicy, type ResetPasswordRequest } from "../../../common/api/password-reset.ts";
import { passwordProblems } from "../../../common/domain/password-policy.ts";
import type { Db } from "../../db/database.ts";
import { addMinutes, type Clock } from "../../lib/clock.ts";
import { BadRequestError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { enqueueJob, countRecentJobs } from "../../jobs/jobs.repository.ts";
import type { JobWorker } from "../../jobs/job-worker.ts";
import type { Mailer } from "../../lib/mailer.ts";
import { hashPassword } from "../../lib/passwords.ts";
import { generateSecret, hashSecret } from "../../lib/secrets.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { AuthService } from "../auth/auth.service.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import * as resets from "./password-reset.repository.ts";
import { resetEmail } from "./reset-email.ts";

// product.md: "forgotten password by e-mail link valid one hour"; issue 3: single-use.
const LINK_MINUTES = 60;
// However often someone asks, one person gets at most this many links per quarter of an hour.
const LINKS_PER_QUARTER_HOUR = 3;

export interface PasswordResetDependencies {
  db: Db;
  settings: SettingsService;
  auth: AuthService;
  audit: AuditService;
  events: EventBus;
  mailer: Mailer;
  jobs: JobWorker;
  clock: Clock;
  logger: Logger;
}

export const RESET_EMAIL_JOB = "password_reset.email";

export class PasswordResetService {
  constructor(private readonly dependencies: PasswordResetDependencies) {
    dependencies.jobs.register(RESET_EMAIL_JOB, (payload) => this.deliverResetLink(payload));
  }

  async policy(): Promise<PasswordPolicy> {
    return passwordPolicyOf((await this.dependencies.settings.getSecurity()).suiteEnabled);
  }

  /**
   * Always the same answer, whether or not anyone matches. The e-mail is a durable job delivered by the job
   * worker after the commit (CONVENTIONS.md rules 4 and 6), so neither the answer nor its timing tells whether an
   * account exists.
   */
  /** Without a trusted `linkOrigin` no link is made, and the answer is the same. */
  async requestReset(usernameOrEmail: string, linkOrigin: string | undefined): Promise<ForgotPasswordResponse> {
    const { db, jobs } = this.dependencies;
    if (!linkOrigin) {
      return { message: FORGOT_PASSWORD_MESSAGE };
    }
    const recipients = await resets.findRecipients(db, usernameOrEmail);
    // One durable job per link (CONVENTIONS.md rule 4): a crash after this answer still sends the e-mail.
    const enqueued = await db.transaction().execute(async (transaction) => {
      let count = 0;
      for (const recipient of recipients) {
        if ((await countRecentJobs(transaction, RESET_EMAIL_JOB, "userId", recipient.id, 15)) >= LINKS_PER_QUARTER_HOUR) {
          continue;
        }
        await enqueueJob(transaction, { kind: RESET_EMAIL_JOB, payload: { userId: recipient.id, linkOrigin } });
        count += 1;
      }
      return count;
    });
    if (enqueued > 0) {
      jobs.wake();
    }
    return { message: FORGOT_PASSWORD_MESSAGE };
  }

  /**
   * The job: a fresh single-use token for the link, then the e-mail. The token is made here, not when asked, so
   * no live secret waits in the jobs table; a retry after a failed send makes a new one.
   */
  private async deliverResetLink(payload: Record<string, unknown>): Promise<void> {
    const { db, clock, mailer } = this.dependencies;
    const userId = String(payload.userId);
    const recipient = await resets.findRecipientById(db, userId);
    if (!recipient) {
      return;
    }
    const now = clock.now();
    const token = generateSecret();
    await resets.insertToken(db, hashSecret(token), recipient.id, now, addMinutes(now, LINK_MINUTES));
    const link = `${String(payload.linkOrigin)}/reset-password?token=${encodeURIComponent(token)}`;
    await mailer.send(resetEmail(recipient, link, LINK_MINUTES));
  }

  /** Sets the new password from a live link: the link is used up and every session of the user ends. */
  async resetPassword(request: ResetPasswordRequest): Promise<void> {
    const { db, clock, settings, audit, auth, events } = this.dependencies;
    const tokenHash = hashSecret(request.token);
    if (!(await resets.findLiveToken(db, tokenHash, clock.now()))) {
      throw invalidLink();
    }
    const problems = passwordProblems(request.password, (await settings.getSecurity()).suiteEnabled);
    if (problems.length > 0) {
      throw new BadRequestError("validation_failed", problems.join("; "), problems.map((message) => ({ field: "password", message })));
    }
    // Hashing is slow on purpose: done before the transaction, which stays short (CONVENTIONS.md rule 6).
    const passwordHash = await hashPassword(request.password);
    const userId = await db.transaction().execute(async (transaction) => {
      const now = clock.now();
      const owner = await resets.useToken(transaction, tokenHash, now);
      const user = owner ? await resets.setPassword(transaction, owner, passwordHash, now) : undefined;
      if (!owner || !user) {
        return undefined;
      }
      await resets.useAllTokensOfUser(transaction, owner, now);
      await audit.record(transaction, undefined, {
        action: "user.password_reset",
        entityType: "user",
        entityId: owner,
        summary: `${user.username} chose a new password from an e-mailed link`,
      });
      return owner;
    });
    if (!userId) {
      throw invalidLink();
    }
    await auth.endSessionsOfUser(userId);
    events.publish("user.security_changed", { userId }, { rooms: [userRoom(userId), adminRoom()] });
  }

}

function invalidLink(): BadRequestError {
  return new BadRequestError("reset_link_invalid", "This link has expired or was already used. Ask for a new one.");
}
