import type { MailMessage } from "../../lib/mailer.ts";
import type { ResetRecipient } from "./password-reset.repository.ts";

export function resetEmail(recipient: ResetRecipient, link: string, validMinutes: number): MailMessage {
  const hours = validMinutes / 60;
  const validity = hours === 1 ? "one hour" : `${validMinutes} minutes`;
  const text = [
    `Hello ${recipient.fullName},`,
    "",
    `Someone asked to reset the Switchboard password of the account "${recipient.username}".`,
    `To choose a new password, open this link within ${validity}. It works once:`,
    "",
    link,
    "",
    "If you did not ask for this, ignore this e-mail: your password stays as it is.",
  ].join("\n");
  const html = [
    `<p>Hello ${escapeHtml(recipient.fullName)},</p>`,
    `<p>Someone asked to reset the Switchboard password of the account “${escapeHtml(recipient.username)}”.</p>`,
    `<p>To choose a new password, open this link within ${validity}. It works once:</p>`,
    `<p><a href="${escapeHtml(link)}">Choose a new password</a></p>`,
    "<p>If you did not ask for this, ignore this e-mail: your password stays as it is.</p>",
  ].join("\n");
  return { to: recipient.email, subject: "Reset your Switchboard password", text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
