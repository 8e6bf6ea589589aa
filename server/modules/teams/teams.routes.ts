import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { groupListQuerySchema, memberIdsRequestSchema, memberListQuerySchema } from "../../../common/api/groups.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import {
  addTeamMembersRequestSchema,
  changeTeamRoleRequestSchema,
  createTeamRequestSchema,
  teamMemberParamsSchema,
  teamMemberSchema,
  teamParamsSchema,
  teamSchema,
  updateTeamRequestSchema,
} from "../../../common/api/teams.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { TeamsService } from "./teams.service.ts";

// Admins change teams; supervisors read them (issue 3, item 2); agents get 403.
const READERS = ["admin", "supervisor"] as const;
const WRITERS = ["admin"] as const;
const tags = ["teams"];

export function registerTeamsRoutes(app: FastifyInstance, teamsService: TeamsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/teams", {
    config: { access: READERS },
    schema: { tags, summary: "List teams, by name", querystring: groupListQuerySchema, response: { 200: pageSchema(teamSchema), ...errorResponses } },
    handler: async (request) => teamsService.list(request.query),
  });

  routes.post("/api/v1/teams", {
    config: { access: WRITERS },
    schema: { tags, summary: "Create a team", body: createTeamRequestSchema, response: { 201: teamSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await teamsService.create(request.body, actorOf(request))),
  });

  routes.get("/api/v1/teams/:teamId", {
    config: { access: READERS },
    schema: { tags, summary: "Read a team", params: teamParamsSchema, response: { 200: teamSchema, ...errorResponses } },
    handler: async (request) => teamsService.get(request.params.teamId),
  });

  routes.patch("/api/v1/teams/:teamId", {
    config: { access: WRITERS },
    schema: { tags, summary: "Rename a team or change its description", params: teamParamsSchema, body: updateTeamRequestSchema, response: { 200: teamSchema, ...errorResponses } },
    handler: async (request) => teamsService.update(request.params.teamId, request.body, actorOf(request)),
  });

  routes.delete("/api/v1/teams/:teamId", {
    config: { access: WRITERS },
    schema: { tags, summary: "Delete a team; its members leave it", params: teamParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await teamsService.delete(request.params.teamId, actorOf(request));
      return reply.code(204).send(null);
    },
  });

  routes.get("/api/v1/teams/:teamId/members", {
    config: { access: READERS },
    schema: {
      tags,
      summary: "List a team's members with their role in it, by full name",
      params: teamParamsSchema,
      querystring: memberListQuerySchema,
      response: { 200: pageSchema(teamMemberSchema), ...errorResponses },
    },
    handler: async (request) => teamsService.listMembers(request.params.teamId, request.query),
  });

  routes.post("/api/v1/teams/:teamId/members", {
    config: { access: WRITERS },
    schema: {
      tags,
      summary: "Add one or many agents to a team with a role (member or supervisor)",
      params: teamParamsSchema,
      body: addTeamMembersRequestSchema,
      response: { 200: teamSchema, ...errorResponses },
    },
    handler: async (request) => teamsService.addMembers(request.params.teamId, request.body.userIds, request.body.role, actorOf(request)),
  });

  routes.post("/api/v1/teams/:teamId/members/remove", {
    config: { access: WRITERS },
    schema: { tags, summary: "Remove one or many members from a team", params: teamParamsSchema, body: memberIdsRequestSchema, response: { 200: teamSchema, ...errorResponses } },
    handler: async (request) => teamsService.removeMembers(request.params.teamId, request.body.userIds, actorOf(request)),
  });

  routes.patch("/api/v1/teams/:teamId/members/:userId", {
    config: { access: WRITERS },
    schema: { tags, summary: "Change a member's role in the team", params: teamMemberParamsSchema, body: changeTeamRoleRequestSchema, response: { 200: teamSchema, ...errorResponses } },
    handler: async (request) => teamsService.changeRole(request.params.teamId, request.params.userId, request.body.role, actorOf(request)),
  });

  routes.delete("/api/v1/teams/:teamId/members/:userId", {
    config: { access: WRITERS },
    schema: { tags, summary: "Remove a member from a team", params: teamMemberParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await teamsService.removeMember(request.params.teamId, request.params.userId, actorOf(request));
      return reply.code(204).send(null);
    },
  });
}
