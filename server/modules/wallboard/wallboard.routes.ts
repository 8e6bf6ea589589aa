import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { wallboardQuerySchema, wallboardSchema } from "../../../common/api/wallboard.ts";
import { requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { WallboardService } from "./wallboard.service.ts";

// Admins see every agent and queue; a supervisor only their own; agents get 403 (issue 4, item 9).
const STAFF = ["admin", "supervisor"] as const;
const tags = ["wallboard"];

export function registerWallboardRoutes(app: FastifyInstance, wallboardService: WallboardService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/wallboard", {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "Live agents (status, load, offers) and queues (waiting, longest wait, today's outcomes); re-read on each wallboard.changed",
      querystring: wallboardQuerySchema,
      response: { 200: wallboardSchema, ...errorResponses },
    },
    handler: async (request) => wallboardService.read(requirePrincipal(request), request.query),
  });
}
