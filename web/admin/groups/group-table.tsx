import { Link } from "react-router";
import type { Queue } from "../../../common/api/queues.ts";
import type { AnyGroup } from "../../api/groups.api.ts";
import { channelLabel, strategyLabel, type GroupKindInfo } from "./group-kinds.ts";

interface GroupTableProps {
  info: GroupKindInfo;
  groups: readonly AnyGroup[];
  canEdit: boolean;
  onEdit: (group: AnyGroup) => void;
  onDelete: (group: AnyGroup) => void;
}

function isQueue(group: AnyGroup): group is Queue {
  return "channel" in group;
}

export function GroupTable({ info, groups, canEdit, onEdit, onDelete }: GroupTableProps) {
  const queues = info.kind === "queue";
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{info.plural}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {queues ? (
              <>
                <th scope="col">Channel</th>
                <th scope="col">Strategy</th>
                <th scope="col">Timeout</th>
              </>
            ) : null}
            <th scope="col">Members</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.id}>
              <th scope="row">
                <Link to={`/admin/${info.path}/${group.id}`}>{group.name}</Link>
              </th>
              {isQueue(group) ? (
                <>
                  <td>{channelLabel(group.channel)}</td>
                  <td>{strategyLabel(group.strategy)}</td>
                  <td>{group.timeoutSeconds} s</td>
                </>
              ) : null}
              <td>{group.memberCount}</td>
              <td className="table-actions">
                {canEdit ? (
                  <>
                    <button type="button" className="button button-small" aria-label={`Edit ${group.name}`} onClick={() => onEdit(group)}>
                      Edit
                    </button>{" "}
                    <button type="button" className="button button-small button-danger" aria-label={`Delete ${group.name}`} onClick={() => onDelete(group)}>
                      Delete
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
