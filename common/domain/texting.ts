// Two-way texting rules shared by the server and the desktop (product.md, Two-way texting; issue 5).

// Carriers and the FCC require these to be honoured (issue 5, item 3). A keyword counts when it is the whole
// message, in any case, with surrounding spaces and a trailing full stop or exclamation mark ignored, as
// Twilio's own opt-out handling reads them.
export const OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"] as const;
export const OPT_IN_KEYWORDS = ["START", "YES", "UNSTOP"] as const;
export const HELP_KEYWORDS = ["HELP", "INFO"] as const;

export type KeywordAction = "opt_out" | "opt_in" | "help";

const ACTIONS = new Map<string, KeywordAction>([
  ...OPT_OUT_KEYWORDS.map((keyword) => [keyword, "opt_out"] as const),
  ...OPT_IN_KEYWORDS.map((keyword) => [keyword, "opt_in"] as const),
  ...HELP_KEYWORDS.map((keyword) => [keyword, "help"] as const),
]);

/** The keyword a message is, with what it does; null for an ordinary message. */
export function keywordOf(body: string): { keyword: string; action: KeywordAction } | null {
  const keyword = body.trim().replace(/[.!]+$/u, "").trim().toUpperCase();
  const action = ACTIONS.get(keyword);
  return action ? { keyword, action } : null;
}

// Message templates (issue 5, item 6): placeholders an admin writes and the server fills in when the reply is
// sent, so a masked agent never sees, nor types, the contact's real name.
export const TEMPLATE_PLACEHOLDERS = {
  "contact.name": "the contact's name (empty when the number is unknown)",
  "agent.alias": "your alias, else your full name (product.md: the alias is what customers see)",
} as const;
export type TemplatePlaceholder = keyof typeof TEMPLATE_PLACEHOLDERS;

const PLACEHOLDER = /\{\{\s*([a-zA-Z.]+)\s*\}\}/gu;

/** Placeholders written in the text that do not exist, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "").filter((name) => !(name in TEMPLATE_PLACEHOLDERS));
}

export function hasPlaceholders(text: string): boolean {
  return text.includes("{{");
}

/** The text with every known placeholder filled in; unknown ones stay as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<TemplatePlaceholder, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as TemplatePlaceholder] : whole));
}
