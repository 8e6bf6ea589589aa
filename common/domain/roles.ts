import { z } from "zod";

// product.md, People, roles, licences: admin (everything), supervisor (own queues), agent.
export const ROLES = ["admin", "supervisor", "agent"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
