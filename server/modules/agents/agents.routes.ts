import type { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  agentParamsSchema,
  agentSchema,
  agentSummarySchema,
  createAgentRequestSchema,
  deleteAgentsRequestSchema,
  deletedAgentsSchema,
  exportAgentsQuerySchema,
  listAgentsQuerySchema,
  setAgentPasswordRequestSchema,
  updateAgentRequestSchema,
} from "../../../common/api/agents.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import { agentCsvStream } from "./agents.csv.ts";
import type { AgentsService } from "./agents.service.ts";

// Admins manage every agent, supervisors the agents of their queues (the service scopes each call); agents get 403.
const MANAGERS = ["admin", "supervisor"] as const;

export function registerAgentsRoutes(app: FastifyInstance, agentsService: AgentsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/agents", {
    config: { access: MANAGERS },
    schema: {
      tags: ["agents"],
      summary: "List agents: search, filters, sort and pages",
      querystring: listAgentsQuerySchema,
      response: { 200: pageSchema(agentSummarySchema), ...errorResponses },
    },
    handler: async (request) => agentsService.list(actorOf(request), request.query),
  });

  routes.post("/api/v1/agents", {
    config: { access: ["admin"] },
    schema: { tags: ["agents"], summary: "Create an agent", body: createAgentRequestSchema, response: { 201: agentSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await agentsService.create(actorOf(request), request.body)),
  });

  // product.md, The agent record: "export the selected agents as CSV". Streamed: memory stays flat however many.
  routes.get("/api/v1/agents/export.csv", {
    config: { access: MANAGERS },
    schema: {
      tags: ["agents"],
      summary: "Export the selected agents (agentIds) or every agent matching the filters as CSV",
      querystring: exportAgentsQuerySchema,
      // A stream: Fastify pipes it to the response without serializing.
      response: { 200: z.custom<Readable>().meta({ description: "text/csv (RFC 4180), one line per agent" }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const records = await agentsService.prepareExport(actorOf(request), request.query);
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="agents-${date}.csv"`)
        .header("cache-control", "no-store")
        .send(agentCsvStream(records, (error) => request.log.error({ err: error }, "agent export failed part-way")));
    },
  });

  routes.post("/api/v1/agents/delete", {
    config: { access: MANAGERS },
    schema: {
      tags: ["agents"],
      summary: "Delete several agents: all of them, or none when any is unknown",
      body: deleteAgentsRequestSchema,
      response: { 200: deletedAgentsSchema, ...errorResponses },
    },
    handler: async (request) => ({ deleted: await agentsService.delete(actorOf(request), request.body.agentIds) }),
  });

  routes.get("/api/v1/agents/:agentId", {
    config: { access: MANAGERS },
    schema: { tags: ["agents"], summary: "Read an agent", params: agentParamsSchema, response: { 200: agentSchema, ...errorResponses } },
    handler: async (request) => agentsService.get(actorOf(request), request.params.agentId),
  });

  routes.patch("/api/v1/agents/:agentId", {
    config: { access: MANAGERS },
    schema: {
      tags: ["agents"],
      summary: "Change an agent: any of its fields; settings are merged into the stored ones",
      params: agentParamsSchema,
      body: updateAgentRequestSchema,
      response: { 200: agentSchema, ...errorResponses },
    },
    handler: async (request) => agentsService.update(actorOf(request), request.params.agentId, request.body),
  });

  routes.delete("/api/v1/agents/:agentId", {
    config: { access: MANAGERS },
    schema: { tags: ["agents"], summary: "Delete an agent", params: agentParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await agentsService.delete(actorOf(request), [request.params.agentId]);
      return reply.code(204).send(null);
    },
  });

  routes.put("/api/v1/agents/:agentId/password", {
    config: { access: MANAGERS },
    schema: {
      tags: ["agents"],
      summary: "Set an agent's password; the agent's sessions end",
      params: agentParamsSchema,
      body: setAgentPasswordRequestSchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await agentsService.setPassword(actorOf(request), request.params.agentId, request.body.password);
      return reply.code(204).send(null);
    },
  });
}
