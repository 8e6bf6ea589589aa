import {
  accountSettingsSchema,
  channelSettingsSchema,
  type AccountSettings,
  type ChannelSettings,
  type UpdateAccountSettingsRequest,
  type UpdateChannelSettingsRequest,
} from "../../../common/api/channels.ts";
import { securitySettingsSchema, type SecuritySettings } from "../../../common/api/settings.ts";
import { DEFAULT_CHANNEL_CAPACITY, normalizeAccountChannels } from "../../../common/domain/capacity.ts";
import { ALWAYS_ENABLED_CHANNELS } from "../../../common/domain/channels.ts";
import type { Db } from "../../db/database.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import { adminRoom } from "../../realtime/rooms.ts";
import { readSetting, writeSetting } from "./settings.repository.ts";

const SECURITY_KEY = "security";
const SECURITY_DEFAULTS: SecuritySettings = { suiteEnabled: false, maskCharacters: 4, lockoutThreshold: 0 };
const ACCOUNT_KEY = "account";
const ACCOUNT_DEFAULTS: AccountSettings = { enabledChannels: [...ALWAYS_ENABLED_CHANNELS], mobileTypologyEnabled: false };
const CHANNELS_KEY = "channels";
const CHANNELS_DEFAULTS: ChannelSettings = { defaultCapacity: { ...DEFAULT_CHANNEL_CAPACITY }, maxOpenTabs: 0 };

/** The settings rows' keys, for queries that read a setting in the same statement as the rows it governs. */
export const SETTING_KEYS = { security: SECURITY_KEY, account: ACCOUNT_KEY, channels: CHANNELS_KEY } as const;

// Stored values are parsed leniently: a missing or unreadable value falls back to the defaults, field by field.
export function parseSecuritySettings(stored: unknown): SecuritySettings {
  const parsed = securitySettingsSchema.partial().safeParse(stored);
  return { ...SECURITY_DEFAULTS, ...(parsed.success ? parsed.data : {}) };
}

export function parseAccountSettings(stored: unknown): AccountSettings {
  const parsed = accountSettingsSchema.partial().safeParse(stored);
  const account = { ...ACCOUNT_DEFAULTS, ...(parsed.success ? parsed.data : {}) };
  return { ...account, enabledChannels: normalizeAccountChannels(account.enabledChannels) };
}

export function parseChannelSettings(stored: unknown): ChannelSettings {
  const parsed = channelSettingsSchema.partial().safeParse(stored);
  const channels = parsed.success ? parsed.data : {};
  return {
    defaultCapacity: { ...CHANNELS_DEFAULTS.defaultCapacity, ...channels.defaultCapacity },
    maxOpenTabs: channels.maxOpenTabs ?? CHANNELS_DEFAULTS.maxOpenTabs,
  };
}

export class SettingsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
  ) {}

  async getSecurity(): Promise<SecuritySettings> {
    return parseSecuritySettings(await readSetting(this.db, SECURITY_KEY));
  }

  async updateSecurity(actor: Actor, changes: Partial<SecuritySettings>): Promise<SecuritySettings> {
    const before = await this.getSecurity();
    const security = { ...before, ...changes };
    // The change and its audit entry commit together; the event leaves after the commit.
    await this.db.transaction().execute(async (transaction) => {
      await writeSetting(transaction, SECURITY_KEY, security);
      await this.audit.record(transaction, actor, {
        action: "settings.updated",
        entityType: "settings",
        entityId: SECURITY_KEY,
        summary: "Changed the security settings",
        before,
        after: security,
      });
    });
    this.events.publish("settings.updated", { security }, { rooms: [adminRoom()] });
    return security;
  }

  /** Channels the account has (voice, SMS and chat always) and whether the mobile typology is offered. */
  async getAccount(): Promise<AccountSettings> {
    return parseAccountSettings(await readSetting(this.db, ACCOUNT_KEY));
  }

  async updateAccount(actor: Actor, changes: UpdateAccountSettingsRequest): Promise<AccountSettings> {
    const before = await this.getAccount();
    const account: AccountSettings = {
      enabledChannels: normalizeAccountChannels(changes.enabledChannels ?? before.enabledChannels),
      mobileTypologyEnabled: changes.mobileTypologyEnabled ?? before.mobileTypologyEnabled,
    };
    await this.db.transaction().execute(async (transaction) => {
      await writeSetting(transaction, ACCOUNT_KEY, account);
      await this.audit.record(transaction, actor, {
        action: "account_settings.updated",
        entityType: "settings",
        entityId: ACCOUNT_KEY,
        summary: "Changed the account's channels and typologies",
        before,
        after: account,
      });
    });
    this.events.publish("account_settings.updated", { account }, { rooms: [adminRoom()] });
    return account;
  }

  /** Default capacity per channel (0 = unlimited) and the max open tab limit across channels (0 = unlimited). */
  async getChannels(): Promise<ChannelSettings> {
    return parseChannelSettings(await readSetting(this.db, CHANNELS_KEY));
  }

  async updateChannels(actor: Actor, changes: UpdateChannelSettingsRequest): Promise<ChannelSettings> {
    const before = await this.getChannels();
    const channels: ChannelSettings = {
      defaultCapacity: { ...before.defaultCapacity, ...changes.defaultCapacity },
      maxOpenTabs: changes.maxOpenTabs ?? before.maxOpenTabs,
    };
    await this.db.transaction().execute(async (transaction) => {
      await writeSetting(transaction, CHANNELS_KEY, channels);
      await this.audit.record(transaction, actor, {
        action: "channel_settings.updated",
        entityType: "settings",
        entityId: CHANNELS_KEY,
        summary: "Changed the channel capacity settings",
        before,
        after: channels,
      });
    });
    this.events.publish("channel_settings.updated", { channels }, { rooms: [adminRoom()] });
    return channels;
  }
}
