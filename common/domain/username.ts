import { z } from "zod";

// product.md, The agent record: letters, digits, "." and "_" only; unique ignoring case.
export const USERNAME_PATTERN = /^[A-Za-z0-9._]+$/;

export const usernameSchema = z
  .string()
  .min(1, "username: required")
  .max(64, "username: at most 64 characters")
  .regex(USERNAME_PATTERN, 'username: only letters, digits, "." and "_"');

export function normalizeUsername(username: string): string {
  return username.toLowerCase();
}
