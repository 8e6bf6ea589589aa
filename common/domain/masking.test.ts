import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MASK_CHARACTER, maskValue, type MaskedKind } from "./masking.ts";

describe("masking a contact's phone, e-mail and name", () => {
  it.each<[MaskedKind, string, number, string]>([
    ["phone", "+1 415 555 0123", 4, "+1 415 555 ****"],
    ["phone", "+33 6 12 34 56 78", 7, "+33 6 1* ** ** **"],
    ["phone", "(415) 555-0123", 2, "(415) 555-01**"],
    ["phone", "123", 4, "***"],
    ["phone", "", 4, ""],
    ["email", "jane.doe@example.com", 4, "jan*.***@example.com"],
    ["email", "jo@example.com", 4, "**@example.com"],
    ["email", "no-at-sign", 3, "no-at-s***"],
    ["name", "Ada Lovelace", 4, "Ada Love****"],
    ["name", "Zoë", 2, "Z**"],
    ["name", "Li", 8, "**"],
    ["name", "O'Neil", 5, "*'****"],
  ])("%s %j with %d characters → %j", (kind, value, characters, expected) => {
    expect(maskValue(value, characters, kind)).toBe(expected);
  });

  it("keeps the e-mail's domain readable", () => {
    expect(maskValue("a.b@c.example", 64, "email")).toBe("*.*@c.example");
  });

  it("masks nothing with zero characters", () => {
    expect(maskValue("+1 415 555 0123", 0, "phone")).toBe("+1 415 555 0123");
  });

  const kinds = fc.constantFrom<MaskedKind>("phone", "email", "name");
  const maskable = { phone: /^\p{Nd}$/u, email: /^[\p{L}\p{N}]$/u, name: /^[\p{L}\p{N}]$/u };

  it("never leaves a masked character in place, keeps the length and changes nothing else", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 40 }), fc.integer({ min: 1, max: 64 }), kinds, (value, characters, kind) => {
        const original = Array.from(value);
        const masked = Array.from(maskValue(value, characters, kind));
        expect(masked).toHaveLength(original.length);
        const changed = masked.flatMap((symbol, index) => (symbol === original[index] ? [] : [index]));
        for (const index of changed) {
          expect(masked[index]).toBe(MASK_CHARACTER);
          expect(original[index]).toMatch(maskable[kind]);
        }
        expect(changed.length).toBeLessThanOrEqual(characters);
      }),
    );
  });

  it("masks exactly N of the phone's digits, the last ones, when it has that many", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/), fc.integer({ min: 1, max: 20 }), (phone, characters) => {
        const digits = Array.from(phone).filter((symbol) => /[0-9]/.test(symbol));
        const masked = maskValue(phone, characters, "phone");
        const visibleDigits = Array.from(masked).filter((symbol) => /[0-9]/.test(symbol));
        expect(visibleDigits).toEqual(digits.slice(0, Math.max(0, digits.length - characters)));
      }),
    );
  });
});
