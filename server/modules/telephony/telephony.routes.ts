import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { telephonyEventResultSchema, telephonyEventSchema } from "../../../common/api/telephony.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { TelephonyService } from "./telephony.service.ts";

// The phone system integrates with an API token of an admin (Authorization: Bearer sbt_…).
const ADMINS = ["admin"] as const;

export function registerTelephonyRoutes(app: FastifyInstance, telephony: TelephonyService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post("/api/v1/telephony/events", {
    config: { access: ADMINS },
    schema: {
      tags: ["telephony"],
      summary: "Report a call's event: call.offered, call.answered or call.ended; a repeated event changes nothing",
      body: telephonyEventSchema,
      response: { 200: telephonyEventResultSchema, ...errorResponses },
    },
    handler: async (request) => telephony.receive(request.body),
  });
}
