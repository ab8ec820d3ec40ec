// Text helpers shared by the search index and the query side: the same normalisation on both, so that
// "Cliëntondersteuning" in an offer and "clientondersteuning" typed by a resident meet.

/** Lower case, accents removed, everything but letters and digits a space, single spaces. */
export function normalize(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokenize(input: string): string[] {
  const n = normalize(input);
  return n ? n.split(' ') : [];
}

/** PostgreSQL's Dutch stop words (dutch.stop): the text search ignores them, so we do too. */
export const dutchStopWords = new Set(
  (
    'aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge ' +
    'geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen ' +
    'maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te ' +
    'tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf ' +
    'zich zij zijn zo zonder zou'
  ).split(' '),
);

/**
 * Edit distance (Levenshtein, with a swap of two neighbouring letters as one edit: "eenzaamhied"), giving up
 * and returning max + 1 as soon as it must exceed max.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2]! + 1);
      cur[j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Typos allowed in a word of this length: none below 5 letters, one up to 8, two from 9. */
export function typosAllowed(length: number): number {
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

/** pg_trgm's trigrams of one word: "  w", " wo", …, "rd ". */
function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** pg_trgm's similarity of two words: shared trigrams over all trigrams, 0–1. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

// Endings of Dutch inflection and derivation, longest first, for a light stemmer that only has to make a
// resident's word meet the vocabulary's: schulden/schuld, vergeet/vergeten, eenzaam/eenzaamheid.
const endings = [
  'heden',
  'heid',
  'tjes',
  'tje',
  'jes',
  'je',
  'lijke',
  'lijk',
  'ende',
  'end',
  'sten',
  'ste',
  'ere',
  'er',
  'en',
  'es',
  'ig',
  'e',
  's',
  't',
  'n',
];

/** A rough Dutch stem: one ending off, a doubled last consonant single ("stapp" → "stap"), "v"/"z" for "f"/"s". */
export function lightStem(word: string): string {
  let w = word;
  for (const e of endings)
    if (w.length - e.length >= 4 && w.endsWith(e)) {
      w = w.slice(0, -e.length);
      break;
    }
  if (/([bcdfgklmnprst])\1$/.test(w)) w = w.slice(0, -1);
  return w.replace(/v$/, 'f').replace(/z$/, 's');
}
