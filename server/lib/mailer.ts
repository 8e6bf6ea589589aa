import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "pino";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends e-mail through SMTP_URL. Without it nothing is sent: each message is dropped with a warning. */
export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
}

const DEFAULT_FROM = "Switchboard <no-reply@localhost>";

/**
 * `smtp://user:password@host:587` or `smtps://…:465`, as nodemailer reads it. A `from` query parameter sets the
 * sender (`smtp://host:587?from=helpdesk@example.com`); it is taken out before the URL reaches nodemailer.
 */
export function createMailer(smtpUrl: string | undefined, logger: Logger): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      send: async (message) => {
        // Only the subject: the body of a reset e-mail holds a live link.
        logger.warn({ subject: message.subject }, "SMTP_URL is not set: e-mail not sent");
      },
    };
  }
  const { transportUrl, from } = splitSender(smtpUrl);
  const transporter: Transporter = nodemailer.createTransport(transportUrl);
  return {
    configured: true,
    send: async (message) => {
      await transporter.sendMail({ from, ...message });
    },
  };
}

function splitSender(smtpUrl: string): { transportUrl: string; from: string } {
  const url = new URL(smtpUrl);
  const from = url.searchParams.get("from");
  url.searchParams.delete("from");
  return { transportUrl: url.toString(), from: from ?? DEFAULT_FROM };
}
