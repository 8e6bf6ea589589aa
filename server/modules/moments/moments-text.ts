import { FUZZY_MIN_LENGTH, phraseProblem } from "../../../common/domain/moments.ts";

/**
 * How Moments reads text (issue 7, Matching): case, accents and punctuation are ignored and words keep their
 * boundaries. Every UTF-16 code unit folds, on its own, to one of:
 * - SEPARATOR: anything that is not a letter, digit or combining mark (spaces, punctuation, symbols, emoji and
 *   lone surrogates, so letters outside the Basic Multilingual Plane separate words too);
 * - IGNORED: a combining mark (the accent of a decomposed "é"), which neither breaks a word nor counts in it;
 * - a code unit: the letter or digit lower-cased with its accents stripped (NFD, marks removed), "É" → "e".
 * The fast matcher and the reference matcher both read this one table, so they agree by construction on what a
 * word is; the property test proves they agree on everything else.
 */
export const SEPARATOR = 0;
export const IGNORED = 1;

let foldTable: Uint16Array | undefined;

/** The fold of every code unit, computed once per process (about 30 ms). */
export function foldTableOf(): Uint16Array {
  foldTable ??= computeFoldTable();
  return foldTable;
}

function computeFoldTable(): Uint16Array {
  const table = new Uint16Array(65_536);
  const wordCharacter = /^[\p{L}\p{N}]$/u;
  const mark = /^\p{M}$/u;
  for (let unit = 0; unit < 65_536; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) {
      table[unit] = SEPARATOR;
      continue;
    }
    const character = String.fromCharCode(unit);
    if (mark.test(character)) {
      table[unit] = IGNORED;
    } else if (!wordCharacter.test(character)) {
      table[unit] = SEPARATOR;
    } else {
      table[unit] = foldLetter(character, unit);
    }
  }
  return table;
}

function foldLetter(character: string, unit: number): number {
  const stripped = character.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  if (stripped.length === 1 && /^[\p{L}\p{N}]$/u.test(stripped)) {
    return stripped.charCodeAt(0);
  }
  // A letter that decomposes into several (a ligature, "ŉ"): lower-cased alone when that stays one code unit.
  const lower = character.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : unit;
}

export interface PhraseWord {
  /** The folded word. */
  text: string;
  /** Ends in `*`: matches any word that starts with `text`. */
  prefix: boolean;
}

/** A phrase as words, folded like text; throws on a phrase `phraseProblem` refuses (the API has checked it). */
export function parsePhrase(raw: string): PhraseWord[] {
  const problem = phraseProblem(raw);
  if (problem) {
    throw new Error(`unmatchable phrase "${raw}": ${problem}`);
  }
  const fold = foldTableOf();
  const words: PhraseWord[] = [];
  let current = "";
  for (let index = 0; index < raw.length; index++) {
    const unit = raw.charCodeAt(index);
    if (unit === 0x2a) {
      words.push({ text: current, prefix: true });
      current = "";
      continue;
    }
    const folded = fold[unit] ?? SEPARATOR;
    if (folded === SEPARATOR) {
      if (current.length > 0) {
        words.push({ text: current, prefix: false });
      }
      current = "";
    } else if (folded !== IGNORED) {
      current += String.fromCharCode(folded);
    }
  }
  if (current.length > 0) {
    words.push({ text: current, prefix: false });
  }
  return words;
}

/** A phrase's words as text: `cancel* my plan`. */
export function phraseKey(words: readonly PhraseWord[]): string {
  return words.map((word) => (word.prefix ? `${word.text}*` : word.text)).join(" ");
}

export interface TextWord {
  text: string;
  /** UTF-16 offset of the word's first letter in the original text. */
  start: number;
  /** UTF-16 offset just after the word (its trailing combining marks included). */
  end: number;
}

/** The words of a text with their offsets: the reference matcher's and the "try it" box's reading. */
export function textWords(text: string): TextWord[] {
  const fold = foldTableOf();
  const words: TextWord[] = [];
  let current = "";
  let start = -1;
  for (let index = 0; index < text.length; index++) {
    const folded = fold[text.charCodeAt(index)] ?? SEPARATOR;
    if (folded === SEPARATOR) {
      if (start >= 0) {
        words.push({ text: current, start, end: index });
      }
      current = "";
      start = -1;
    } else if (folded !== IGNORED) {
      if (start < 0) {
        start = index;
      }
      current += String.fromCharCode(folded);
    }
  }
  if (start >= 0) {
    words.push({ text: current, start, end: text.length });
  }
  return words;
}

/** Whether a text word matches a phrase word: exactly, by prefix (`cancel*`), or one slip away for long words. */
export function wordMatches(word: string, phraseWord: PhraseWord): boolean {
  if (phraseWord.prefix) {
    return word.startsWith(phraseWord.text);
  }
  return word === phraseWord.text || (phraseWord.text.length >= FUZZY_MIN_LENGTH && withinOneEdit(word, phraseWord.text));
}

/**
 * Whether two words are at most one edit apart: one letter substituted, inserted, deleted, or two neighbours
 * swapped (optimal string alignment distance ≤ 1). Linear time, no allocation.
 */
export function withinOneEdit(first: ArrayLike<number> | string, second: ArrayLike<number> | string, firstLength = first.length, secondLength = second.length): boolean {
  const at = typeof first === "string" ? (index: number) => first.charCodeAt(index) : (index: number) => first[index] ?? -1;
  const other = typeof second === "string" ? (index: number) => second.charCodeAt(index) : (index: number) => second[index] ?? -1;
  return oneEdit(at, firstLength, other, secondLength);
}

function oneEdit(first: (index: number) => number, firstLength: number, second: (index: number) => number, secondLength: number): boolean {
  if (Math.abs(firstLength - secondLength) > 1) {
    return false;
  }
  let index = 0;
  const shorter = Math.min(firstLength, secondLength);
  while (index < shorter && first(index) === second(index)) {
    index++;
  }
  if (firstLength === secondLength) {
    if (index === firstLength) {
      return true;
    }
    if (sameTail(first, index + 1, second, index + 1, firstLength - index - 1)) {
      return true;
    }
    return index + 1 < firstLength && first(index) === second(index + 1) && first(index + 1) === second(index) && sameTail(first, index + 2, second, index + 2, firstLength - index - 2);
  }
  if (firstLength > secondLength) {
    return sameTail(first, index + 1, second, index, secondLength - index);
  }
  return sameTail(first, index, second, index + 1, firstLength - index);
}

function sameTail(first: (index: number) => number, firstStart: number, second: (index: number) => number, secondStart: number, length: number): boolean {
  for (let offset = 0; offset < length; offset++) {
    if (first(firstStart + offset) !== second(secondStart + offset)) {
      return false;
    }
  }
  return true;
}
