import {
  type Agent,
  type AgentSummary,
  type CreateAgentCommand,
  type ExportAgentsQuery,
  type ListAgentsQuery,
  type UpdateAgentCommand,
} from "../../../common/api/agents.ts";
import type { FieldIssue } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { agentTelephonySchema, fieldIssuesOfZodError, type AgentTelephony } from "../../../common/domain/agent-record.ts";
import { passwordProblems } from "../../../common/domain/password-policy.ts";
import type { Db, Executor } from "../../db/database.ts";
import type { UserRow, UserUpdate } from "../../db/tables.ts";
import { BadRequestError, ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { hashPassword } from "../../lib/passwords.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { AuthService } from "../auth/auth.service.ts";
import type { Actor } from "../auth/principal.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import type { AgentExportRecord } from "./agents.csv.ts";
import { agentScopeOf, type AgentScope } from "../agent-scope/agent-scope.policy.ts";
import { presentAgent, presentAgentSummary, storedTelephonyOf, typologyOf } from "./agents.presenter.ts";
import * as agents from "./agents.repository.ts";

const EXPORT_BATCH_SIZE = 500;

export class AgentsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly auth: AuthService,
  ) {}

  async list(actor: Actor, query: ListAgentsQuery): Promise<Page<AgentSummary>> {
    const { rows, total } = await agents.findAgentPage(this.db, agentScopeOf(actor.principal.user), query);
    return { items: rows.map(presentAgentSummary), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, agentId: string): Promise<Agent> {
    return presentAgent(await this.findOrThrow(this.db, agentScopeOf(actor.principal.user), agentId));
  }

  async create(actor: Actor, command: CreateAgentCommand): Promise<Agent> {
    await this.assertPasswordAcceptable(command.password);
    await this.assertTypologyOffered(command.typology);
    const passwordHash = await hashPassword(command.password);
    const agent = await this.db.transaction().execute(async (transaction) => {
      const extension = command.extension ?? (await agents.nextFreeExtension(transaction));
      await assertExtensionFree(transaction, extension);
      const inserted = await agents.insertAgent(transaction, {
        role: "agent",
        username: command.username,
        fullName: command.fullName,
        alias: command.alias ?? null,
        email: command.email ?? null,
        description: command.description ?? null,
        extension,
        ...(command.loginInPause === undefined ? {} : { loginInPause: command.loginInPause }),
        ...(command.toastPosition === undefined ? {} : { toastPosition: command.toastPosition }),
        ...telephonyColumns(command),
        passwordHash,
        passwordChangedAt: new Date(),
      });
      const row = rowOrConflict(inserted);
      await this.audit.record(transaction, actor, {
        action: "agent.created",
        entityType: "agent",
        entityId: row.id,
        summary: `Created agent ${describe(row)}`,
        after: presentAgent(row),
      });
      return row;
    });
    this.publishChanged("agent.created", agent);
    return presentAgent(agent);
  }

  async update(actor: Actor, agentId: string, command: UpdateAgentCommand): Promise<Agent> {
    const scope = agentScopeOf(actor.principal.user);
    const current = await this.findOrThrow(this.db, scope, agentId);
    if (command.typology && command.typology !== typologyOf(current)) {
      await this.assertTypologyOffered(command.typology);
    }
    const { agent, changed } = await this.db.transaction().execute(async (transaction) => {
      // Locked until commit: two saves of the same agent merge their settings one after the other.
      const locked = await this.findOrThrow(transaction, scope, agentId, { forUpdate: true });
      const changes = { ...fieldChanges(command), ...telephonyColumns(mergedTelephony(locked, command)) };
      if (Object.keys(changes).length === 0) {
        return { agent: locked, changed: false };
      }
      if (typeof changes.extension === "string" && changes.extension !== locked.extension) {
        await assertExtensionFree(transaction, changes.extension, agentId);
      }
      const updated = rowOrConflict(await agents.updateAgent(transaction, agentId, changes));
      const difference = changedFields(presentAgent(locked), presentAgent(updated));
      if (Object.keys(difference.after).length === 0) {
        return { agent: updated, changed: false };
      }
      await this.audit.record(transaction, actor, {
        action: "agent.updated",
        entityType: "agent",
        entityId: agentId,
        summary: `Updated agent ${describe(updated)}`,
        ...difference,
      });
      return { agent: updated, changed: true };
    });
    if (changed) {
      this.publishChanged("agent.updated", agent);
    }
    return presentAgent(agent);
  }

  /** Sets a new password; the agent's open sessions end, as after any password change. */
  async setPassword(actor: Actor, agentId: string, password: string): Promise<void> {
    const scope = agentScopeOf(actor.principal.user);
    await this.findOrThrow(this.db, scope, agentId);
    await this.assertPasswordAcceptable(password);
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (transaction) => {
      await this.findOrThrow(transaction, scope, agentId, { forUpdate: true });
      const updated = await agents.setAgentPassword(transaction, agentId, passwordHash);
      if (!updated) {
        throw agentNotFound();
      }
      await this.audit.record(transaction, actor, {
        action: "agent.password_changed",
        entityType: "agent",
        entityId: agentId,
        summary: `Changed the password of agent ${describe(updated)}`,
        after: { passwordChangedAt: updated.passwordChangedAt },
      });
    });
    await this.auth.endSessionsOfUser(agentId);
  }

  /** Deletes all of these agents or, when any is unknown or outside the caller's scope, none. */
  async delete(actor: Actor, agentIds: readonly string[]): Promise<number> {
    const scope = agentScopeOf(actor.principal.user);
    const wanted = [...new Set(agentIds)];
    const visible = await agents.findVisibleAgentIds(this.db, scope, wanted);
    assertAllFound(wanted, visible);
    // Sessions go with the row (on delete cascade); ending them first also closes the agents' open sockets.
    for (const agentId of wanted) {
      await this.auth.endSessionsOfUser(agentId);
    }
    const deleted = await this.db.transaction().execute(async (transaction) => {
      const rows = await agents.deleteAgents(transaction, scope, wanted);
      assertAllFound(wanted, rows.map((row) => row.id));
      for (const row of rows) {
        await this.audit.record(transaction, actor, {
          action: "agent.deleted",
          entityType: "agent",
          entityId: row.id,
          summary: `Deleted agent ${describe(row)}`,
          before: presentAgentSummary(row),
        });
      }
      return rows;
    });
    for (const row of deleted) {
      this.events.publish("agent.deleted", { agentId: presentAgentSummary(row).id }, { rooms: [adminRoom(), userRoom(row.id)] });
    }
    return deleted.length;
  }

  /**
   * The agents to export, checked before the first byte is sent (selected agents outside the scope: 404), then
   * read in batches as the download goes.
   */
  async prepareExport(actor: Actor, query: ExportAgentsQuery): Promise<AsyncIterable<AgentExportRecord>> {
    const scope = agentScopeOf(actor.principal.user);
    const { agentIds, ...filters } = query;
    if (agentIds) {
      assertAllFound([...new Set(agentIds)], await agents.findVisibleAgentIds(this.db, scope, agentIds));
    }
    return this.exportRecords(scope, { filters, agentIds });
  }

  private async *exportRecords(scope: AgentScope, selection: Parameters<typeof agents.findAgentExportBatch>[2]): AsyncGenerator<AgentExportRecord> {
    let afterUsername: string | undefined;
    for (;;) {
      const batch = await agents.findAgentExportBatch(this.db, scope, selection, afterUsername, EXPORT_BATCH_SIZE);
      const groups = await agents.findGroupNames(this.db, batch.map((agent) => agent.id));
      for (const agent of batch) {
        yield { agent, teams: groups.teams.get(agent.id) ?? [], queues: groups.queues.get(agent.id) ?? [] };
      }
      if (batch.length < EXPORT_BATCH_SIZE) {
        return;
      }
      afterUsername = batch.at(-1)?.username;
    }
  }

  private async findOrThrow(executor: Executor, scope: AgentScope, agentId: string, options: { forUpdate?: boolean } = {}): Promise<UserRow> {
    const agent = await agents.findAgent(executor, scope, agentId, options);
    if (!agent) {
      throw agentNotFound();
    }
    return agent;
  }

  private async assertPasswordAcceptable(password: string): Promise<void> {
    const { suiteEnabled } = await this.settings.getSecurity();
    const problems = passwordProblems(password, suiteEnabled);
    if (problems.length > 0) {
      throw validationFailed(problems.map((message) => ({ field: "password", message })));
    }
  }

  // product.md, The agent record: "mobile only where the account enables it".
  private async assertTypologyOffered(typology: AgentTelephony["typology"]): Promise<void> {
    if (typology === "mobile" && !(await this.settings.getAccount()).mobileTypologyEnabled) {
      throw validationFailed([{ field: "typology", message: "typology: mobile is not enabled for this account" }]);
    }
  }

  private publishChanged(name: "agent.created" | "agent.updated", row: UserRow): void {
    this.events.publish(name, { agent: presentAgentSummary(row) }, { rooms: [adminRoom(), userRoom(row.id)] });
  }
}

/** The telephony after an update: settings merged into the stored ones (or the defaults of a new typology), then checked whole. */
export function mergedTelephony(current: UserRow, command: UpdateAgentCommand): AgentTelephony | undefined {
  if (command.typology === undefined && command.typologySettings === undefined && command.voiceSettings === undefined) {
    return undefined;
  }
  const stored = storedTelephonyOf(current);
  const typology = command.typology ?? stored.typology;
  const parsed = agentTelephonySchema.safeParse({
    typology,
    typologySettings: { ...(typology === stored.typology ? stored.typologySettings : {}), ...command.typologySettings },
    voiceSettings: { ...stored.voiceSettings, ...command.voiceSettings },
  });
  if (!parsed.success) {
    throw validationFailed(fieldIssuesOfZodError(parsed.error));
  }
  return parsed.data;
}

function telephonyColumns(telephony: AgentTelephony | undefined): Pick<UserUpdate, "typology" | "typologySettings" | "voiceSettings"> {
  if (!telephony) {
    return {};
  }
  return { typology: telephony.typology, typologySettings: JSON.stringify(telephony.typologySettings), voiceSettings: JSON.stringify(telephony.voiceSettings) };
}

const TELEPHONY_FIELDS = new Set(["typology", "typologySettings", "voiceSettings"]);

/** The plain columns the update sets; the telephony is merged apart. */
function fieldChanges(command: UpdateAgentCommand): UserUpdate {
  return Object.fromEntries(Object.entries(command).filter(([key, value]) => value !== undefined && !TELEPHONY_FIELDS.has(key)));
}

/** Only what changed, before and after, for the audit log. */
function changedFields(before: Agent, after: Agent): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const ignored = new Set(["updatedAt"]);
  const keys = Object.keys(after).filter((key) => !ignored.has(key) && JSON.stringify(before[key as keyof Agent]) !== JSON.stringify(after[key as keyof Agent]));
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key as keyof Agent]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key as keyof Agent]])),
  };
}

async function assertExtensionFree(executor: Executor, extension: string, exceptAgentId?: string): Promise<void> {
  if (await agents.isExtensionTaken(executor, extension, exceptAgentId)) {
    throw extensionTaken();
  }
}

function rowOrConflict(result: agents.AgentInsertResult): UserRow {
  if (result.row) {
    return result.row;
  }
  throw result.conflict === "username" ? new ConflictError("username_taken", "username: already in use") : extensionTaken();
}

function assertAllFound(wanted: readonly string[], found: readonly string[]): void {
  const foundIds = new Set(found);
  const missing = wanted.filter((agentId) => !foundIds.has(agentId));
  if (missing.length > 0) {
    throw new NotFoundError("agent_not_found", `agentIds: no such agent: ${missing.join(", ")}`);
  }
}

function describe(row: Pick<UserRow, "username" | "fullName">): string {
  return `${row.username} (${row.fullName})`;
}

function validationFailed(issues: FieldIssue[]): BadRequestError {
  return new BadRequestError("validation_failed", issues.map((issue) => issue.message).join("; "), issues);
}

function extensionTaken(): ConflictError {
  return new ConflictError("extension_taken", "extension: already in use");
}

function agentNotFound(): NotFoundError {
  return new NotFoundError("agent_not_found", "Agent not found.");
}
