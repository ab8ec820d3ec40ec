// Reads a resident's question with the vocabulary: which themes and target groups it is about, whether it
// asks for the heavier kind of help, the person's age, and words the offers would use for it.
import { editDistance, lightStem, typosAllowed } from './text.js';
import { vocabulary, type TargetGroupCode, type ThemeCode, type VocabularyEntry } from './vocabulary.js';

/** Words a vocabulary phrase may leave out or a resident may add without changing the meaning. */
const fillerWords = new Set(
  (
    'ik je jij u de het een en van zich op in te om er is ben bent heb hebt heeft mijn me mij we wij ze zij ' +
    'met voor aan bij naar dat die dit wat hoe waar moet kan zijn al erg heel echt toch nou wel'
  ).split(' '),
);

interface PreparedWord {
  word: string;
  stem: string;
}

interface PreparedEntry {
  entry: VocabularyEntry;
  words: PreparedWord[];
}

function prepare(entries: VocabularyEntry[]): PreparedEntry[] {
  return entries.map((entry) => ({
    entry,
    words: entry.say
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w && !fillerWords.has(w))
      .map((word) => ({ word, stem: lightStem(word) })),
  }));
}

const prepared = prepare(vocabulary);

/** 1 same word or stem, 0.9 with a typo or a longer form, 0 no match. */
function match(typed: PreparedWord, word: PreparedWord): number {
  if (typed.word === word.word) return 1;
  if (typed.word.length < 4 || word.word.length < 4) return 0;
  if (typed.stem === word.stem) return 1;
  // The resident's word is the vocabulary word plus an ending: eenzaam → eenzaamheid is listed separately,
  // but "alleenstaande" still meets "alleenstaand".
  if (word.word.length >= 5 && typed.word.startsWith(word.word) && typed.word.length - word.word.length <= 3)
    return 0.95;
  // A compound that starts with the word: rouwverwerking, geldzorgen, taalles.
  if (word.word.length >= 4 && typed.word.startsWith(word.word) && typed.word.length - word.word.length >= 4)
    return 0.8;
  // A typo, but not in the first letter (unless two letters swapped): "vrouw" is no "rouw".
  const [a, b] = [typed.word, word.word];
  if (a[0] !== b[0] && !(a[0] === b[1] && a[1] === b[0])) return 0;
  const max = typosAllowed(Math.min(a.length, b.length));
  if (max === 0) return 0;
  if (editDistance(a, b, max) <= max) return 0.9;
  const stemMax = typosAllowed(Math.min(typed.stem.length, word.stem.length));
  if (stemMax && editDistance(typed.stem, word.stem, stemMax) <= stemMax) return 0.9;
  return 0;
}

export interface Understanding {
  /** Theme codes with how strongly the question is about them (0–1). */
  themes: Map<ThemeCode, number>;
  targetGroups: Map<TargetGroupCode, number>;
  /** The question asks for treatment, an indication or a specialist. */
  heavy: boolean;
  /** Positions of tokens that matched a vocabulary word only with a typo, with that word. */
  corrected: Map<number, string>;
  /** Words the offers use for what was recognised (VocabularyEntry.words), to search for too. */
  words: Set<string>;
  /** The person's age when the question says it: "ik ben 19", "80 jaar", "65 plus". */
  age?: number;
  /** The entries that matched, for explaining and testing. */
  matched: VocabularyEntry[];
}

/** Target groups by age, as the directory's doelgroep taxonomy uses them. */
function groupsOfAge(age: number): TargetGroupCode[] {
  if (age < 12) return ['kinderen'];
  if (age < 18) return ['jongeren', 'kinderen'];
  if (age < 28) return ['jongeren', 'volwassenen'];
  if (age < 60) return ['volwassenen'];
  return ['ouderen'];
}

function ageIn(tokens: string[]): number | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (!/^\d{1,3}$/.test(tokens[i]!)) continue;
    const n = Number(tokens[i]);
    const said =
      ['jaar', 'plus', 'plusser', 'jarige'].includes(tokens[i + 1] ?? '') ||
      ['ben', 'word', 'wordt', 'is'].includes(tokens[i - 1] ?? '');
    if (said && n >= 1 && n <= 110) return n;
  }
  return undefined;
}

const remembered = new Map<string, Understanding>();

/**
 * Matches the question's tokens (normalised, see text.ts) against the vocabulary. Residents ask the same
 * things often, so the answers for the standard vocabulary are remembered (a few thousand); they are shared,
 * so callers only read them.
 */
export function understand(tokens: string[], entries: VocabularyEntry[] = vocabulary): Understanding {
  if (entries !== vocabulary) return read(tokens, prepare(entries));
  const key = tokens.join(' ');
  let found = remembered.get(key);
  if (!found) {
    if (remembered.size >= 5000) remembered.clear();
    found = read(tokens, prepared);
    remembered.set(key, found);
  }
  return found;
}

function read(tokens: string[], list: typeof prepared): Understanding {
  const typed = tokens.map((word) => ({ word, stem: lightStem(word) }));
  const out: Understanding = {
    themes: new Map(),
    targetGroups: new Map(),
    heavy: false,
    corrected: new Map(),
    words: new Set(),
    matched: [],
  };
  for (const { entry, words } of list) {
    if (!words.length) continue;
    const used: number[] = [];
    const typos: [number, string][] = [];
    let quality = 1;
    for (const w of words) {
      let best = 0;
      let at = -1;
      typed.forEach((t, i) => {
        if (used.includes(i) || fillerWords.has(t.word)) return;
        const m = match(t, w);
        if (m > best) {
          best = m;
          at = i;
        }
      });
      if (!best) {
        quality = 0;
        break;
      }
      used.push(at);
      quality = Math.min(quality, best);
      if (typed[at]!.word !== w.word) typos.push([at, w.word]);
    }
    if (!quality) continue;
    out.matched.push(entry);
    for (const [at, word] of typos) if (!out.corrected.has(at)) out.corrected.set(at, word);
    const weight = (entry.weight ?? 1) * quality;
    (entry.themes ?? []).forEach((code, i) => {
      const w = weight * (i === 0 ? 1 : 0.7);
      out.themes.set(code, Math.max(out.themes.get(code) ?? 0, w));
    });
    for (const code of entry.groups ?? [])
      out.targetGroups.set(code, Math.max(out.targetGroups.get(code) ?? 0, weight));
    if (entry.heavy) out.heavy = true;
    for (const w of entry.words ?? []) out.words.add(w);
  }
  const age = ageIn(tokens);
  if (age !== undefined) {
    out.age = age;
    for (const code of groupsOfAge(age))
      out.targetGroups.set(code, Math.max(out.targetGroups.get(code) ?? 0, 1));
  }
  return out;
}
