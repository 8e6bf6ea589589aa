import type { FastifyInstance } from "fastify";
import { listMemberParamsSchema, listParamsSchema, listSchema, type List } from "../../../common/api/groups.ts";
import { registerMemberGroupRoutes } from "../memberships/member-group.routes.ts";
import type { MemberGroupService } from "../memberships/member-group.service.ts";

export function registerListsRoutes(app: FastifyInstance, lists: MemberGroupService<List>): void {
  registerMemberGroupRoutes(app, lists, {
    name: "list",
    plural: "lists",
    idParam: "listId",
    groupSchema: listSchema,
    paramsSchema: listParamsSchema,
    memberParamsSchema: listMemberParamsSchema,
  });
}
