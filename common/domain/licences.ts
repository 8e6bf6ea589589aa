// product.md, People, roles, licences: "Moments self-service for an agent holds exactly when: the agent has
// the `member` role on every team they belong to, the `moments` licence is on, and the `administration`
// licence is off." Seed 000 lists the same three prerequisites.
export const LICENCES = ["moments", "administration"] as const;
export type Licence = (typeof LICENCES)[number];

export type TeamRole = "member" | "supervisor";

export const SELF_SERVICE_REASONS = ["moments_licence_off", "administration_licence_on", "not_member_on_every_team"] as const;
export type SelfServiceReason = (typeof SELF_SERVICE_REASONS)[number];

export const SELF_SERVICE_REASON_TEXT: Readonly<Record<SelfServiceReason, string>> = {
  moments_licence_off: "The Moments licence is off.",
  administration_licence_on: "The Administration licence is on.",
  not_member_on_every_team: "The agent is a supervisor, not a member, on at least one team.",
};

export interface SelfServiceInput {
  moments: boolean;
  administration: boolean;
  /** The agent's role on each team they belong to (none: no teams). */
  teamRoles: readonly TeamRole[];
}

export interface SelfServiceAccess {
  allowed: boolean;
  /** Every unmet prerequisite, in the order above; empty when allowed. */
  reasons: SelfServiceReason[];
}

export function momentsSelfService(input: SelfServiceInput): SelfServiceAccess {
  const reasons: SelfServiceReason[] = [];
  if (!input.moments) {
    reasons.push("moments_licence_off");
  }
  if (input.administration) {
    reasons.push("administration_licence_on");
  }
  if (input.teamRoles.some((role) => role !== "member")) {
    reasons.push("not_member_on_every_team");
  }
  return { allowed: reasons.length === 0, reasons };
}
