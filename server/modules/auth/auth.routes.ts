import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  apiTokenListSchema,
  apiTokenParamsSchema,
  createApiTokenRequestSchema,
  createdApiTokenSchema,
  loginRequestSchema,
  sessionResponseSchema,
} from "../../../common/api/auth.ts";
import { loginResponseSchema, mfaLoginRequestSchema } from "../../../common/api/mfa.ts";
import { requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import { SESSION_COOKIE } from "../../http/session-cookie.ts";
import { presentApiToken } from "./auth.presenter.ts";
import type { AuthService, SignedIn } from "./auth.service.ts";
import type { Principal } from "./principal.ts";

export interface AuthRoutesOptions {
  cookieSecure: boolean;
  loginRateLimit: number;
}

const EVERYONE = ["admin", "supervisor", "agent"] as const;

export function registerAuthRoutes(app: FastifyInstance, authService: AuthService, options: AuthRoutesOptions): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post("/api/v1/auth/login", {
    config: { access: "public", rateLimit: { max: options.loginRateLimit, timeWindow: "1 minute" } },
    schema: {
      tags: ["auth"],
      summary: "Sign in with a username and password",
      description:
        "Answers the session, or, for a user with two-step sign-in on, `{mfaRequired: true, challengeId}` and no session: " +
        "send the code to POST /api/v1/auth/login/mfa within 5 minutes.",
      body: loginRequestSchema,
      response: { 200: loginResponseSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await authService.login(request.body, clientOf(request));
      if ("mfaRequired" in result) {
        return result;
      }
      return startSession(reply, result, options.cookieSecure);
    },
  });

  routes.post("/api/v1/auth/login/mfa", {
    config: { access: "public", rateLimit: { max: options.loginRateLimit, timeWindow: "1 minute" } },
    schema: {
      tags: ["auth"],
      summary: "Finish a sign-in with the code of an authenticator app",
      description: "The challenge is single-use and expires after 5 minutes; a wrong code counts toward the account lockout.",
      body: mfaLoginRequestSchema,
      response: { 200: sessionResponseSchema, ...errorResponses },
    },
    handler: async (request, reply) => startSession(reply, await authService.completeMfaLogin(request.body, clientOf(request)), options.cookieSecure),
  });

  routes.post("/api/v1/auth/logout", {
    config: { access: EVERYONE },
    schema: { tags: ["auth"], summary: "Sign out of this session", response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await authService.logout(requirePrincipal(request));
      clearSessionCookie(reply, options.cookieSecure);
      return reply.code(204).send(null);
    },
  });

  routes.get("/api/v1/auth/me", {
    config: { access: EVERYONE },
    schema: { tags: ["auth"], summary: "Who is signed in", response: { 200: sessionResponseSchema, ...errorResponses } },
    handler: async (request) => presentSession(requirePrincipal(request)),
  });

  routes.get("/api/v1/auth/tokens", {
    config: { access: EVERYONE, module: "apiTokens" },
    schema: { tags: ["auth"], summary: "List my API tokens", response: { 200: apiTokenListSchema, ...errorResponses } },
    handler: async (request) => ({ items: (await authService.listApiTokens(userIdOf(request))).map(presentApiToken) }),
  });

  routes.post("/api/v1/auth/tokens", {
    config: { access: EVERYONE, module: "apiTokens" },
    schema: {
      tags: ["auth"],
      summary: "Create an API token for an integration; its secret is shown once",
      body: createApiTokenRequestSchema,
      response: { 201: createdApiTokenSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const created = await authService.createApiToken(userIdOf(request), request.body);
      return reply.code(201).send({ token: presentApiToken(created.token), secret: created.secret });
    },
  });

  routes.delete("/api/v1/auth/tokens/:tokenId", {
    config: { access: EVERYONE, module: "apiTokens" },
    schema: { tags: ["auth"], summary: "Revoke one of my API tokens", params: apiTokenParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await authService.revokeApiToken(userIdOf(request), request.params.tokenId);
      return reply.code(204).send(null);
    },
  });
}

function clientOf(request: FastifyRequest) {
  return { ipAddress: request.ip, userAgent: request.headers["user-agent"] ?? null };
}

function startSession(reply: FastifyReply, signedIn: SignedIn, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, signedIn.sessionSecret, { path: "/", httpOnly: true, sameSite: "lax", secure, expires: signedIn.expiresAt });
  return presentSession(signedIn.principal);
}

function presentSession(principal: Principal) {
  return { user: principal.user, csrfToken: principal.via === "session" ? principal.csrfToken : null };
}

function userIdOf(request: FastifyRequest): string {
  return requirePrincipal(request).user.id;
}

/** Clears the session cookie with the attributes it was set with (a browser keeps it otherwise). */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure });
}
