import { FUZZY_MIN_LENGTH } from "../../../common/domain/moments.ts";
import { foldTableOf, IGNORED, SEPARATOR, type PhraseWord } from "./moments-text.ts";
import type { PhraseMatch, PhrasePattern } from "./reference-matcher.ts";

export type MatchSink = (patternId: number, start: number, end: number) => void;

const OTHER_CLASS = 2;
const FIRST_LETTER_CLASS = 3;
const ROOT = 0;
/** A text word this long or longer may be one slip away from a phrase word of FUZZY_MIN_LENGTH. */
const FUZZY_TEXT_MIN_LENGTH = FUZZY_MIN_LENGTH - 1;

/**
 * The compiled matcher of every enabled phrase at once (issue 7, Matching). Two stages in one pass over the text:
 *
 * 1. Words: a table-driven DFA over the original text. A 64 K table maps each UTF-16 code unit to a character
 *    class (folding case and accents for free, punctuation to the separator), and one lookup per character walks
 *    a trie of every phrase word. Falling off the trie lands in an absorbing state that remembers the `cancel*`
 *    prefixes already passed, so prefix words cost nothing extra. At each separator the state names the word's
 *    symbols: the exact phrase word, the long phrase words one slip away from it (precomputed), and the prefixes.
 * 2. Phrases: a trie of the phrases over word symbols (PhraseTrie). Most words are no phrase word and nothing is
 *    in progress: the word costs one comparison. Otherwise the walks in progress advance or end, and new ones begin.
 *
 * Speech-to-text slips (FUZZY_MIN_LENGTH): a text word that is itself a phrase word has its one-slip neighbours
 * among the long phrase words precomputed in its state. Any other word of six letters or more is looked up in the
 * deletion neighbourhood of the long phrase words (FuzzyIndex): L + 1 probes of an open-addressing table for a
 * word of length L, hashes computed in O(1) each, and a linear one-edit check of each hit. No edit-distance
 * automaton is built, and short words, the bulk of conversation text, never pay for it.
 *
 * Immutable once built: a new set of notifications compiles a new matcher, swapped in with one assignment.
 */
export class PhraseMatcher {
  private readonly fold = foldTableOf();
  private readonly classes: Uint16Array;
  private readonly width: number;
  /** Row offsets: `next[state + class]` is the next state's row offset. */
  private readonly next: Int32Array;
  /** Per state (row offset / width): the slice of `symbolList` a word ending there matches. */
  private readonly symbolStart: Int32Array;
  private readonly symbolList: Int32Array;
  /** Per state: whether a word ending there is not itself a phrase word, so long ones are checked for slips. */
  private readonly fuzzyAtEnd: Uint8Array;
  /** Per state: whether a word ending there starts a phrase (else, with no walk in progress, it is skipped). */
  private readonly startsAtEnd: Uint8Array;
  private readonly fuzzy: FuzzyIndex;
  private readonly phrases: PhraseTrie;
  // Scratch, reused by every call (a matcher runs one text at a time; JavaScript is single-threaded).
  private readonly wordSymbols: Int32Array;

  readonly patternCount: number;

  private constructor(patterns: readonly PhrasePattern[]) {
    this.patternCount = patterns.length;
    const symbols = new SymbolTable(patterns);
    this.phrases = new PhraseTrie(patterns, symbols);
    const letterClasses = classesOf(symbols.texts);
    this.width = FIRST_LETTER_CLASS + letterClasses.size;
    this.classes = classTable(this.fold, letterClasses);
    this.fuzzy = new FuzzyIndex(symbols);
    const automaton = buildWordAutomaton(symbols, letterClasses, this.width, this.fuzzy);
    this.next = automaton.next;
    this.symbolStart = automaton.symbolStart;
    this.symbolList = automaton.symbolList;
    this.fuzzyAtEnd = automaton.fuzzyAtEnd;
    this.startsAtEnd = Uint8Array.from(automaton.fuzzyAtEnd, (_flag, state) => {
      for (let index = automaton.symbolStart[state] as number; index < (automaton.symbolStart[state + 1] as number); index++) {
        if (this.phrases.starts(automaton.symbolList[index] as number)) {
          return 1;
        }
      }
      return 0;
    });
    this.wordSymbols = new Int32Array(Math.max(8, symbols.texts.length));
  }

  static compile(patterns: readonly PhrasePattern[]): PhraseMatcher {
    return new PhraseMatcher(patterns);
  }

  /** Every match, in the reference matcher's order. */
  match(text: string): PhraseMatch[] {
    const matches: PhraseMatch[] = [];
    this.scan(text, (patternId, start, end) => matches.push({ patternId, start, end }));
    return matches.sort((left, right) => left.end - right.end || left.start - right.start || left.patternId - right.patternId);
  }

  /** Calls `sink` for each match as it ends: no allocation for a text that matches nothing. */
  scan(text: string, sink: MatchSink): void {
    const classes = this.classes;
    const next = this.next;
    const length = text.length;
    this.phrases.reset();
    let state = ROOT;
    let start = -1;
    for (let index = 0; index < length; index++) {
      const characterClass = classes[text.charCodeAt(index)] as number;
      if (characterClass > IGNORED) {
        if (start < 0) {
          start = index;
        }
        state = next[state + characterClass] as number;
      } else if (characterClass === SEPARATOR && start >= 0) {
        this.endWord(text, state, start, index, sink);
        state = ROOT;
        start = -1;
      }
    }
    if (start >= 0) {
      this.endWord(text, state, start, length, sink);
    }
  }

  private endWord(text: string, state: number, start: number, end: number, sink: MatchSink): void {
    const stateIndex = state / this.width;
    const from = this.symbolStart[stateIndex] as number;
    const to = this.symbolStart[stateIndex + 1] as number;
    const checkFuzzy = this.fuzzyAtEnd[stateIndex] === 1 && end - start >= FUZZY_TEXT_MIN_LENGTH && this.fuzzy.size > 0;
    if (!checkFuzzy && this.startsAtEnd[stateIndex] === 0 && this.phrases.idle()) {
      return;
    }
    const symbols = this.wordSymbols;
    let count = 0;
    for (let index = from; index < to; index++) {
      symbols[count++] = this.symbolList[index] as number;
    }
    if (checkFuzzy) {
      count = this.fuzzy.lookupText(this.fold, text, start, end, symbols, count);
    }
    this.phrases.advance(symbols, count, start, end, sink);
  }
}

function includes(values: Int32Array, count: number, value: number): boolean {
  for (let index = 0; index < count; index++) {
    if (values[index] === value) {
      return true;
    }
  }
  return false;
}

/** Distinct phrase words ("symbols"): an exact word and a `word*` prefix are different symbols. */
class SymbolTable {
  readonly texts: string[] = [];
  readonly prefix: boolean[] = [];
  private readonly ids = new Map<string, number>();

  constructor(patterns: readonly PhrasePattern[]) {
    for (const pattern of patterns) {
      for (const word of pattern.words) {
        this.idOf(word);
      }
    }
  }

  idOf(word: PhraseWord): number {
    const key = `${word.prefix ? "*" : "="}${word.text}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(key, id);
      this.texts.push(word.text);
      this.prefix.push(word.prefix);
    }
    return id;
  }
}

/**
 * The phrases as a trie over word symbols, walked word by word (Aho-Corasick's trie; the failure links are replaced
 * by starting a walk at every word, because a word may be several symbols at once: exact, slipped, prefixes). Each
 * active walk is a distinct trie node, so a common first word ("i", "the") costs one walk however many phrases
 * start with it. Children are found in an open-addressing table keyed by (node, symbol).
 */
class PhraseTrie {
  private readonly rootChild: Int32Array;
  private readonly table: PairTable;
  private readonly hasChildren: Uint8Array;
  private readonly outputStart: Int32Array;
  private readonly outputs: Int32Array;
  private activeNode: Int32Array;
  private activeStart: Int32Array;
  private nextNode: Int32Array;
  private nextStart: Int32Array;
  private activeCount = 0;

  constructor(patterns: readonly PhrasePattern[], symbols: SymbolTable) {
    const children: Map<number, number>[] = [new Map<number, number>()];
    const outputs: number[][] = [[]];
    for (const pattern of patterns) {
      let node = 0;
      for (const word of pattern.words) {
        const symbol = symbols.idOf(word);
        let child = children[node]?.get(symbol);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          outputs.push([]);
          children[node]?.set(symbol, child);
        }
        node = child;
      }
      outputs[node]?.push(pattern.id);
    }
    this.rootChild = new Int32Array(symbols.texts.length).fill(-1);
    for (const [symbol, child] of children[0] ?? []) {
      this.rootChild[symbol] = child;
    }
    this.table = new PairTable(children);
    this.hasChildren = Uint8Array.from(children, (map) => (map.size > 0 ? 1 : 0));
    this.outputStart = new Int32Array(children.length + 1);
    const flat: number[] = [];
    outputs.forEach((ids, node) => {
      this.outputStart[node] = flat.length;
      flat.push(...ids);
    });
    this.outputStart[children.length] = flat.length;
    this.outputs = Int32Array.from(flat);
    // Each trie node is active at most once per word: the node count bounds the walks.
    this.activeNode = new Int32Array(children.length);
    this.activeStart = new Int32Array(children.length);
    this.nextNode = new Int32Array(children.length);
    this.nextStart = new Int32Array(children.length);
  }

  reset(): void {
    this.activeCount = 0;
  }

  /** Whether some phrase starts with this symbol. */
  starts(symbol: number): boolean {
    return (this.rootChild[symbol] as number) >= 0;
  }

  idle(): boolean {
    return this.activeCount === 0;
  }

  /** One word, matching `count` symbols: walks in progress go on or end, walks starting here begin. */
  advance(symbols: Int32Array, count: number, start: number, end: number, sink: MatchSink): void {
    let nextCount = 0;
    const nextNode = this.nextNode;
    const nextStart = this.nextStart;
    for (let walk = 0; walk < this.activeCount; walk++) {
      const node = this.activeNode[walk] as number;
      const walkStart = this.activeStart[walk] as number;
      for (let index = 0; index < count; index++) {
        const child = this.table.find(node, symbols[index] as number);
        if (child >= 0) {
          this.emit(child, walkStart, end, sink);
          if (this.hasChildren[child] === 1) {
            nextNode[nextCount] = child;
            nextStart[nextCount++] = walkStart;
          }
        }
      }
    }
    for (let index = 0; index < count; index++) {
      const child = this.rootChild[symbols[index] as number] as number;
      if (child >= 0) {
        this.emit(child, start, end, sink);
        if (this.hasChildren[child] === 1) {
          nextNode[nextCount] = child;
          nextStart[nextCount++] = start;
        }
      }
    }
    this.nextNode = this.activeNode;
    this.nextStart = this.activeStart;
    this.activeNode = nextNode;
    this.activeStart = nextStart;
    this.activeCount = nextCount;
  }

  private emit(node: number, start: number, end: number, sink: MatchSink): void {
    const to = this.outputStart[node + 1] as number;
    for (let index = this.outputStart[node] as number; index < to; index++) {
      sink(this.outputs[index] as number, start, end);
    }
  }
}

/** (node, symbol) → child in open addressing: a probe is a few typed-array reads. */
class PairTable {
  private readonly nodes: Int32Array;
  private readonly symbols: Int32Array;
  private readonly children: Int32Array;
  private readonly mask: number;

  constructor(children: readonly Map<number, number>[]) {
    const size = children.reduce((total, map) => total + map.size, 0);
    let capacity = 16;
    while (capacity < size * 2) {
      capacity *= 2;
    }
    this.mask = capacity - 1;
    this.nodes = new Int32Array(capacity).fill(-1);
    this.symbols = new Int32Array(capacity);
    this.children = new Int32Array(capacity);
    children.forEach((map, node) => {
      for (const [symbol, child] of map) {
        let slot = this.home(node, symbol);
        while (this.nodes[slot] !== -1) {
          slot = (slot + 1) & this.mask;
        }
        this.nodes[slot] = node;
        this.symbols[slot] = symbol;
        this.children[slot] = child;
      }
    });
  }

  find(node: number, symbol: number): number {
    let slot = this.home(node, symbol);
    for (;;) {
      const stored = this.nodes[slot] as number;
      if (stored === -1) {
        return -1;
      }
      if (stored === node && this.symbols[slot] === symbol) {
        return this.children[slot] as number;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private home(node: number, symbol: number): number {
    return ((Math.imul(node, 0x9e3779b1) ^ Math.imul(symbol, 0x85ebca6b)) >>> 0) & this.mask;
  }
}

/** Each folded letter used by a phrase word gets a class of its own; every other letter is OTHER_CLASS. */
function classesOf(texts: readonly string[]): Map<number, number> {
  const classes = new Map<number, number>();
  for (const text of texts) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (!classes.has(code)) {
        classes.set(code, FIRST_LETTER_CLASS + classes.size);
      }
    }
  }
  return classes;
}

function classTable(fold: Uint16Array, letterClasses: Map<number, number>): Uint16Array {
  const table = new Uint16Array(65_536);
  for (let unit = 0; unit < 65_536; unit++) {
    const folded = fold[unit] as number;
    table[unit] = folded === SEPARATOR || folded === IGNORED ? folded : (letterClasses.get(folded) ?? OTHER_CLASS);
  }
  return table;
}

interface WordAutomaton {
  next: Int32Array;
  symbolStart: Int32Array;
  symbolList: Int32Array;
  fuzzyAtEnd: Uint8Array;
}

function buildTrie(symbols: SymbolTable, letterClasses: Map<number, number>): TrieNode[] {
  const nodes: TrieNode[] = [{ children: new Map(), exact: -1, prefixes: [] }];
  symbols.texts.forEach((text, symbol) => {
    let node = 0;
    for (let index = 0; index < text.length; index++) {
      const characterClass = letterClasses.get(text.charCodeAt(index)) as number;
      let child = nodes[node]?.children.get(characterClass);
      if (child === undefined) {
        child = nodes.length;
        nodes.push({ children: new Map(), exact: -1, prefixes: [] });
        nodes[node]?.children.set(characterClass, child);
      }
      node = child;
    }
    const end = nodes[node] as TrieNode;
    if (symbols.prefix[symbol]) {
      end.prefixes.push(symbol);
    } else {
      end.exact = symbol;
    }
  });
  return nodes;
}

/**
 * The same trie numbered level by level: the rows every word walks first (the root's children and theirs) sit
 * together at the front of the table, so they stay in the CPU cache while the text streams through.
 */
function breadthFirst(nodes: readonly TrieNode[]): TrieNode[] {
  const order = [0];
  for (let index = 0; index < order.length; index++) {
    order.push(...(nodes[order[index] as number] as TrieNode).children.values());
  }
  const renumbered = new Int32Array(nodes.length);
  order.forEach((old, position) => {
    renumbered[old] = position;
  });
  return order.map((old) => {
    const node = nodes[old] as TrieNode;
    return { exact: node.exact, prefixes: node.prefixes, children: new Map([...node.children].map(([characterClass, child]) => [characterClass, renumbered[child] as number])) };
  });
}

interface TrieNode {
  children: Map<number, number>;
  exact: number;
  /** The `word*` symbols whose prefix this node's letters start with (its own included). */
  prefixes: number[];
}

function buildWordAutomaton(symbols: SymbolTable, letterClasses: Map<number, number>, width: number, fuzzy: FuzzyIndex): WordAutomaton {
  const nodes = breadthFirst(buildTrie(symbols, letterClasses));
  // Children come after their parent, so one pass in index order inherits the prefixes passed on the way.
  for (const node of nodes) {
    for (const child of node.children.values()) {
      const childNode = nodes[child] as TrieNode;
      childNode.prefixes = [...node.prefixes, ...childNode.prefixes];
    }
  }
  // One absorbing "fell off the trie" state per distinct set of prefixes passed.
  const deadStates = new Map<string, { index: number; prefixes: number[] }>();
  const deadOf = nodes.map((node) => {
    const key = node.prefixes.join(",");
    let dead = deadStates.get(key);
    if (!dead) {
      dead = { index: nodes.length + deadStates.size, prefixes: node.prefixes };
      deadStates.set(key, dead);
    }
    return dead.index;
  });
  const stateCount = nodes.length + deadStates.size;
  const next = new Int32Array(stateCount * width);
  nodes.forEach((node, index) => {
    const row = index * width;
    const dead = (deadOf[index] as number) * width;
    next[row + IGNORED] = row;
    for (let characterClass = OTHER_CLASS; characterClass < width; characterClass++) {
      const child = node.children.get(characterClass);
      next[row + characterClass] = child === undefined ? dead : child * width;
    }
  });
  for (const dead of deadStates.values()) {
    next.fill(dead.index * width, dead.index * width, (dead.index + 1) * width);
  }
  const lists: number[][] = nodes.map((node) => (node.exact < 0 ? node.prefixes : [...new Set([node.exact, ...fuzzy.neighboursOf(symbols.texts[node.exact] as string), ...node.prefixes])]));
  const fuzzyAtEnd = new Uint8Array(stateCount).fill(1);
  nodes.forEach((node, index) => {
    fuzzyAtEnd[index] = node.exact < 0 ? 1 : 0;
  });
  for (const dead of deadStates.values()) {
    lists[dead.index] = dead.prefixes;
  }
  const symbolStart = new Int32Array(stateCount + 1);
  const flat: number[] = [];
  for (let state = 0; state < stateCount; state++) {
    symbolStart[state] = flat.length;
    flat.push(...(lists[state] ?? []));
  }
  symbolStart[stateCount] = flat.length;
  return { next, symbolStart, symbolList: Int32Array.from(flat), fuzzyAtEnd };
}

const HASH_BASE = 0x01000193;

/**
 * The long phrase words (FUZZY_MIN_LENGTH and more, not `*` prefixes) under their deletion neighbourhood: each
 * word's own hash and the hash of each of its one-letter deletions (SymSpell's idea). Two words are one edit
 * apart only if the text word or one of its deletions equals the phrase word or one of its deletions (a
 * substitution deletes the same position from both; a swap deletes neighbouring ones), so a text word of length
 * L costs L + 1 probes of an open-addressing table; deletion hashes are O(1) each from prefix hashes. A hit is
 * confirmed by a linear one-edit check, so hash collisions cost only that check.
 */
class FuzzyIndex {
  private readonly codes: Uint16Array[] = [];
  private readonly longest: number;
  private readonly table: HashTable;
  private readonly buffer: Uint16Array;
  private readonly prefixHashes: Int32Array;
  private readonly powers: Int32Array;
  private neighbourScratch: Int32Array | undefined;
  private readonly recent: WordCache;
  readonly size: number;

  constructor(symbols: SymbolTable) {
    const entries = new Map<number, number[]>();
    let longest = 0;
    let size = 0;
    symbols.texts.forEach((text, symbol) => {
      this.codes[symbol] = Uint16Array.from(text, (character) => character.charCodeAt(0));
      if (!symbols.prefix[symbol] && text.length >= FUZZY_MIN_LENGTH) {
        size += 1;
        longest = Math.max(longest, text.length);
      }
    });
    this.size = size;
    this.longest = longest;
    this.buffer = new Uint16Array(longest + 2);
    this.prefixHashes = new Int32Array(longest + 3);
    this.powers = new Int32Array(longest + 3);
    this.powers[0] = 1;
    for (let index = 1; index < this.powers.length; index++) {
      this.powers[index] = Math.imul(this.powers[index - 1] as number, HASH_BASE);
    }
    symbols.texts.forEach((text, symbol) => {
      if (symbols.prefix[symbol] || text.length < FUZZY_MIN_LENGTH) {
        return;
      }
      const codes = this.codes[symbol] as Uint16Array;
      this.hashPrefixes(codes, codes.length);
      addEntry(entries, this.wholeKey(codes.length), symbol);
      for (let deleted = 0; deleted < codes.length; deleted++) {
        addEntry(entries, this.deletionKey(codes.length, deleted), symbol);
      }
    });
    this.table = new HashTable(entries);
    this.recent = new WordCache(longest + 1);
  }

  /** The long phrase words one edit away from this phrase word (not itself): precomputed for exact words. */
  neighboursOf(text: string): number[] {
    if (this.size === 0 || text.length < FUZZY_TEXT_MIN_LENGTH || text.length > this.longest + 1) {
      return [];
    }
    const codes = Uint16Array.from(text, (character) => character.charCodeAt(0));
    this.neighbourScratch ??= new Int32Array(Math.max(8, this.codes.length));
    const found = this.neighbourScratch;
    const count = this.lookup(codes, codes.length, found, 0);
    return Array.from(found.subarray(0, count)).filter((symbol) => !sameCodes(this.codes[symbol] as Uint16Array, codes));
  }

  /** Adds to `found` the long phrase words one slip away from the text's word [start, end). */
  lookupText(fold: Uint16Array, text: string, start: number, end: number, found: Int32Array, count: number): number {
    const buffer = this.buffer;
    const limit = this.longest + 1;
    let length = 0;
    for (let index = start; index < end; index++) {
      const folded = fold[text.charCodeAt(index)] as number;
      if (folded !== IGNORED) {
        if (length === limit) {
          return count;
        }
        buffer[length++] = folded;
      }
    }
    if (length < FUZZY_TEXT_MIN_LENGTH) {
      return count;
    }
    return this.lookup(buffer, length, found, count);
  }

  private lookup(word: Uint16Array, length: number, found: Int32Array, count: number): number {
    this.hashPrefixes(word, length);
    const whole = this.wholeKey(length);
    const cached = this.recent.find(whole, word, length);
    if (cached >= 0) {
      return this.recent.copy(cached, found, count);
    }
    let total = this.confirm(whole, word, length, found, count);
    for (let deleted = 0; deleted < length; deleted++) {
      total = this.confirm(this.deletionKey(length, deleted), word, length, found, total);
    }
    this.recent.remember(whole, word, length, found, count, total);
    return total;
  }

  private confirm(key: number, word: Uint16Array, length: number, found: Int32Array, count: number): number {
    const table = this.table;
    if (!table.mayHave(key)) {
      return count;
    }
    const slot = table.find(key);
    if (slot < 0) {
      return count;
    }
    let total = count;
    for (let index = table.start[slot] as number; index < (table.start[slot + 1] as number); index++) {
      const symbol = table.symbols[index] as number;
      const codes = this.codes[symbol] as Uint16Array;
      if (!includes(found, total, symbol) && oneEditApart(word, length, codes, codes.length)) {
        found[total++] = symbol;
      }
    }
    return total;
  }

  private hashPrefixes(codes: Uint16Array, length: number): void {
    const hashes = this.prefixHashes;
    hashes[0] = 0;
    for (let index = 0; index < length; index++) {
      hashes[index + 1] = (Math.imul(hashes[index] as number, HASH_BASE) + (codes[index] as number)) | 0;
    }
  }

  /** The hash of the whole word whose prefix hashes are loaded, with its length. */
  private wholeKey(length: number): number {
    return withLength(this.prefixHashes[length] as number, length);
  }

  /** The hash of the loaded word without its letter at `deleted`: prefix · B^(rest) + the rest. */
  private deletionKey(length: number, deleted: number): number {
    const hashes = this.prefixHashes;
    const power = this.powers[length - 1 - deleted] as number;
    const rest = ((hashes[length] as number) - Math.imul(hashes[deleted + 1] as number, power)) | 0;
    return withLength((Math.imul(hashes[deleted] as number, power) + rest) | 0, length - 1);
  }
}

function withLength(hash: number, length: number): number {
  return (hash ^ Math.imul(length, 0x9e3779b1)) | 0;
}

function addEntry(entries: Map<number, number[]>, key: number, symbol: number): void {
  const bucket = entries.get(key);
  if (!bucket) {
    entries.set(key, [symbol]);
  } else if (!bucket.includes(symbol)) {
    bucket.push(symbol);
  }
}

/**
 * The answers of the last lookups, direct-mapped by the word's hash and compared letter by letter (so a collision
 * only costs a lookup). Conversation text repeats its words (Zipf): "account", "delivery", "tomorrow" are looked
 * up once, not at every occurrence. An answer of more than MAXIMUM_SYMBOLS phrase words is not kept.
 */
class WordCache {
  private static readonly SLOTS = 16_384;
  private static readonly MAXIMUM_SYMBOLS = 3;
  /** 0: empty; else the word's length + 1. */
  private readonly lengths = new Uint8Array(WordCache.SLOTS);
  private readonly letters: Uint16Array;
  private readonly counts = new Uint8Array(WordCache.SLOTS);
  private readonly symbols = new Int32Array(WordCache.SLOTS * WordCache.MAXIMUM_SYMBOLS);

  constructor(private readonly maximumLength: number) {
    this.letters = new Uint16Array(WordCache.SLOTS * maximumLength);
  }

  /** The slot holding this word's answer, or -1. */
  find(hash: number, word: Uint16Array, length: number): number {
    const slot = hash & (WordCache.SLOTS - 1);
    if (this.lengths[slot] !== length + 1) {
      return -1;
    }
    const base = slot * this.maximumLength;
    for (let index = 0; index < length; index++) {
      if (this.letters[base + index] !== word[index]) {
        return -1;
      }
    }
    return slot;
  }

  copy(slot: number, found: Int32Array, count: number): number {
    let total = count;
    const base = slot * WordCache.MAXIMUM_SYMBOLS;
    for (let index = 0; index < (this.counts[slot] as number); index++) {
      const symbol = this.symbols[base + index] as number;
      if (!includes(found, total, symbol)) {
        found[total++] = symbol;
      }
    }
    return total;
  }

  remember(hash: number, word: Uint16Array, length: number, found: Int32Array, from: number, to: number): void {
    if (length > this.maximumLength || length > 254 || to - from > WordCache.MAXIMUM_SYMBOLS) {
      return;
    }
    const slot = hash & (WordCache.SLOTS - 1);
    this.lengths[slot] = length + 1;
    this.letters.set(word.subarray(0, length), slot * this.maximumLength);
    this.counts[slot] = to - from;
    this.symbols.set(found.subarray(from, to), slot * WordCache.MAXIMUM_SYMBOLS);
  }
}

/** Open addressing over 32-bit keys, each slot naming a range of `symbols`, behind a 64 KB Bloom filter. */
class HashTable {
  private static readonly BLOOM_BITS = 1 << 19;
  readonly keys: Int32Array;
  private readonly bloom = new Uint32Array(HashTable.BLOOM_BITS / 32);
  readonly used: Uint8Array;
  /** Slot `i`'s symbols are `symbols[start[i]..start[i + 1])`. */
  readonly start: Int32Array;
  readonly symbols: Int32Array;
  private readonly mask: number;

  constructor(entries: Map<number, number[]>) {
    let capacity = 16;
    while (capacity < entries.size * 2) {
      capacity *= 2;
    }
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
    const slotSymbols: number[][] = Array.from({ length: capacity }, () => []);
    for (const [key, symbols] of entries) {
      const bit = key >>> 13;
      this.bloom[bit >>> 5] = (this.bloom[bit >>> 5] as number) | (1 << (bit & 31));
      let slot = this.home(key);
      while (this.used[slot] === 1) {
        slot = (slot + 1) & this.mask;
      }
      this.used[slot] = 1;
      this.keys[slot] = key;
      slotSymbols[slot] = symbols;
    }
    this.start = new Int32Array(capacity + 1);
    const flat: number[] = [];
    slotSymbols.forEach((symbols, slot) => {
      this.start[slot] = flat.length;
      flat.push(...symbols);
    });
    this.start[capacity] = flat.length;
    this.symbols = Int32Array.from(flat);
  }

  /** False when the key is surely absent: one read of a table that stays in the CPU cache. */
  mayHave(key: number): boolean {
    const bit = key >>> 13;
    return ((this.bloom[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }

  /** The slot holding `key`, or -1. */
  find(key: number): number {
    let slot = this.home(key);
    while (this.used[slot] === 1) {
      if (this.keys[slot] === key) {
        return slot;
      }
      slot = (slot + 1) & this.mask;
    }
    return -1;
  }

  private home(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
  }
}

function sameCodes(left: Uint16Array, right: Uint16Array): boolean {
  return left.length === right.length && left.every((code, index) => code === right[index]);
}

/** withinOneEdit (moments-text.ts) on code arrays, without closures: the hot path's version. */
function oneEditApart(first: Uint16Array, firstLength: number, second: Uint16Array, secondLength: number): boolean {
  if (firstLength - secondLength > 1 || secondLength - firstLength > 1) {
    return false;
  }
  const shorter = firstLength < secondLength ? firstLength : secondLength;
  let index = 0;
  while (index < shorter && first[index] === second[index]) {
    index++;
  }
  if (firstLength === secondLength) {
    if (index === firstLength || tailsEqual(first, index + 1, second, index + 1, firstLength)) {
      return true;
    }
    return index + 1 < firstLength && first[index] === second[index + 1] && first[index + 1] === second[index] && tailsEqual(first, index + 2, second, index + 2, firstLength);
  }
  return firstLength > secondLength ? tailsEqual(first, index + 1, second, index, firstLength) : tailsEqual(first, index, second, index + 1, firstLength);
}

function tailsEqual(first: Uint16Array, firstFrom: number, second: Uint16Array, secondFrom: number, firstEnd: number): boolean {
  for (let index = firstFrom, other = secondFrom; index < firstEnd; index++, other++) {
    if (first[index] !== second[other]) {
      return false;
    }
  }
  return true;
}
