import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { GroupMember, TeamRole } from "../../../common/api/groups.ts";
import { isApiError } from "../../api/api-error.ts";
import { addMembers, changeTeamRole, fetchGroup, groupQueryKeys, listMembers, removeMember, type AgentChoice } from "../../api/groups.api.ts";
import { FormAlert } from "../../components/form-alert.tsx";
import { LoadError } from "../../components/load-error.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useCurrentUser } from "../../hooks/use-session.ts";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { AgentPicker } from "./agent-picker.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { GroupSummary } from "./group-summary.tsx";
import type { GroupKindInfo } from "./group-kinds.ts";
import { MemberTable } from "./member-table.tsx";
import { PaginationControls } from "./pagination-controls.tsx";
import { useDebouncedValue } from "./use-debounced-value.ts";
import { useGroupsLive } from "./use-groups-live.ts";

const PAGE_SIZE = 25;

type MemberChange = { type: "add"; agents: AgentChoice[]; role: TeamRole } | { type: "remove"; member: GroupMember } | { type: "role"; member: GroupMember; role: TeamRole };

// One group and its members: add agents through a searchable picker, remove them, change team roles.
// Every change is saved at once (seed 002: "All changes you make are automatically saved and operational").
export function GroupMembersPage({ info }: { info: GroupKindInfo }) {
  const groupId = useParams().groupId ?? "";
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  useGroupsLive();
  const group = useQuery({ queryKey: groupQueryKeys.detail(info.kind, groupId), queryFn: () => fetchGroup(info.kind, groupId) });
  useDocumentTitle(group.data ? `${group.data.name} · ${info.plural}` : info.plural);
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const debounced = useDebouncedValue(search.trim());
  const params = { page, pageSize: PAGE_SIZE, search: debounced || undefined };
  const members = useQuery({
    queryKey: groupQueryKeys.members(info.kind, groupId, params),
    queryFn: () => listMembers(info.kind, groupId, params),
    placeholderData: keepPreviousData,
  });
  const [role, setRole] = useState<TeamRole>("member");
  const [announcement, setAnnouncement] = useState("");

  const change = useMutation({
    mutationFn: async (request: MemberChange) => {
      if (request.type === "add") {
        await addMembers(info.kind, groupId, request.agents.map((agent) => agent.id), info.kind === "team" ? request.role : undefined);
        return `Added ${request.agents.length === 1 ? request.agents[0]?.fullName : `${request.agents.length} agents`}.`;
      }
      if (request.type === "remove") {
        await removeMember(info.kind, groupId, request.member.id);
        return `Removed ${request.member.fullName}.`;
      }
      await changeTeamRole(groupId, request.member.id, request.role);
      return `${request.member.fullName} is now a team ${request.role}.`;
    },
    onSuccess: async (message) => {
      await queryClient.invalidateQueries({ queryKey: groupQueryKeys.kind(info.kind) });
      setAnnouncement(message);
      void queryClient.invalidateQueries({ queryKey: groupQueryKeys.all });
    },
    onMutate: () => setAnnouncement(""),
  });

  if (group.isError) {
    const missing = isApiError(group.error) && group.error.status === 404;
    return (
      <>
        <h1 className="page-title">{info.plural}</h1>
        {missing ? <p>This {info.singular} does not exist (any more).</p> : <LoadError message={`The ${info.singular} could not be loaded.`} onRetry={() => void group.refetch()} />}
        <Link to={`/admin/${info.path}`}>All {info.plural.toLowerCase()}</Link>
      </>
    );
  }
  const canStaff = info.staffers.includes(user.role);
  const isAdmin = user.role === "admin";
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/admin/${info.path}`}>{info.plural}</Link>
      </p>
      <h1 className="page-title">{group.data?.name ?? "Loading…"}</h1>
      {group.data ? <GroupSummary group={group.data} /> : null}
      {canStaff ? (
        <section className="card" aria-labelledby="add-members-title">
          <h2 className="card-title" id="add-members-title">
            Add agents
          </h2>
          <AgentPicker busy={change.isPending} submitLabel={`Add to ${info.singular}`} onSubmit={(agents) => change.mutate({ type: "add", agents, role })}>
            {info.kind === "team" ? (
              <SelectField
                label="Role in the team"
                value={role}
                options={[
                  { value: "member", label: "Member" },
                  { value: "supervisor", label: "Supervisor" },
                ]}
                onChange={setRole}
              />
            ) : null}
          </AgentPicker>
        </section>
      ) : null}
      <section className="section" aria-labelledby="members-title">
        <h2 className="section-title" id="members-title">
          Members{group.data ? ` (${group.data.memberCount})` : ""}
        </h2>
        <div className="toolbar">
          <TextField
            label="Search members"
            type="search"
            value={search}
            onChange={(value) => {
              setSearch(value);
              setPage(1);
            }}
          />
        </div>
        <div className="feedback">
          <p className="form-status" role="status">
            {announcement}
          </p>
          <FormAlert message={isApiError(change.error) ? change.error.message : null} />
        </div>
        {members.isError ? (
          <LoadError message="The members could not be loaded." onRetry={() => void members.refetch()} />
        ) : members.data ? (
          members.data.items.length === 0 ? (
            <div className="empty-state">
              <p>{debounced ? "No member matches." : `No members yet.`}</p>
            </div>
          ) : (
            <>
              <MemberTable
                info={info}
                members={members.data.items}
                busy={change.isPending}
                canChangeRole={isAdmin}
                canRemove={(member) => canStaff && (isAdmin || member.role === "agent")}
                onRemove={(member) => change.mutate({ type: "remove", member })}
                onChangeRole={(member, newRole) => change.mutate({ type: "role", member, role: newRole })}
              />
              <PaginationControls label="Member pages" page={page} pageSize={PAGE_SIZE} total={members.data.total} onPageChange={setPage} />
            </>
          )
        ) : (
          <p role="status">Loading…</p>
        )}
      </section>
    </>
  );
}
