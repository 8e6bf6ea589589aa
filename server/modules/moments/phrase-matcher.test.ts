import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phraseProblem } from "../../../common/domain/moments.ts";
import { parsePhrase, textWords, withinOneEdit } from "./moments-text.ts";
import { PhraseMatcher } from "./phrase-matcher.ts";
import { referenceMatch, type PhrasePattern } from "./reference-matcher.ts";

const patternsOf = (...phrases: string[]): PhrasePattern[] => phrases.map((phrase, id) => ({ id, words: parsePhrase(phrase) }));

function found(phrases: string[], text: string): string[] {
  const patterns = patternsOf(...phrases);
  return PhraseMatcher.compile(patterns)
    .match(text)
    .map((match) => `${phrases[match.patternId] ?? "?"} @ ${text.slice(match.start, match.end)}`);
}

describe("reading text like Moments does", () => {
  it("ignores case, accents (composed or not) and punctuation, and keeps the offsets of the original text", () => {
    expect(textWords("Ça va, CAFÉ? cafe\u0301!")).toEqual([
      { text: "ca", start: 0, end: 2 },
      { text: "va", start: 3, end: 5 },
      { text: "cafe", start: 7, end: 11 },
      { text: "cafe", start: 13, end: 18 },
    ]);
    expect(found(["cafe creme"], "Un CAFÉ-crème, s'il vous plaît")).toEqual(["cafe creme @ CAFÉ-crème"]);
    expect(found(["don't"], "I DON'T know")).toEqual(["don't @ DON'T"]);
  });

  it("respects word boundaries unless the phrase word ends in *", () => {
    expect(found(["cancel"], "cancellation, cancelled, uncancel")).toEqual([]);
    expect(found(["cancel"], "please cancel.")).toEqual(["cancel @ cancel"]);
    expect(found(["cancel*"], "Cancellation, uncancel, cancel")).toEqual(["cancel* @ Cancellation", "cancel* @ cancel"]);
    expect(found(["cancel* my plan"], "I want to cancelling my plan now")).toEqual(["cancel* my plan @ cancelling my plan"]);
  });

  it("tolerates one slip in words of seven letters or more, never in shorter ones", () => {
    expect(found(["subscription"], "my subscripton, my subscribtion, my subscriptions, my susbcription")).toEqual([
      "subscription @ subscripton",
      "subscription @ subscribtion",
      "subscription @ subscriptions",
      "subscription @ susbcription",
    ]);
    expect(found(["subscription"], "subscriptionss subscrip")).toEqual([]);
    expect(found(["refund"], "refunt refnd")).toEqual([]);
    expect(found(["manager please"], "managr please")).toEqual(["manager please @ managr please"]);
  });

  it("finds every phrase at once, overlapping ones included, and each pattern of a shared phrase", () => {
    expect(found(["speak to a manager", "a manager", "manager", "A Manager!"], "Can I speak to a manager?")).toEqual([
      "speak to a manager @ speak to a manager",
      "a manager @ a manager",
      "A Manager! @ a manager",
      "manager @ manager",
    ]);
    expect(found(["no no"], "no no no")).toEqual(["no no @ no no", "no no @ no no"]);
  });

  it("refuses phrases it could not match, naming why", () => {
    expect(phraseProblem("  ")).toBe("write a phrase");
    expect(phraseProblem("*")).toMatch(/end of a word/);
    expect(phraseProblem("can*cel")).toMatch(/end of a word/);
    expect(phraseProblem("a* b")).toMatch(/at least 2 letters/);
    expect(phraseProblem("?!")).toMatch(/at least one letter/);
    expect(phraseProblem("one two three four five six seven eight nine")).toMatch(/at most 8 words/);
    expect(phraseProblem("cancel* my plan")).toBeUndefined();
  });

  it("counts one edit as a substitution, insertion, deletion or swap of neighbours", () => {
    expect(withinOneEdit("receipt", "reciept")).toBe(true);
    expect(withinOneEdit("receipt", "receipts")).toBe(true);
    expect(withinOneEdit("receipt", "recipt")).toBe(true);
    expect(withinOneEdit("receipt", "reseipt")).toBe(true);
    expect(withinOneEdit("receipt", "rcieept")).toBe(false);
    expect(withinOneEdit("receipt", "receipt")).toBe(true);
  });
});

// A small alphabet and vocabulary so that phrases, prefixes and one-letter slips meet often.
const VOCABULARY = ["cancel", "cancellation", "account", "accounts", "manager", "refund", "refunds", "no", "my", "plan", "subscription", "supervisor", "café", "Ça", "x"];
const wordArbitrary = fc.oneof(fc.constantFrom(...VOCABULARY), fc.stringMatching(/^[a-eç]{1,9}$/));
const slipped = (word: string, position: number, letter: string, kind: number): string => {
  const at = position % (word.length + 1);
  if (kind === 0) {
    return word.slice(0, at) + letter + word.slice(at + 1);
  }
  if (kind === 1) {
    return word.slice(0, at) + letter + word.slice(at);
  }
  if (kind === 2) {
    return word.slice(0, at) + word.slice(at + 1);
  }
  return word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
};
const textWordArbitrary = fc.oneof(
  wordArbitrary,
  fc.tuple(wordArbitrary, fc.nat(), fc.constantFrom("a", "e", "x", "é"), fc.nat(3)).map(([word, position, letter, kind]) => slipped(word, position, letter, kind)),
  wordArbitrary.map((word) => word.toUpperCase()),
  wordArbitrary.map((word) => `${word}${"ing"}`),
);
const separatorArbitrary = fc.constantFrom(" ", ", ", "! ", " - ", "\n", "'", "  ", "😀", "\u0301 ");
const textArbitrary = fc.array(fc.tuple(textWordArbitrary, separatorArbitrary), { maxLength: 30 }).map((parts) => parts.map(([word, separator]) => word + separator).join(""));
const phraseArbitrary = fc
  .array(fc.tuple(wordArbitrary, fc.boolean()), { minLength: 1, maxLength: 3 })
  .map((words) => words.map(([word, star]) => (star && word.length >= 2 ? `${word}*` : word)).join(" "))
  .filter((phrase) => phraseProblem(phrase) === undefined);

describe("the compiled matcher", () => {
  it("finds exactly what the naive reference matcher finds (property)", () => {
    fc.assert(
      fc.property(fc.array(phraseArbitrary, { minLength: 1, maxLength: 12 }), fc.array(textArbitrary, { minLength: 1, maxLength: 3 }), (phrases, texts) => {
        const patterns = patternsOf(...phrases);
        const matcher = PhraseMatcher.compile(patterns);
        for (const text of texts) {
          expect(matcher.match(text)).toEqual(referenceMatch(patterns, text));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("is reusable: a text's unfinished phrase does not carry into the next text", () => {
    const matcher = PhraseMatcher.compile(patternsOf("speak to a manager"));
    expect(matcher.match("I want to speak to")).toEqual([]);
    expect(matcher.match("a manager")).toEqual([]);
    expect(matcher.match("speak to a manager")).toHaveLength(1);
  });

  it("compiles an empty set of phrases and matches nothing", () => {
    expect(PhraseMatcher.compile([]).match("anything at all")).toEqual([]);
  });
});
