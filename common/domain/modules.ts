import { z } from "zod";

/**
 * The agent desktop's modules (product.md, The agent record: module permissions). Each is a part of the
 * desktop with its own navigation entry and API; an agent whose module is off does not see it and its API
 * answers 403 `module_disabled` to that agent. All are on for a new agent: a module missing from the stored
 * permissions is on (seed 002 warns that new sections are not applied to existing agents; we do the
 * opposite on purpose, so a new module reaches everyone until an admin turns it off).
 *
 * Ids are camelCase: they are keys of the stored jsonb, which Kysely's CamelCasePlugin reads back camelCased.
 *
 * - inbox: the conversations and interactions the agent works (routing, texting).
 * - contacts: the contact book and a contact's history.
 * - calls: the calls list and the abandoned calls list (seed 002: not the calls themselves).
 * - coaching: the day's coaching messages from supervisors (seed 001).
 * - moments: Moments self-service, when the licences allow it (seed 000).
 * - reports: the agent's own reports.
 * - apiTokens: API tokens for the agent's own integrations.
 */
export const MODULES = ["inbox", "contacts", "calls", "coaching", "moments", "reports", "apiTokens"] as const;
export const moduleSchema = z.enum(MODULES);
export type Module = z.infer<typeof moduleSchema>;

export const MODULE_LABELS: Readonly<Record<Module, string>> = {
  inbox: "Inbox",
  contacts: "Contacts",
  calls: "Calls list",
  coaching: "Coaching",
  moments: "Moments",
  reports: "Reports",
  apiTokens: "API tokens",
};

/** Stored module switches: a module missing from the map is on. */
export type ModuleSwitches = Partial<Record<Module, boolean>>;

export function isModuleEnabled(switches: ModuleSwitches | undefined, module: Module): boolean {
  return switches?.[module] !== false;
}

/** Every module with its effective switch (missing = on), in the catalogue's order. */
export function resolveModules(switches: ModuleSwitches | undefined): Record<Module, boolean> {
  return Object.fromEntries(MODULES.map((module) => [module, isModuleEnabled(switches, module)])) as Record<Module, boolean>;
}

/** The modules turned off, read from the `users.permissions` jsonb whatever else it holds. */
export function disabledModulesOf(permissions: unknown): Module[] {
  if (permissions === null || typeof permissions !== "object") {
    return [];
  }
  const modules = (permissions as { modules?: unknown }).modules;
  if (modules === null || typeof modules !== "object") {
    return [];
  }
  const switches = modules as Record<string, unknown>;
  return MODULES.filter((module) => switches[module] === false);
}
