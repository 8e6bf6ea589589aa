// The Moments benchmark's deterministic corpus (bench/moments.bench.ts): conversation-like text over a Zipf
// vocabulary (short words frequent, long words rare, as in speech), phrases drawn from the rarer words and a few
// common ones, some ending in `*`, some occurrences of the phrases slipped by one letter. The same seed gives the
// same bytes on every machine.

const COMMON = (
  "i you the to a and it is my that of for in me on this have we can your be not with do so what but just no yes " +
  "they was are there at get if about like all would one know he she will from how now please want need an or " +
  "thanks thank hello hi okay ok sure right here when out up order account help time call back again still"
).split(" ");
const ONSETS = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gr", "pl", "pr", "sc", "sh", "sl", "sp", "st", "str", "th", "tr"];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "ie", "io", "ou", "oa", "y", "é"];
const CODAS = ["", "", "", "", "n", "r", "s", "t", "l", "m", "nd", "nt", "ng", "ck", "st", "x"];
const SUFFIXES = ["", "", "", "", "", "", "s", "ed", "ing", "er", "ly", "tion", "ment"];

/** Park-Miller-like LCG on 32 bits: fast, seeded, the same everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  next(): number {
    this.state = (Math.imul(this.state, 1_103_515_245) + 12_345) >>> 0;
    return this.state / 4_294_967_296;
  }

  below(limit: number): number {
    return Math.floor(this.next() * limit);
  }

  pick<Item>(items: readonly Item[]): Item {
    return items[this.below(items.length)] as Item;
  }

  /** A rank in [0, size) with probability ∝ 1 / (rank + 1) (Zipf, exponent 1). */
  zipf(size: number): number {
    return Math.min(size - 1, Math.floor(Math.exp(this.next() * Math.log(size + 1))) - 1);
  }
}

export interface Corpus {
  /** Vocabulary by rank (most frequent first). */
  vocabulary: string[];
  /** `notifications × phrasesPerNotification` phrases, notification by notification. */
  phrases: string[];
}

export function buildCorpus(random: Random, notifications: number, phrasesPerNotification: number): Corpus {
  const vocabulary = buildVocabulary(random, 60_000);
  const phrases: string[] = [];
  const seen = new Set<string>();
  while (phrases.length < notifications * phrasesPerNotification) {
    const phrase = buildPhrase(random, vocabulary);
    if (!seen.has(phrase)) {
      seen.add(phrase);
      phrases.push(phrase);
    }
  }
  return { vocabulary, phrases };
}

function buildVocabulary(random: Random, size: number): string[] {
  const words = new Set<string>(COMMON);
  while (words.size < size) {
    // Rarer ranks get longer words, as in speech (English averages under five letters a word).
    const syllables = 1 + random.below(1 + Math.floor((words.size / size) * 3));
    let word = "";
    for (let index = 0; index < syllables; index++) {
      word += random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
    }
    word += random.pick(SUFFIXES);
    if (word.length >= 2) {
      words.add(word);
    }
  }
  return [...words];
}

function buildPhrase(random: Random, vocabulary: readonly string[]): string {
  const draw = random.next();
  const length = draw < 0.1 ? 1 : draw < 0.5 ? 2 : draw < 0.85 ? 3 : 4;
  const words: string[] = [];
  const rareAt = random.below(length);
  for (let index = 0; index < length; index++) {
    // Rarer words, and sometimes a common word around them ("speak to a manager"); never only common words.
    const common = index !== rareAt && random.next() < 0.4;
    words.push(common ? (vocabulary[random.zipf(300)] as string) : (vocabulary[5_000 + random.below(vocabulary.length - 5_000)] as string));
  }
  const last = words[words.length - 1] as string;
  if (random.next() < 0.1 && last.length >= 7 && length > 1) {
    words[words.length - 1] = `${last.slice(0, last.length - 2)}*`;
  }
  return words.join(" ");
}

/**
 * About `size` characters of utterances (15–300 characters each), separated by newlines. Words follow the Zipf
 * vocabulary; capitals start sentences; punctuation as people type it; one utterance in `phraseEvery` carries a
 * phrase, a fifth of those with a one-letter slip.
 */
export function* utterances(random: Random, corpus: Corpus, size: number, phraseEvery = 12): Generator<string> {
  let produced = 0;
  while (produced < size) {
    const target = 15 + random.below(285);
    let utterance = "";
    let sentenceStart = true;
    while (utterance.length < target) {
      let word = random.next() < 1 / (phraseEvery * 20) ? phraseOccurrence(random, corpus) : (corpus.vocabulary[random.zipf(corpus.vocabulary.length)] as string);
      if (sentenceStart) {
        word = word.charAt(0).toUpperCase() + word.slice(1);
      }
      const mark = random.next();
      const separator = mark < 0.06 ? ". " : mark < 0.1 ? ", " : mark < 0.11 ? "? " : mark < 0.115 ? "! " : " ";
      sentenceStart = separator !== " " && separator !== ", ";
      utterance += word + separator;
    }
    produced += utterance.length + 1;
    yield utterance.trimEnd();
  }
}

function phraseOccurrence(random: Random, corpus: Corpus): string {
  const phrase = corpus.phrases[random.below(corpus.phrases.length)] as string;
  const words = phrase.split(" ").map((word) => (word.endsWith("*") ? word.slice(0, -1) + random.pick(["", "s", "ing", "ed", "ation"]) : word));
  if (random.next() < 0.2) {
    const index = random.below(words.length);
    const word = words[index] as string;
    if (word.length >= 7) {
      const at = 1 + random.below(word.length - 2);
      words[index] = word.slice(0, at) + word.slice(at + 1);
    }
  }
  return words.join(" ");
}
