import { textWords, wordMatches, type PhraseWord } from "./moments-text.ts";

export interface PhrasePattern {
  id: number;
  words: readonly PhraseWord[];
}

/** A phrase found in a text: the pattern, and the UTF-16 range from its first word's start to its last word's end. */
export interface PhraseMatch {
  patternId: number;
  start: number;
  end: number;
}

/**
 * The naive matcher the fast one must equal (issue 7, Speed: "matching results must equal a naive reference
 * matcher's on the same input"): every pattern tried at every word, word by word. Quadratic and obviously right.
 */
export function referenceMatch(patterns: readonly PhrasePattern[], text: string): PhraseMatch[] {
  const words = textWords(text);
  const matches: PhraseMatch[] = [];
  for (const pattern of patterns) {
    for (let first = 0; first + pattern.words.length <= words.length; first++) {
      if (pattern.words.every((phraseWord, offset) => wordMatches(words[first + offset]?.text ?? "", phraseWord))) {
        matches.push({ patternId: pattern.id, start: words[first]?.start ?? 0, end: words[first + pattern.words.length - 1]?.end ?? 0 });
      }
    }
  }
  return sortMatches(matches);
}

/** Matches in one canonical order (end, start, pattern), so two matchers' answers compare as arrays. */
export function sortMatches(matches: PhraseMatch[]): PhraseMatch[] {
  return matches.sort((left, right) => left.end - right.end || left.start - right.start || left.patternId - right.patternId);
}
