import { storedTelephonySchema, type Agent, type AgentStatus, type AgentSummary } from "../../../common/api/agents.ts";
import { DEFAULT_TOAST_POSITION, TOAST_POSITIONS, type ToastPosition, type Typology } from "../../../common/domain/agent-record.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { UserRow } from "../../db/tables.ts";
import type { AgentSummaryRow } from "./agents.repository.ts";

/** Agents created outside the agents API (the CLI, the first start) have no typology yet: they are WebRTC agents. */
export function typologyOf(row: Pick<UserRow, "typology">): Typology {
  return row.typology ?? "webrtc";
}

export function statusOf(row: Pick<UserRow, "disabled" | "lockedAt">): AgentStatus {
  if (row.lockedAt !== null) {
    return "locked";
  }
  return row.disabled ? "disabled" : "active";
}

export function presentAgentSummary(row: AgentSummaryRow): AgentSummary {
  return {
    id: row.id as UserId,
    username: row.username,
    fullName: row.fullName,
    alias: row.alias,
    email: row.email,
    extension: row.extension,
    typology: typologyOf(row),
    status: statusOf(row),
    disabled: row.disabled,
    locked: row.lockedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The stored settings of the agent's typology, with the defaults of any setting added since they were saved. */
export function storedTelephonyOf(row: Pick<UserRow, "typology" | "typologySettings" | "voiceSettings">) {
  return storedTelephonySchema.parse({ typology: typologyOf(row), typologySettings: row.typologySettings, voiceSettings: row.voiceSettings });
}

export function presentAgent(row: UserRow): Agent {
  return {
    ...presentAgentSummary(row),
    ...storedTelephonyOf(row),
    description: row.description,
    loginInPause: row.loginInPause,
    maskSensitiveData: row.maskSensitiveData,
    toastPosition: toToastPosition(row.toastPosition),
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toToastPosition(value: string): ToastPosition {
  return (TOAST_POSITIONS as readonly string[]).includes(value) ? (value as ToastPosition) : DEFAULT_TOAST_POSITION;
}
