import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { userParamsSchema, userSummarySchema } from "../../../common/api/users.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import { presentUserSummary } from "./users.presenter.ts";
import type { UsersService } from "./users.service.ts";

export function registerUsersRoutes(app: FastifyInstance, usersService: UsersService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  // product.md: "locked (set automatically after N failed logins ...; an admin unlocks)".
  routes.post("/api/v1/users/:userId/unlock", {
    config: { access: ["admin"] },
    schema: {
      tags: ["users"],
      summary: "Unlock a user locked out by failed sign-ins",
      params: userParamsSchema,
      response: { 200: userSummarySchema, ...errorResponses },
    },
    handler: async (request) => presentUserSummary(await usersService.unlock(request.params.userId, actorOf(request))),
  });
}
