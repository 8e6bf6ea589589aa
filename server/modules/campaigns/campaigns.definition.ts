import type { Campaign, CampaignId } from "../../../common/api/groups.ts";
import { adminRoom, roleRoom } from "../../realtime/rooms.ts";
import type { MemberGroupKind } from "../memberships/member-group.service.ts";
import { toIso } from "../memberships/query-helpers.ts";
import { campaignsRepository } from "./campaigns.repository.ts";

// Admins and supervisors read campaigns: both consoles hear about changes.
const rooms = () => [adminRoom(), roleRoom("supervisor")];

export const campaignKind: MemberGroupKind<Campaign> = {
  kind: "campaign",
  repository: campaignsRepository,
  present: (row) => ({
    id: row.id as CampaignId,
    name: row.name,
    description: row.description,
    memberCount: row.memberCount,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }),
  publishSaved: (events, action, campaign) => events.publish(`campaign.${action}`, { campaign }, { rooms: rooms() }),
  publishDeleted: (events, campaignId) => events.publish("campaign.deleted", { campaignId: campaignId as CampaignId }, { rooms: rooms() }),
};
