const timeFormatter = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

/** "since 10:32": when the agent's current status began. */
export function StatusSince({ since }: { since: string }) {
  return (
    <span className="status-since">
      since <time dateTime={since}>{timeFormatter.format(new Date(since))}</time>
    </span>
  );
}
