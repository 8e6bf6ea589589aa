// The IPC of the benchmarks' agents processes (`node --import tsx bench/<name>-agents.ts`): the parent sends
// `{ type: "start", … }` then `{ type: "finish" }`; the agents answer with messages of their own.

/** Sends one message to the parent process; resolves once it is handed over (or at once without a parent). */
export function sendToParent<Message>(message: Message): Promise<void> {
  return new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()) ?? resolve());
}

/** Starts the agents on the parent's "start" message, finishes them and lets the process end on any other. */
export function serveAgents<Start extends { type: "start" }>(create: (start: Start) => { connectAll(): Promise<void>; finish(): Promise<unknown> }): void {
  let agents: ReturnType<typeof create> | undefined;
  process.on("message", (message: Start | { type: "finish" }) => {
    if (message.type === "start") {
      agents = create(message);
      void agents.connectAll();
    } else {
      void agents?.finish().then(() => process.disconnect());
    }
  });
}
