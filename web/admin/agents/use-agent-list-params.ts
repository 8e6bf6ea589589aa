import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { listAgentsQuerySchema, type AgentFilters, type ListAgentsQuery } from "../../../common/api/agents.ts";

export const AGENTS_PAGE_SIZE = 25;
type ListKey = keyof ListAgentsQuery;

/**
 * The list's search, filters, sort and page live in the address (`/admin/agents?typology=phonebar&page=2`),
 * so Back, reload and a shared link show the same list. Values the schema refuses fall back to defaults.
 */
export function useAgentListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo<ListAgentsQuery>(() => {
    const raw = Object.fromEntries(searchParams);
    const parsed = listAgentsQuerySchema.safeParse({ ...raw, pageSize: AGENTS_PAGE_SIZE });
    return parsed.success ? parsed.data : listAgentsQuerySchema.parse({ pageSize: AGENTS_PAGE_SIZE });
  }, [searchParams]);

  /** Sets some values; any change but the page itself goes back to page 1. */
  const update = useCallback(
    (changes: Partial<Record<ListKey, string | number | undefined>>) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === "") {
              next.delete(key);
            } else {
              next.set(key, String(value));
            }
          }
          if (!("page" in changes)) {
            next.delete("page");
          }
          return next;
        },
        { replace: "search" in changes },
      );
    },
    [setSearchParams],
  );

  const { search, teamId, queueId, typology, status } = query;
  const filters: AgentFilters = { search, teamId, queueId, typology, status };
  return { query, filters, update };
}
