// product.md, The agent record: "mask sensitive data (the agent sees contacts' phone, name and e-mail masked, N
// characters per a global setting; enforced by the server, not only hidden in the page)".
//
// The rule, the same for the three kinds of value: the LAST N letters or digits are replaced by MASK_CHARACTER,
// counted from the end; everything else stays as it was, so the value keeps its length and shape.
// - phone: only digits are masked; "+", spaces, dashes and brackets stay ("+1 415 555 0123", 4 → "+1 415 555 ****").
// - email: only the part before the last "@" is masked, so the domain stays readable
//   ("jane.doe@example.com", 4 → "jan*.***@example.com").
// - name: letters and digits are masked, spaces and punctuation stay ("Ada Lovelace", 4 → "Ada Love****").
// A value with no more than N maskable characters is masked entirely. Lengths count characters (code points).
export const MASK_CHARACTER = "*";

export type MaskedKind = "phone" | "email" | "name";

const DIGIT = /^\p{Nd}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

export function maskValue(value: string, characters: number, kind: MaskedKind): string {
  if (characters <= 0 || value.length === 0) {
    return value;
  }
  if (kind === "email") {
    const at = value.lastIndexOf("@");
    if (at > 0) {
      return maskLast(value.slice(0, at), characters, LETTER_OR_DIGIT) + value.slice(at);
    }
  }
  return maskLast(value, characters, kind === "phone" ? DIGIT : LETTER_OR_DIGIT);
}

function maskLast(value: string, characters: number, maskable: RegExp): string {
  const symbols = Array.from(value);
  let remaining = characters;
  for (let index = symbols.length - 1; index >= 0 && remaining > 0; index -= 1) {
    if (maskable.test(symbols[index] ?? "")) {
      symbols[index] = MASK_CHARACTER;
      remaining -= 1;
    }
  }
  return symbols.join("");
}
