import type { ConsoleSection } from "../console-section.ts";
import { GroupListPage } from "./group-list-page.tsx";
import { GROUP_KINDS, type GroupKindInfo } from "./group-kinds.ts";
import { GroupMembersPage } from "./group-members-page.tsx";
import "./groups.css";

// Admins manage all four; supervisors read teams, campaigns and lists, and staff the queues they are
// enabled on (the server scopes the lists and answers 404 for any other queue).
function section(info: GroupKindInfo): ConsoleSection {
  return {
    path: info.path,
    label: info.plural,
    roles: ["admin", "supervisor"],
    element: <GroupListPage key={info.kind} info={info} />,
    children: [{ path: ":groupId", element: <GroupMembersPage key={info.kind} info={info} /> }],
  };
}

export const groupsSections: ConsoleSection[] = [GROUP_KINDS.team, GROUP_KINDS.queue, GROUP_KINDS.campaign, GROUP_KINDS.list].map(section);
