import type { Role } from "../../common/domain/roles.ts";

// Room names of the real-time gateway. One room per user, role, team and queue; one per session so that
// signing out closes exactly that session's sockets, on every server process.
export const userRoom = (userId: string) => `user:${userId}`;
export const roleRoom = (role: Role) => `role:${role}`;
export const adminRoom = () => roleRoom("admin");
export const teamRoom = (teamId: string) => `team:${teamId}`;
export const queueRoom = (queueId: string) => `queue:${queueId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
