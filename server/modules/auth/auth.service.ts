import type { CreateApiTokenRequest, LoginRequest } from "../../../common/api/auth.ts";
import type { MfaLoginRequest } from "../../../common/api/mfa.ts";
import { disabledModulesOf } from "../../../common/domain/modules.ts";
import type { Db } from "../../db/database.ts";
import type { ApiTokenRow, UserRow } from "../../db/tables.ts";
import { addMinutes, type Clock } from "../../lib/clock.ts";
import { NotFoundError, UnauthenticatedError, type AppError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { verifyAgainstDummy, verifyPassword } from "../../lib/passwords.ts";
import { generateSecret, hashSecret } from "../../lib/secrets.ts";
import { sessionRoom } from "../../realtime/rooms.ts";
import type { MfaService } from "../mfa/mfa.service.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import { presentSignedInUser } from "../users/users.presenter.ts";
import type { UsersService } from "../users/users.service.ts";
import * as authRepository from "./auth.repository.ts";
import type { Principal } from "./principal.ts";
import { assertMaySignIn, maySignIn } from "./sign-in-rules.ts";

export const API_TOKEN_PREFIX = "sbt_";

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface ClientInfo {
  ipAddress: string | null;
  userAgent: string | null;
}

export interface SignedIn {
  /** The cookie's value; only its hash is stored. */
  sessionSecret: string;
  principal: Extract<Principal, { via: "session" }>;
  expiresAt: Date;
}

/** A correct password of a user with MFA on: no session yet, a challenge to answer with a code. */
export interface MfaRequired {
  mfaRequired: true;
  challengeId: string;
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
    private readonly mfa: MfaService,
  ) {}

  async login(credentials: LoginRequest, client: ClientInfo): Promise<SignedIn | MfaRequired> {
    const user = await this.users.findByUsername(credentials.username);
    if (!user) {
      await verifyAgainstDummy(credentials.password);
      throw invalidCredentials();
    }
    if (!(await verifyPassword(user.passwordHash, credentials.password))) {
      const { lockoutThreshold } = await this.settings.getSecurity();
      await this.users.recordFailedLogin(user, lockoutThreshold);
      throw invalidCredentials();
    }
    // Only someone who knows the password learns that the account is disabled or locked.
    assertMaySignIn(user);
    if (this.mfa.requiresChallenge(user)) {
      // The failed-sign-in counter is reset only once the code is right: wrong codes keep counting.
      return { mfaRequired: true, challengeId: await this.mfa.openChallenge(user.id) };
    }
    await this.users.recordSuccessfulLogin(user.id);
    return this.openSession(user, client);
  }

  /** The second step of a sign-in with MFA on: a live challenge and a right code open the session. */
  async completeMfaLogin(request: MfaLoginRequest, client: ClientInfo): Promise<SignedIn> {
    const user = await this.mfa.completeChallenge(request.challengeId, request.code, assertMaySignIn);
    await this.users.recordSuccessfulLogin(user.id);
    return this.openSession(user, client);
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.via !== "session") {
      return;
    }
    await authRepository.deleteSession(this.db, principal.sessionId);
    this.events.publish("session.ended", { reason: "signed_out" }, { rooms: [sessionRoom(principal.sessionId)], disconnect: true });
  }

  /** Ends every session of a user (disabled, locked, password changed). */
  async endSessionsOfUser(userId: string): Promise<void> {
    const sessionIds = await authRepository.deleteSessionsOfUser(this.db, userId);
    const rooms = sessionIds.map((sessionId) => sessionRoom(sessionId));
    if (rooms.length > 0) {
      this.events.publish("session.ended", { reason: "revoked" }, { rooms, disconnect: true });
    }
  }

  async authenticateSession(sessionSecret: string): Promise<Principal | undefined> {
    const now = this.clock.now();
    const found = await authRepository.findActiveSession(this.db, hashSecret(sessionSecret), now, addMinutes(now, -this.policy.idleMinutes));
    if (!found || !maySignIn(found.user)) {
      return undefined;
    }
    if (isStale(found.lastSeenAt, now)) {
      await authRepository.touchSession(this.db, found.sessionId, now);
    }
    return {
      via: "session",
      user: presentSignedInUser(found.user),
      sessionId: found.sessionId,
      csrfToken: found.csrfToken,
      disabledModules: disabledModulesOf(found.user.permissions),
    };
  }

  async authenticateToken(secret: string): Promise<Principal | undefined> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) {
      return undefined;
    }
    const now = this.clock.now();
    const found = await authRepository.findUsableApiToken(this.db, hashSecret(secret), now);
    if (!found || !maySignIn(found.user)) {
      return undefined;
    }
    if (found.lastUsedAt === null || isStale(found.lastUsedAt, now)) {
      await authRepository.touchApiToken(this.db, found.tokenId, now);
    }
    return { via: "token", user: presentSignedInUser(found.user), tokenId: found.tokenId, disabledModules: disabledModulesOf(found.user.permissions) };
  }

  async createApiToken(userId: string, request: CreateApiTokenRequest): Promise<{ token: ApiTokenRow; secret: string }> {
    const secret = generateSecret(API_TOKEN_PREFIX);
    const expiresAt = request.expiresInDays ? addMinutes(this.clock.now(), request.expiresInDays * 24 * 60) : null;
    const token = await authRepository.insertApiToken(this.db, {
      userId,
      name: request.name,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      expiresAt,
    });
    return { token, secret };
  }

  async listApiTokens(userId: string): Promise<ApiTokenRow[]> {
    return authRepository.listApiTokensOfUser(this.db, userId);
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<void> {
    if (!(await authRepository.revokeApiToken(this.db, tokenId, userId))) {
      throw new NotFoundError("api_token_not_found", "API token not found.");
    }
  }

  async deleteExpiredSessions(): Promise<number> {
    const now = this.clock.now();
    return authRepository.deleteExpiredSessions(this.db, now, addMinutes(now, -this.policy.idleMinutes));
  }

  private async openSession(user: UserRow, client: ClientInfo): Promise<SignedIn> {
    const sessionSecret = generateSecret();
    const sessionId = hashSecret(sessionSecret);
    const csrfToken = generateSecret("", 24);
    const now = this.clock.now();
    const expiresAt = addMinutes(now, this.policy.maxHours * 60);
    await authRepository.insertSession(this.db, { id: sessionId, userId: user.id, csrfToken, now, expiresAt, ...client });
    return { sessionSecret, expiresAt, principal: { via: "session", user: presentSignedInUser(user), sessionId, csrfToken, disabledModules: disabledModulesOf(user.permissions) } };
  }
}

function invalidCredentials(): AppError {
  return new UnauthenticatedError("invalid_credentials", "Wrong username or password.");
}

// Last-seen times are written at most once a minute: a read-heavy API should not write on every request.
const TOUCH_INTERVAL_MINUTES = 1;
function isStale(lastSeenAt: Date, now: Date): boolean {
  return lastSeenAt < addMinutes(now, -TOUCH_INTERVAL_MINUTES);
}

