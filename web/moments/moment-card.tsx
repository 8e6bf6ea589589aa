import type { Moment } from "../../common/api/moments.ts";

interface MomentCardProps {
  moment: Moment;
  /** Where the conversation is, when the card is not already beside it ("Casey Customer"). */
  conversationLabel?: string | undefined;
  busy?: boolean;
  onHelpful: (helpful: boolean) => void;
  onDismiss: () => void;
}

// One moment: the notification, what was said, its content (rich text sanitised by the server when stored, and
// only formatting and links can be stored), and the agent's marks.
export function MomentCard({ moment, conversationLabel, busy = false, onHelpful, onDismiss }: MomentCardProps) {
  const titleId = `moment-${moment.id}-title`;
  return (
    <article className={moment.dismissedAt === null ? "moment-card" : "moment-card moment-card-dismissed"} aria-labelledby={titleId}>
      <header className="moment-card-header">
        <h3 className="moment-card-title" id={titleId}>
          {moment.notificationName}
        </h3>
        {conversationLabel ? <p className="moment-card-where">Conversation with {conversationLabel}</p> : null}
      </header>
      {moment.description ? <p className="moment-card-description">{moment.description}</p> : null}
      <p className="moment-card-said">
        {moment.source === "deadline" ? (
          <>Not said in time: {moment.phrase}</>
        ) : (
          <>
            {moment.speaker === "agent" ? "You said" : "Customer said"}: <q>{moment.matchedText}</q>
          </>
        )}
      </p>
      {moment.contents.map((content) => (
        <section key={content.id} className="moment-content" aria-label={content.title}>
          <h4 className="moment-content-title">{content.title}</h4>
          {/* Sanitised on the server (sanitize-html, an allow-list of formatting and http(s) links). */}
          <div className="moment-content-body" dangerouslySetInnerHTML={{ __html: content.bodyHtml }} />
          {content.links.length > 0 ? (
            <ul className="moment-content-links">
              {content.links.map((link) => (
                <li key={link.url}>
                  <a href={link.url} target="_blank" rel="noopener noreferrer">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      <div className="moment-card-actions">
        <button type="button" className="button button-small" aria-pressed={moment.helpful === true} disabled={busy} onClick={() => onHelpful(moment.helpful !== true)}>
          {moment.helpful === true ? "Marked helpful" : "Helpful"}
        </button>
        {moment.dismissedAt === null ? (
          <button type="button" className="button button-small" disabled={busy} onClick={onDismiss}>
            Dismiss
          </button>
        ) : (
          <span className="moment-card-status">Dismissed</span>
        )}
      </div>
    </article>
  );
}
