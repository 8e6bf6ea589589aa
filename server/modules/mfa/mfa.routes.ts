import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { mfaCodeRequestSchema, mfaEnrolmentSchema, mfaStatusSchema } from "../../../common/api/mfa.ts";
import { actorOf, requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { MfaService } from "./mfa.service.ts";

const EVERYONE = ["admin", "supervisor", "agent"] as const;

// The signed-in user's own two-step sign-in (TOTP). An admin's reset of someone else's is under /users/:userId/mfa.
export function registerMfaRoutes(app: FastifyInstance, mfaService: MfaService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/auth/mfa", {
    config: { access: EVERYONE },
    schema: { tags: ["auth"], summary: "Is two-step sign-in on for me", response: { 200: mfaStatusSchema, ...errorResponses } },
    handler: async (request) => mfaService.status(requirePrincipal(request).user.id),
  });

  routes.post("/api/v1/auth/mfa/enrol", {
    config: { access: EVERYONE },
    schema: {
      tags: ["auth"],
      summary: "Start turning on two-step sign-in: a new secret as an otpauth URI and a QR code",
      description: "Nothing changes until POST /api/v1/auth/mfa/verify gets a valid code from it (within 10 minutes).",
      response: { 200: mfaEnrolmentSchema, ...errorResponses },
    },
    handler: async (request) => mfaService.startEnrolment(actorOf(request)),
  });

  routes.post("/api/v1/auth/mfa/verify", {
    config: { access: EVERYONE },
    schema: {
      tags: ["auth"],
      summary: "Finish turning on two-step sign-in with a code from the enrolled app",
      body: mfaCodeRequestSchema,
      response: { 200: mfaStatusSchema, ...errorResponses },
    },
    handler: async (request) => mfaService.confirmEnrolment(actorOf(request), request.body.code),
  });

  routes.post("/api/v1/auth/mfa/disable", {
    config: { access: EVERYONE },
    schema: {
      tags: ["auth"],
      summary: "Turn off my two-step sign-in with a current code",
      body: mfaCodeRequestSchema,
      response: { 200: mfaStatusSchema, ...errorResponses },
    },
    handler: async (request) => mfaService.disable(actorOf(request), request.body.code),
  });
}
