import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createMemberGroupRequestSchema,
  groupListQuerySchema,
  groupMemberSchema,
  type memberGroupSchema,
  memberIdsRequestSchema,
  memberListQuerySchema,
  updateMemberGroupRequestSchema,
} from "../../../common/api/groups.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { MemberGroupService } from "./member-group.service.ts";

// Admins change campaigns and lists; supervisors read them; agents get 403 (issue 3, item 2).
const READERS = ["admin", "supervisor"] as const;
const WRITERS = ["admin"] as const;

/** How one kind of member group appears in the API: its path, its id parameter, its names and schemas. */
type MemberGroup = z.infer<typeof memberGroupSchema>;

export interface MemberGroupRoutes<IdParam extends string> {
  /** Singular, as in "Create a campaign". */
  name: string;
  /** Plural: the path segment (`/api/v1/campaigns`) and the OpenAPI tag. */
  plural: string;
  idParam: IdParam;
  groupSchema: z.ZodType<MemberGroup>;
  paramsSchema: z.ZodType<Record<IdParam, string>>;
  memberParamsSchema: z.ZodType<{ userId: string }>;
}

export function registerMemberGroupRoutes<IdParam extends string>(
  app: FastifyInstance,
  service: MemberGroupService<MemberGroup>,
  definition: MemberGroupRoutes<IdParam>,
): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { name, plural, idParam, groupSchema, paramsSchema: params, memberParamsSchema } = definition;
  const tags = [plural];
  const collection = `/api/v1/${plural}`;
  const item = `${collection}/:${idParam}`;
  // Fastify validated the params with `paramsSchema` before any handler runs, but TypeScript cannot follow a
  // generic parameter name through the type provider: the group id is read here, in one place.
  const groupIdOf = (params: unknown): string => (params as Record<IdParam, string>)[idParam];

  routes.get(collection, {
    config: { access: READERS },
    schema: { tags, summary: `List ${plural}, by name`, querystring: groupListQuerySchema, response: { 200: pageSchema(groupSchema), ...errorResponses } },
    handler: async (request) => service.list(request.query),
  });

  routes.post(collection, {
    config: { access: WRITERS },
    schema: { tags, summary: `Create a ${name}`, body: createMemberGroupRequestSchema, response: { 201: groupSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await service.create(request.body, actorOf(request))),
  });

  routes.get(item, {
    config: { access: READERS },
    schema: { tags, summary: `Read a ${name}`, params, response: { 200: groupSchema, ...errorResponses } },
    handler: async (request) => service.get(groupIdOf(request.params)),
  });

  routes.patch(item, {
    config: { access: WRITERS },
    schema: { tags, summary: `Rename a ${name} or change its description`, params, body: updateMemberGroupRequestSchema, response: { 200: groupSchema, ...errorResponses } },
    handler: async (request) => service.update(groupIdOf(request.params), request.body, actorOf(request)),
  });

  routes.delete(item, {
    config: { access: WRITERS },
    schema: { tags, summary: `Delete a ${name}; its agents leave it`, params, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await service.delete(groupIdOf(request.params), actorOf(request));
      return reply.code(204).send(null);
    },
  });

  routes.get(`${item}/members`, {
    config: { access: READERS },
    schema: { tags, summary: `List a ${name}'s agents, by full name`, params, querystring: memberListQuerySchema, response: { 200: pageSchema(groupMemberSchema), ...errorResponses } },
    handler: async (request) => service.listMembers(groupIdOf(request.params), request.query),
  });

  routes.post(`${item}/members`, {
    config: { access: WRITERS },
    schema: { tags, summary: `Add one or many agents to a ${name}`, params, body: memberIdsRequestSchema, response: { 200: groupSchema, ...errorResponses } },
    handler: async (request) => service.addMembers(groupIdOf(request.params), request.body.userIds, actorOf(request)),
  });

  routes.post(`${item}/members/remove`, {
    config: { access: WRITERS },
    schema: { tags, summary: `Remove one or many agents from a ${name}`, params, body: memberIdsRequestSchema, response: { 200: groupSchema, ...errorResponses } },
    handler: async (request) => service.removeMembers(groupIdOf(request.params), request.body.userIds, actorOf(request)),
  });

  routes.delete(`${item}/members/:userId`, {
    config: { access: WRITERS },
    schema: { tags, summary: `Remove an agent from a ${name}`, params: memberParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await service.removeMember(groupIdOf(request.params), request.params.userId, actorOf(request));
      return reply.code(204).send(null);
    },
  });
}
