import { useQuery } from "@tanstack/react-query";
import { listInteractionMoments, momentsQueryKeys } from "../../api/moments.api.ts";
import { MomentCard } from "../../moments/moment-card.tsx";
import { useOwnModules } from "../use-own-modules.ts";
import { useMarkMoment } from "./use-mark-moment.ts";
import "./moments.css";

// issue 7, item 4: beside the conversation, the moments that fired on it, newest last, with dismiss and helpful.
export function ConversationMoments({ interactionId }: { interactionId: string }) {
  const modules = useOwnModules();
  const moments = useQuery({
    queryKey: momentsQueryKeys.forInteraction(interactionId),
    queryFn: () => listInteractionMoments(interactionId),
    enabled: modules?.moments === true,
    staleTime: Infinity,
  });
  const mark = useMarkMoment();
  const items = moments.data ?? [];
  if (modules?.moments !== true || items.length === 0) {
    return null;
  }
  return (
    <aside className="conversation-moments" aria-label="Moments for this conversation">
      <h2 className="conversation-moments-title">Moments ({items.length})</h2>
      <ol className="conversation-moments-list">
        {items.map((moment) => (
          <li key={moment.id}>
            <MomentCard
              moment={moment}
              busy={mark.isPending}
              onHelpful={(helpful) => mark.mutate({ momentId: moment.id, marks: { helpful } })}
              onDismiss={() => mark.mutate({ momentId: moment.id, marks: { dismissed: true } })}
            />
          </li>
        ))}
      </ol>
    </aside>
  );
}
