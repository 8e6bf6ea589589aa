import type { FastifyInstance } from "fastify";
import { campaignMemberParamsSchema, campaignParamsSchema, campaignSchema, type Campaign } from "../../../common/api/groups.ts";
import { registerMemberGroupRoutes } from "../memberships/member-group.routes.ts";
import type { MemberGroupService } from "../memberships/member-group.service.ts";

export function registerCampaignsRoutes(app: FastifyInstance, campaigns: MemberGroupService<Campaign>): void {
  registerMemberGroupRoutes(app, campaigns, {
    name: "campaign",
    plural: "campaigns",
    idParam: "campaignId",
    groupSchema: campaignSchema,
    paramsSchema: campaignParamsSchema,
    memberParamsSchema: campaignMemberParamsSchema,
  });
}
