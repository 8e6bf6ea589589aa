import { memberGroupRepository } from "../memberships/member-group.repository.ts";

export const campaignsRepository = memberGroupRepository({ groupTable: "campaigns", memberTable: "campaignMembers", groupColumn: "campaignId" });
