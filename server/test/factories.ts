import { randomBytes } from "node:crypto";
import type { Role } from "../../common/domain/roles.ts";
import type { UserRow } from "../db/tables.ts";
import type { Services } from "../services.ts";

export interface CreatedUser {
  user: UserRow;
  username: string;
  password: string;
}

let sequence = 0;

/** A fresh user with a unique username and a policy-compliant password. */
export async function createUser(services: Services, role: Role = "agent", overrides: { username?: string; fullName?: string } = {}): Promise<CreatedUser> {
  sequence += 1;
  const username = overrides.username ?? `${role}_${sequence}_${randomBytes(3).toString("hex")}`;
  const password = `Pw-${randomBytes(8).toString("hex")}a1A`;
  const user = await services.users.create({ username, password, fullName: overrides.fullName ?? `Test ${role} ${sequence}`, role });
  return { user, username, password };
}
