import { useQuery, useQueryClient } from "@tanstack/react-query";
import { channelQueryKeys, fetchAccountSettings, fetchChannelSettings } from "../../api/channels.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";
import { AccountChannelsForm } from "./account-channels-form.tsx";
import { CapacitySettingsForm } from "./capacity-settings-form.tsx";

// The global channel settings (admins): the account's channels and typologies, default capacities, tab limit.
export function ChannelsPage() {
  useDocumentTitle("Channels");
  const queryClient = useQueryClient();
  const account = useQuery({ queryKey: channelQueryKeys.accountSettings, queryFn: fetchAccountSettings });
  const channels = useQuery({ queryKey: channelQueryKeys.channelSettings, queryFn: fetchChannelSettings });
  useRealtimeEvent("account_settings.updated", (payload) => queryClient.setQueryData(channelQueryKeys.accountSettings, payload.account));
  useRealtimeEvent("channel_settings.updated", (payload) => queryClient.setQueryData(channelQueryKeys.channelSettings, payload.channels));

  const retry = () => {
    void account.refetch();
    void channels.refetch();
  };
  return (
    <>
      <h1 className="page-title">Channels</h1>
      <p className="page-intro">Channels the account offers and how much work each agent takes at once.</p>
      {account.isError || channels.isError ? (
        <LoadError message="The channel settings could not be loaded." onRetry={retry} />
      ) : account.data && channels.data ? (
        <div className="section">
          <AccountChannelsForm account={account.data} />
          <CapacitySettingsForm settings={channels.data} account={account.data} />
        </div>
      ) : (
        <p role="status">Loading…</p>
      )}
    </>
  );
}
