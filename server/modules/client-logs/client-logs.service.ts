import {
  isLevelShipped,
  type AgentClientLogSettings,
  type ClientLogEntry,
  type ClientLogLevel,
  type ClientLogQuery,
  type ClientLogSettings,
  type ShipClientLogsRequest,
  type ShipClientLogsResponse,
  type UpdateClientLogSettingsRequest,
} from "../../../common/api/client-logs.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { Db } from "../../db/database.ts";
import { ForbiddenError, UnauthenticatedError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { Actor, Principal } from "../auth/principal.ts";
import type { AgentScopeService } from "../agent-scope/agent-scope.service.ts";
import type { ClientLogFormat } from "./client-logs.export.ts";
import {
  findClientLogPage,
  findClientLogSettings,
  insertClientLogs,
  streamClientLogs,
  writeClientLogSettings,
  type ClientLogRow,
} from "./client-logs.repository.ts";

export interface ClientLogDownload {
  filename: string;
  rows: AsyncIterable<ClientLogRow>;
}

/** product.md, The agent record: client logs on/off with a minimum level; the desktop ships, admins read. */
export class ClientLogsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly scope: AgentScopeService,
  ) {}

  async getSettingsForAgent(actor: Actor, agentId: string): Promise<AgentClientLogSettings> {
    const agent = await this.scope.findAgent(actor, agentId);
    return { agentId: agent.id as UserId, enabled: agent.clientLogsEnabled, level: agent.clientLogLevel };
  }

  async updateSettingsForAgent(actor: Actor, agentId: string, changes: UpdateClientLogSettingsRequest): Promise<AgentClientLogSettings> {
    const settings = await this.scope.changeAgent(actor, agentId, async (transaction, agent) => {
      const before = { enabled: agent.clientLogsEnabled, level: agent.clientLogLevel };
      const after = { enabled: changes.enabled ?? before.enabled, level: changes.level ?? before.level };
      await writeClientLogSettings(transaction, agent.id, after);
      const summary = `${after.enabled ? `Client logs on (${after.level}) for` : "Client logs off for"} ${agent.username} (${agent.fullName})`;
      return { action: "agent.client_logs_updated", summary, before, after, result: { agentId: agent.id as UserId, ...after } };
    });
    // The agent's desktop starts or stops shipping at once (seed 002: the agent is told logs are on).
    this.events.publish("agent.client_logs_changed", { agentId: settings.agentId, settings }, { rooms: [userRoom(settings.agentId), adminRoom()] });
    return settings;
  }

  /** The signed-in agent's own setting: whether to ship, and from which level. */
  async getOwnSettings(principal: Principal): Promise<ClientLogSettings> {
    const settings = await findClientLogSettings(this.db, principal.user.id);
    if (!settings) {
      throw new UnauthenticatedError();
    }
    return settings;
  }

  /** Stores the agent's own lines at or above their level; refuses when client logs are off. */
  async ship(principal: Principal, request: ShipClientLogsRequest): Promise<ShipClientLogsResponse> {
    const settings = await this.getOwnSettings(principal);
    if (!settings.enabled) {
      throw new ForbiddenError("client_logs_disabled", "Client logs are turned off for you.");
    }
    const kept = request.lines.filter((line) => isLevelShipped(line.level, settings.level));
    await insertClientLogs(this.db, principal.user.id, kept);
    return { accepted: kept.length, dropped: request.lines.length - kept.length };
  }

  async list(actor: Actor, agentId: string, query: ClientLogQuery): Promise<Page<ClientLogEntry>> {
    const agent = await this.scope.findAgent(actor, agentId);
    const { rows, total } = await findClientLogPage(this.db, agent.id, query);
    return { items: rows.map(presentClientLog), total, page: query.page, pageSize: query.pageSize };
  }

  async download(actor: Actor, agentId: string, format: ClientLogFormat, level: ClientLogLevel | undefined): Promise<ClientLogDownload> {
    const agent = await this.scope.findAgent(actor, agentId);
    const extension = format === "csv" ? "csv" : "txt";
    return { filename: `client-logs-${agent.username}.${extension}`, rows: streamClientLogs(this.db, agent.id, level) };
  }
}

function presentClientLog(row: ClientLogRow): ClientLogEntry {
  return {
    id: row.id,
    loggedAt: row.loggedAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    level: row.level,
    message: row.message,
    context: row.contextJson === null ? null : (JSON.parse(row.contextJson) as Record<string, unknown>),
  };
}
