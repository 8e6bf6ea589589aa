import type { List, ListId } from "../../../common/api/groups.ts";
import { adminRoom, roleRoom } from "../../realtime/rooms.ts";
import type { MemberGroupKind } from "../memberships/member-group.service.ts";
import { toIso } from "../memberships/query-helpers.ts";
import { listsRepository } from "./lists.repository.ts";

// Admins and supervisors read lists: both consoles hear about changes.
const rooms = () => [adminRoom(), roleRoom("supervisor")];

export const listKind: MemberGroupKind<List> = {
  kind: "list",
  repository: listsRepository,
  present: (row) => ({
    id: row.id as ListId,
    name: row.name,
    description: row.description,
    memberCount: row.memberCount,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }),
  publishSaved: (events, action, list) => events.publish(`list.${action}`, { list }, { rooms: rooms() }),
  publishDeleted: (events, listId) => events.publish("list.deleted", { listId: listId as ListId }, { rooms: rooms() }),
};
