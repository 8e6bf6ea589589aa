import type { OpenInteractionDisposition } from "../../common/api/interactions.ts";
import { customStatusListSchema, presenceSchema, type CustomStatus, type Presence, type SetStatusRequest } from "../../common/api/presence.ts";
import type { Channel } from "../../common/domain/channels.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

export const presenceQueryKeys = {
  own: ["presence", "me"],
  customStatuses: ["custom-statuses"],
} as const;

export async function fetchOwnPresence(): Promise<Presence> {
  return requestJson("/api/v1/presence/me", presenceSchema);
}

export async function fetchCustomStatuses(): Promise<CustomStatus[]> {
  const list = await requestJson("/api/v1/custom-statuses", customStatusListSchema);
  return list.items;
}

// Each write answers with the presence it left (a 409 `on_call` for a status chosen during a call).
export async function setOwnStatus(request: SetStatusRequest): Promise<Presence> {
  return requestJson("/api/v1/presence/me/status", presenceSchema, { method: "PUT", body: request });
}

export async function setChannelPaused(channel: Channel, paused: boolean): Promise<Presence> {
  return requestJson(`/api/v1/presence/me/channels/${channel}/pause`, presenceSchema, { method: "PUT", body: { paused } });
}

export async function setAllChannelsPaused(paused: boolean): Promise<Presence> {
  return requestJson("/api/v1/presence/me/channels/pause", presenceSchema, { method: "PUT", body: { paused } });
}

/**
 * Ends the agent's shift: presence goes offline and the session ends. With open interactions and no choice the
 * server answers 409 `open_interactions` (product.md, Presence: signing out with open interactions asks).
 */
export async function signOutOfDesktop(openInteractions?: OpenInteractionDisposition): Promise<void> {
  await requestWithoutContent("/api/v1/presence/me/sign-out", {
    method: "POST",
    body: openInteractions === undefined ? {} : { openInteractions },
  });
}
