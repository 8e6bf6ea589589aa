import type { Role } from "../../common/domain/roles.ts";

// Admins and supervisors work in the console; agents in the desktop.
export function homePathFor(role: Role): string {
  return role === "agent" ? "/desktop" : "/admin";
}

export interface SignInRedirectState {
  from: string;
}

// Only a path inside this app is a valid place to return to: never another origin, never the sign-in page.
export function returnPathFrom(state: unknown): string | null {
  if (typeof state !== "object" || state === null || !("from" in state)) {
    return null;
  }
  const { from } = state;
  if (typeof from !== "string" || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/login")) {
    return null;
  }
  return from;
}
