import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { userParamsSchema } from "../../../common/api/users.ts";
import { updateUserSecurityRequestSchema, userSecuritySchema } from "../../../common/api/user-security.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { UserSecurityService } from "./user-security.service.ts";

// Admins act on everyone; supervisors on the agents of the queues they are enabled on (404 for anyone else).
const MANAGERS = ["admin", "supervisor"] as const;

export function registerUserSecurityRoutes(app: FastifyInstance, service: UserSecurityService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/users/:userId/security", {
    config: { access: MANAGERS },
    schema: {
      tags: ["users"],
      summary: "A user's security: disabled, locked, masking, last password reset, MFA, avatar",
      params: userParamsSchema,
      response: { 200: userSecuritySchema, ...errorResponses },
    },
    handler: async (request) => service.get(actorOf(request), request.params.userId),
  });

  routes.patch("/api/v1/users/:userId/security", {
    config: { access: MANAGERS },
    schema: {
      tags: ["users"],
      summary: "Disable or enable a user, unlock them (locked: false), or mask their view of contacts' data",
      params: userParamsSchema,
      body: updateUserSecurityRequestSchema,
      response: { 200: userSecuritySchema, ...errorResponses },
    },
    handler: async (request) => service.update(actorOf(request), request.params.userId, request.body),
  });

  routes.delete("/api/v1/users/:userId/mfa", {
    config: { access: MANAGERS },
    schema: {
      tags: ["users"],
      summary: "Reset a user's two-step sign-in: they sign in with their password alone and may enrol again",
      params: userParamsSchema,
      response: { 200: userSecuritySchema, ...errorResponses },
    },
    handler: async (request) => service.resetMfa(actorOf(request), request.params.userId),
  });
}
