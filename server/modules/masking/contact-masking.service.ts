import { maskValue, type MaskedKind } from "../../../common/domain/masking.ts";
import type { Db } from "../../db/database.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import { findMaskSensitiveData } from "./masking.repository.ts";

/** Contact fields masked by name: phone numbers, e-mail addresses and people's names. */
const FIELD_KINDS: Readonly<Record<string, MaskedKind>> = {
  phone: "phone",
  phoneNumber: "phone",
  mobile: "phone",
  email: "email",
  emailAddress: "email",
  name: "name",
  fullName: "name",
  firstName: "name",
  lastName: "name",
  displayName: "name",
};

type Maskable = string | null | undefined;

/** Masks what one reader may see of a contact; a no-op for a reader without "mask sensitive data". */
export interface ContactMasker {
  readonly enabled: boolean;
  readonly characters: number;
  value<Value extends Maskable>(value: Value, kind: MaskedKind): Value;
  /** A copy of a contact-shaped record with its phone, e-mail and name fields masked; other fields untouched. */
  contact<Record extends object>(record: Record): Record;
}

/**
 * product.md, The agent record: an agent with "mask sensitive data" sees contacts' phone, name and e-mail masked,
 * N characters per the global setting, enforced by the server. Every read of contact data for a user goes through
 * `forUser(userId)` and presents the record with the masker it returns (common/domain/masking.ts has the rule).
 */
export class ContactMasking {
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
  ) {}

  async forUser(userId: string): Promise<ContactMasker> {
    const [flag, security] = await Promise.all([findMaskSensitiveData(this.db, userId), this.settings.getSecurity()]);
    // A reader who cannot be found sees masked data: failing closed never shows what should be hidden.
    return createContactMasker(flag ?? true, security.maskCharacters);
  }
}

export function createContactMasker(enabled: boolean, characters: number): ContactMasker {
  const value = <Value extends Maskable>(input: Value, kind: MaskedKind): Value =>
    (enabled && typeof input === "string" ? maskValue(input, characters, kind) : input) as Value;
  return {
    enabled,
    characters,
    value,
    contact: (record) => {
      if (!enabled) {
        return record;
      }
      const entries = Object.entries(record).map(([key, field]: [string, unknown]): [string, unknown] => {
        const kind = FIELD_KINDS[key];
        return [key, kind && typeof field === "string" ? maskValue(field, characters, kind) : field];
      });
      return Object.fromEntries(entries) as typeof record;
    },
  };
}
