import { AccountSecurityPage } from "../../session/account-security-page.tsx";
import type { ConsoleSection } from "../console-section.ts";
import { AuditLogPage } from "./audit-log-page.tsx";

export const securitySuiteSections: ConsoleSection[] = [
  { path: "audit", label: "Audit log", roles: ["admin"], element: <AuditLogPage /> },
  { path: "sign-in-security", label: "Sign-in security", roles: ["admin", "supervisor"], element: <AccountSecurityPage /> },
];
