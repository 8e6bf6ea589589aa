import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { groupMemberSchema, memberIdsRequestSchema, memberListQuerySchema } from "../../../common/api/groups.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import {
  agentQueueParamsSchema,
  agentQueuesAddedSchema,
  addAgentToQueuesRequestSchema,
  createQueueRequestSchema,
  queueListQuerySchema,
  queueMemberParamsSchema,
  queueParamsSchema,
  queueSchema,
  updateQueueRequestSchema,
} from "../../../common/api/queues.ts";
import { agentParamsSchema } from "../../../common/api/groups.ts";
import { actorOf, requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { QueuesService } from "./queues.service.ts";

// Admins do everything; a supervisor reads and staffs (with agents) only the queues they are enabled on,
// and any other queue is a 404 to them; agents get 403 (issue 3, item 2).
const STAFF = ["admin", "supervisor"] as const;
const ADMINS = ["admin"] as const;
const tags = ["queues"];

export function registerQueuesRoutes(app: FastifyInstance, queuesService: QueuesService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/queues", {
    config: { access: STAFF },
    schema: { tags, summary: "List queues, by name; a supervisor sees their own", querystring: queueListQuerySchema, response: { 200: pageSchema(queueSchema), ...errorResponses } },
    handler: async (request) => queuesService.list(request.query, requirePrincipal(request)),
  });

  routes.post("/api/v1/queues", {
    config: { access: ADMINS },
    schema: { tags, summary: "Create a queue", body: createQueueRequestSchema, response: { 201: queueSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await queuesService.create(request.body, actorOf(request))),
  });

  routes.get("/api/v1/queues/:queueId", {
    config: { access: STAFF },
    schema: { tags, summary: "Read a queue", params: queueParamsSchema, response: { 200: queueSchema, ...errorResponses } },
    handler: async (request) => queuesService.get(request.params.queueId, requirePrincipal(request)),
  });

  routes.patch("/api/v1/queues/:queueId", {
    config: { access: ADMINS },
    schema: { tags, summary: "Change a queue's name, channel, strategy, timeouts or description", params: queueParamsSchema, body: updateQueueRequestSchema, response: { 200: queueSchema, ...errorResponses } },
    handler: async (request) => queuesService.update(request.params.queueId, request.body, actorOf(request)),
  });

  routes.delete("/api/v1/queues/:queueId", {
    config: { access: ADMINS },
    schema: { tags, summary: "Delete a queue; its members leave it", params: queueParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await queuesService.delete(request.params.queueId, actorOf(request));
      return reply.code(204).send(null);
    },
  });

  routes.get("/api/v1/queues/:queueId/members", {
    config: { access: STAFF },
    schema: { tags, summary: "List a queue's members, by full name", params: queueParamsSchema, querystring: memberListQuerySchema, response: { 200: pageSchema(groupMemberSchema), ...errorResponses } },
    handler: async (request) => queuesService.listMembers(request.params.queueId, request.query, requirePrincipal(request)),
  });

  routes.post("/api/v1/queues/:queueId/members", {
    config: { access: STAFF },
    schema: { tags, summary: "Add one or many agents to a queue (admins: supervisors too)", params: queueParamsSchema, body: memberIdsRequestSchema, response: { 200: queueSchema, ...errorResponses } },
    handler: async (request) => queuesService.addMembers(request.params.queueId, request.body.userIds, actorOf(request)),
  });

  routes.post("/api/v1/queues/:queueId/members/remove", {
    config: { access: STAFF },
    schema: { tags, summary: "Remove one or many members from a queue", params: queueParamsSchema, body: memberIdsRequestSchema, response: { 200: queueSchema, ...errorResponses } },
    handler: async (request) => queuesService.removeMembers(request.params.queueId, request.body.userIds, actorOf(request)),
  });

  routes.delete("/api/v1/queues/:queueId/members/:userId", {
    config: { access: STAFF },
    schema: { tags, summary: "Remove a member from a queue", params: queueMemberParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await queuesService.removeMember(request.params.queueId, request.params.userId, actorOf(request));
      return reply.code(204).send(null);
    },
  });

  routes.post("/api/v1/agents/:agentId/queues", {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "Add an agent to queues: { queueIds } or every queue of { channel }",
      params: agentParamsSchema,
      body: addAgentToQueuesRequestSchema,
      response: { 200: agentQueuesAddedSchema, ...errorResponses },
    },
    handler: async (request) => queuesService.addAgentToQueues(request.params.agentId, request.body, actorOf(request)),
  });

  routes.delete("/api/v1/agents/:agentId/queues/:queueId", {
    config: { access: STAFF },
    schema: { tags, summary: "Remove an agent from a queue", params: agentQueueParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await queuesService.removeAgentFromQueue(request.params.agentId, request.params.queueId, actorOf(request));
      return reply.code(204).send(null);
    },
  });
}
