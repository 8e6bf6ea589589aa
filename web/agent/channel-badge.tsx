import type { Channel } from "../../common/domain/channels.ts";
import { CHANNEL_LABELS } from "./interaction-labels.ts";

// A glyph per channel, decorative: the label next to it says the same in words.
const CHANNEL_GLYPHS: Readonly<Record<Channel, string>> = {
  voice: "☎",
  chat: "💬",
  sms: "✉",
  email: "@",
  whatsapp: "◉",
  messenger: "ⓜ",
  instagram: "◎",
  fax: "⎙",
  openchannel: "⇄",
};

export function ChannelBadge({ channel }: { channel: Channel }) {
  return (
    <span className={`channel-badge channel-badge-${channel}`}>
      <span className="channel-badge-glyph" aria-hidden="true">
        {CHANNEL_GLYPHS[channel]}
      </span>
      {CHANNEL_LABELS[channel]}
    </span>
  );
}
