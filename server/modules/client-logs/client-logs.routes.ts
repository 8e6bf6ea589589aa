import type { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { agentParamsSchema } from "../../../common/api/channels.ts";
import {
  agentClientLogSettingsSchema,
  clientLogDownloadQuerySchema,
  clientLogEntrySchema,
  clientLogQuerySchema,
  clientLogSettingsSchema,
  shipClientLogsRequestSchema,
  shipClientLogsResponseSchema,
  updateClientLogSettingsRequestSchema,
} from "../../../common/api/client-logs.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import { actorOf, requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import { clientLogStream } from "./client-logs.export.ts";
import type { ClientLogsService } from "./client-logs.service.ts";

const MANAGERS = ["admin", "supervisor"] as const;
const CONTENT_TYPES = { text: "text/plain; charset=utf-8", csv: "text/csv; charset=utf-8" } as const;

export function registerClientLogsRoutes(app: FastifyInstance, clientLogsService: ClientLogsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/client-logs/settings", {
    config: { access: ["agent"] },
    schema: { tags: ["client-logs"], summary: "Whether my desktop ships its logs, and from which level", response: { 200: clientLogSettingsSchema, ...errorResponses } },
    handler: async (request) => clientLogsService.getOwnSettings(requirePrincipal(request)),
  });

  routes.post("/api/v1/client-logs", {
    config: { access: ["agent"] },
    schema: {
      tags: ["client-logs"],
      summary: "Ship a batch of my desktop's log lines; lines below my level are dropped",
      body: shipClientLogsRequestSchema,
      response: { 200: shipClientLogsResponseSchema, ...errorResponses },
    },
    handler: async (request) => clientLogsService.ship(requirePrincipal(request), request.body),
  });

  routes.get("/api/v1/agents/:agentId/client-logs/settings", {
    config: { access: MANAGERS },
    schema: { tags: ["client-logs"], summary: "An agent's client-log setting", params: agentParamsSchema, response: { 200: agentClientLogSettingsSchema, ...errorResponses } },
    handler: async (request) => clientLogsService.getSettingsForAgent(actorOf(request), request.params.agentId),
  });

  routes.put("/api/v1/agents/:agentId/client-logs/settings", {
    config: { access: MANAGERS },
    schema: {
      tags: ["client-logs"],
      summary: "Turn an agent's client logs on or off and set the minimum level",
      params: agentParamsSchema,
      body: updateClientLogSettingsRequestSchema,
      response: { 200: agentClientLogSettingsSchema, ...errorResponses },
    },
    handler: async (request) => clientLogsService.updateSettingsForAgent(actorOf(request), request.params.agentId, request.body),
  });

  routes.get("/api/v1/agents/:agentId/client-logs", {
    config: { access: MANAGERS },
    schema: {
      tags: ["client-logs"],
      summary: "An agent's client log lines, newest first, paginated, of one level when asked",
      params: agentParamsSchema,
      querystring: clientLogQuerySchema,
      response: { 200: pageSchema(clientLogEntrySchema), ...errorResponses },
    },
    handler: async (request) => clientLogsService.list(actorOf(request), request.params.agentId, request.query),
  });

  routes.get("/api/v1/agents/:agentId/client-logs/download", {
    config: { access: MANAGERS },
    schema: {
      tags: ["client-logs"],
      summary: "Download an agent's client log lines, oldest first, as text or CSV",
      params: agentParamsSchema,
      querystring: clientLogDownloadQuerySchema,
      // A stream: Fastify pipes it to the response without serializing.
      response: { 200: z.custom<Readable>().meta({ description: "text/plain or text/csv (RFC 4180), one line per log entry" }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { filename, rows } = await clientLogsService.download(actorOf(request), request.params.agentId, request.query.format, request.query.level);
      const stream = clientLogStream(rows, request.query.format, (error) => request.log.error({ err: error }, "client-log download failed"));
      return reply
        .header("content-type", CONTENT_TYPES[request.query.format])
        .header("content-disposition", `attachment; filename="${filename}"`)
        .header("cache-control", "no-store")
        .send(stream);
    },
  });
}
