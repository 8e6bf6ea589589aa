import type { ApiToken } from "../../common/api/auth.ts";
import { DateTime } from "../components/date-time.tsx";

interface TokenTableProps {
  tokens: readonly ApiToken[];
  onRevoke: (token: ApiToken) => void;
}

export function TokenTable({ tokens, onRevoke }: TokenTableProps) {
  if (tokens.length === 0) {
    return (
      <div className="empty-state">
        <p>No API tokens yet. Create one to call the API from a script or an integration.</p>
      </div>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>
                <DateTime value={token.createdAt} />
              </td>
              <td>
                <DateTime value={token.lastUsedAt} fallback="Never" />
              </td>
              <td>
                <DateTime value={token.expiresAt} fallback="Never" />
              </td>
              <td className="table-actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Revoke ${token.name}`}
                  onClick={() => onRevoke(token)}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
