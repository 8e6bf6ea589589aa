import { useRef, type KeyboardEvent } from "react";
import type { Interaction } from "../../common/api/interactions.ts";
import { CHANNEL_LABELS, customerLabel } from "./interaction-labels.ts";

interface InteractionTabsProps {
  interactions: readonly Interaction[];
  selectedId: string;
  unreadIds: ReadonlySet<string>;
  panelId: string;
  onSelect: (interactionId: string) => void;
}

export function tabIdOf(interactionId: string): string {
  return `interaction-tab-${interactionId}`;
}

// The open conversations as tabs (WAI-ARIA tabs: one tab stop, arrows, Home and End move and select).
export function InteractionTabs({ interactions, selectedId, unreadIds, panelId, onSelect }: InteractionTabsProps) {
  const listRef = useRef<HTMLDivElement>(null);

  const move = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = interactions.findIndex((interaction) => interaction.id === selectedId);
    const last = interactions.length - 1;
    const targets: Partial<Record<string, number>> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index <= 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = targets[event.key];
    const interaction = target === undefined ? undefined : interactions[target];
    if (!interaction) {
      return;
    }
    event.preventDefault();
    onSelect(interaction.id);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabIdOf(interaction.id))}`)?.focus();
  };

  return (
    <div ref={listRef} className="interaction-tabs" role="tablist" aria-label="Open conversations" onKeyDown={move}>
      {interactions.map((interaction) => {
        const selected = interaction.id === selectedId;
        const unread = unreadIds.has(interaction.id);
        return (
          <button
            key={interaction.id}
            id={tabIdOf(interaction.id)}
            type="button"
            role="tab"
            className="interaction-tab"
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(interaction.id)}
          >
            <span className="interaction-tab-channel">{CHANNEL_LABELS[interaction.channel]}</span>
            <span className="interaction-tab-customer">{customerLabel(interaction)}</span>
            <span className={unread ? "unread-dot unread-dot-on" : "unread-dot"} aria-hidden="true" />
            {unread ? <span className="visually-hidden">, new messages</span> : null}
          </button>
        );
      })}
    </div>
  );
}
