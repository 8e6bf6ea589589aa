import type { Channel } from "../../../common/domain/channels.ts";

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  voice: "Voice",
  chat: "Chat",
  sms: "SMS",
  email: "Email",
  whatsapp: "WhatsApp",
  messenger: "Facebook Messenger",
  instagram: "Instagram",
  fax: "Fax",
  openchannel: "Open channel",
};

/** "Unlimited" for 0 (product.md: a capacity or tab limit of 0 is unlimited), else the number. */
export function limitLabel(value: number): string {
  return value === 0 ? "Unlimited" : String(value);
}
