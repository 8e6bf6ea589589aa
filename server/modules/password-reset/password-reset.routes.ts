import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  forgotPasswordRequestSchema,
  forgotPasswordResponseSchema,
  passwordPolicySchema,
  resetPasswordRequestSchema,
} from "../../../common/api/password-reset.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { PasswordResetService } from "./password-reset.service.ts";

export interface PasswordResetRoutesOptions {
  /** PUBLIC_URL: the origin of the links in reset e-mails; without it, the origin the request came to. */
  publicUrl: string | undefined;
  rateLimit: number;
}

export function registerPasswordResetRoutes(app: FastifyInstance, service: PasswordResetService, options: PasswordResetRoutesOptions): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { max: options.rateLimit, timeWindow: "1 minute" };

  routes.post("/api/v1/auth/password/forgot", {
    config: { access: "public", rateLimit },
    schema: {
      tags: ["auth"],
      summary: "E-mail a link to choose a new password (valid one hour, single-use)",
      description: "Always 202 with the same body, whether or not a user has that username or e-mail address.",
      body: forgotPasswordRequestSchema,
      response: { 202: forgotPasswordResponseSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const origin = linkOrigin(request, options.publicUrl);
      if (!origin) {
        request.log.warn("password reset requested on an address other than this machine: set PUBLIC_URL so reset links can be sent");
      }
      const accepted = await service.requestReset(request.body.usernameOrEmail, origin);
      return reply.code(202).send(accepted);
    },
  });

  routes.post("/api/v1/auth/password/reset", {
    config: { access: "public", rateLimit },
    schema: {
      tags: ["auth"],
      summary: "Choose a new password with the token of an e-mailed link; ends every session of the user",
      body: resetPasswordRequestSchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.resetPassword(request.body);
      return reply.code(204).send(null);
    },
  });

  routes.get("/api/v1/auth/password/policy", {
    config: { access: "public" },
    schema: { tags: ["auth"], summary: "What a new password needs", response: { 200: passwordPolicySchema, ...errorResponses } },
    handler: async () => service.policy(),
  });
}

const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where reset links point: PUBLIC_URL. Without it, only this machine's own loopback address is trusted: a Host
 * header names whatever the sender likes, and a link built on it would hand the token to their server.
 */
function linkOrigin(request: FastifyRequest, publicUrl: string | undefined): string | undefined {
  if (publicUrl) {
    return new URL(publicUrl).origin;
  }
  const requested = new URL(`${request.protocol}://${request.host}`);
  const onThisPort = Number(requested.port || (request.protocol === "https" ? 443 : 80)) === request.socket.localPort;
  return LOOPBACK_HOSTNAMES.has(requested.hostname) && onThisPort ? requested.origin : undefined;
}
