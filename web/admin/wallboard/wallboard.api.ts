import { wallboardSchema, type Wallboard } from "../../../common/api/wallboard.ts";
import { requestJson } from "../../api/http-client.ts";

export const wallboardQueryKey = ["wallboard"] as const;

/** The viewer's local midnight: "today" on the board is the supervisor's today. */
export function startOfLocalDay(now: Date = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

export async function fetchWallboard(): Promise<Wallboard> {
  const since = startOfLocalDay().toISOString();
  return requestJson(`/api/v1/wallboard?since=${encodeURIComponent(since)}`, wallboardSchema);
}
