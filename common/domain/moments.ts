// Moments (seed 000, product.md "Moments"): the rules of a phrase that the page and the server share. The server's
// matcher (server/modules/moments/moments-text.ts) folds text the same way: case, accents and punctuation are
// ignored, and a trailing `*` on a word matches any ending of it (`cancel*`: cancel, cancelled, cancellation).

export const PHRASE_MAX_LENGTH = 100;
export const PHRASE_MAX_WORDS = 8;
/** Phrase words at least this long also match a word one speech-to-text slip away (one letter wrong, missing, extra or swapped). */
export const FUZZY_MIN_LENGTH = 7;
export const PREFIX_MIN_LENGTH = 2;

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;

/** What is wrong with a phrase, or undefined when it can be matched. */
export function phraseProblem(raw: string): string | undefined {
  const phrase = raw.trim();
  if (phrase.length === 0) {
    return "write a phrase";
  }
  if (phrase.length > PHRASE_MAX_LENGTH) {
    return `at most ${PHRASE_MAX_LENGTH} characters`;
  }
  let words = 0;
  let wordLength = 0;
  let afterStar = false;
  for (const character of phrase) {
    if (character === "*") {
      if (wordLength === 0) {
        return "a * goes at the end of a word, as in cancel*";
      }
      if (wordLength < PREFIX_MIN_LENGTH) {
        return `a word ending in * needs at least ${PREFIX_MIN_LENGTH} letters before it`;
      }
      wordLength = 0;
      afterStar = true;
      continue;
    }
    if (WORD_CHARACTER.test(character)) {
      if (afterStar) {
        return "a * goes at the end of a word, as in cancel*";
      }
      if (wordLength === 0) {
        words += 1;
      }
      wordLength += 1;
    } else if (!MARK.test(character)) {
      wordLength = 0;
      afterStar = false;
    }
  }
  if (words === 0) {
    return "a phrase needs at least one letter or digit";
  }
  if (words > PHRASE_MAX_WORDS) {
    return `at most ${PHRASE_MAX_WORDS} words`;
  }
  return undefined;
}

export const SPEAKERS = ["customer", "agent", "either"] as const;
export type Speaker = (typeof SPEAKERS)[number];
