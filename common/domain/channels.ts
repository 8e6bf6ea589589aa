import { z } from "zod";

// product.md, Channels and capacity. Voice, SMS and chat are on for every account; the others per account.
export const CHANNELS = ["voice", "chat", "sms", "email", "whatsapp", "messenger", "instagram", "fax", "openchannel"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const ALWAYS_ENABLED_CHANNELS: readonly Channel[] = ["voice", "sms", "chat"];
