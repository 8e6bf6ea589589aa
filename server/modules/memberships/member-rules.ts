import type { Role } from "../../../common/domain/roles.ts";
import { BadRequestError } from "../../lib/errors.ts";
import type { CandidateMember } from "./memberships.repository.ts";

/** A 400 the page shows next to the field, like a schema error. */
export function fieldError(field: string, message: string): BadRequestError {
  return new BadRequestError("validation_failed", message, [{ field, message }]);
}

/**
 * The users asked for, each once, or a 400 naming `userIds`: an unknown id, or a user whose role may not
 * join this kind of group (issue 3: only agents, except that supervisors are enabled on queues and
 * supervise teams).
 */
export function acceptCandidates(requested: readonly string[], found: readonly CandidateMember[], allowedRoles: readonly Role[], groupLabel: string): CandidateMember[] {
  const byId = new Map(found.map((candidate) => [candidate.id, candidate]));
  const missing = [...new Set(requested)].filter((userId) => !byId.has(userId));
  if (missing.length > 0) {
    throw fieldError("userIds", `userIds: no user with id ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}`);
  }
  const refused = found.find((candidate) => !allowedRoles.includes(candidate.role));
  if (refused) {
    throw fieldError("userIds", `userIds: ${refused.username} is ${articleFor(refused.role)} ${refused.role}; only ${allowedRoles.map((role) => `${role}s`).join(" and ")} can join ${groupLabel}`);
  }
  return [...byId.values()];
}

function articleFor(role: Role): string {
  return role === "admin" || role === "agent" ? "an" : "a";
}

/** "ada, bob and 3 more": the audit summary names the first few members of a change. */
export function namesOf(members: readonly { username: string }[], limit = 5): string {
  const names = members.slice(0, limit).map((member) => member.username);
  const more = members.length - names.length;
  return more > 0 ? `${names.join(", ")} and ${more} more` : names.join(", ");
}
