import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1).
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the user does not exist keeps sign-in time the same either way,
// so response time does not tell whether a username exists.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("switchboard-dummy-password");
  await verifyPassword(await dummyHash, password);
  return false;
}
