import { useQuery } from "@tanstack/react-query";
import { CHANNELS, type Channel } from "../../../common/domain/channels.ts";
import { channelQueryKeys, fetchAccountSettings } from "../../api/channels.api.ts";

/**
 * The channels queues may use: those the account has turned on (product.md: voice, SMS and chat always),
 * plus any given ones still in use, in the catalogue's order.
 */
export function useAccountChannels(inUse: readonly Channel[] = []): Channel[] {
  const account = useQuery({ queryKey: channelQueryKeys.accountSettings, queryFn: fetchAccountSettings });
  const enabled = new Set<Channel>([...(account.data?.enabledChannels ?? ["voice", "sms", "chat"]), ...inUse]);
  return CHANNELS.filter((channel) => enabled.has(channel));
}
