import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  messages: CapturedMail[];
  /** The next message to that address (already received or still to come), or a rejection after the timeout. */
  nextMailTo(address: string, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

/** A real SMTP server in the test process (CONVENTIONS.md: real SMTP both ways); it keeps every message it gets. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: CapturedMail[] = [];
  const waiting: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "test" }),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const from = session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address;
        messages.push({ ...readMessage(raw), from, to: session.envelope.rcptTo.map((recipient) => recipient.address), raw });
        for (const wake of waiting.splice(0)) {
          wake();
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const taken = new Set<CapturedMail>();

  const nextMailTo = async (address: string, timeoutMs = 10_000): Promise<CapturedMail> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Addresses compare ignoring case: nodemailer lower-cases the domain.
      const found = messages.find((message) => !taken.has(message) && message.to.some((to) => to.toLowerCase() === address.toLowerCase()));
      if (found) {
        taken.add(found);
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no e-mail to ${address} within ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    nextMailTo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

// A small MIME reader, enough for what nodemailer sends: headers, multipart, quoted-printable and base64.
function readMessage(raw: string): Pick<CapturedMail, "subject" | "text" | "html"> {
  const message = splitPart(raw);
  const leaves = flatten(message);
  const bodyOf = (type: string) => leaves.find((part) => (part.headers.get("content-type") ?? "text/plain").startsWith(type));
  const text = bodyOf("text/plain");
  const html = bodyOf("text/html");
  return {
    subject: message.headers.get("subject") ?? "",
    text: text ? decodeBody(text) : "",
    html: html ? decodeBody(html) : "",
  };
}

function splitPart(raw: string): MimePart {
  const normalized = raw.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  return { headers, body: end === -1 ? "" : normalized.slice(end + 2) };
}

function flatten(part: MimePart): MimePart[] {
  const contentType = part.headers.get("content-type") ?? "";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!contentType.startsWith("multipart/") || !boundary) {
    return [part];
  }
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith("--"))
    .flatMap((chunk) => flatten(splitPart(chunk.replace(/^\n/, ""))));
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") {
    return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  if (encoding === "quoted-printable") {
    const escaped = part.body.replace(/=\n/g, "").replace(/%/g, "%25").replace(/=([0-9A-F]{2})/gi, "%$1");
    return decodeURIComponent(escaped);
  }
  return part.body;
}
