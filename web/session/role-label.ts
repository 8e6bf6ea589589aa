import type { Role } from "../../common/domain/roles.ts";

const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  supervisor: "Supervisor",
  agent: "Agent",
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}
