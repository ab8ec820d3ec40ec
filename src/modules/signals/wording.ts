// "Similar wording" for collective signals. Descriptions are sealed at rest, so the database cannot compare
// them (pg_trgm would need the plain text in a column); the few candidates of one category, area and time
// window are opened and compared here instead. Reporters word the same worry differently ("eenzaam",
// "eenzame", "vereenzaming"), so words are cut to a short stem and compared as sets.

const stopwords = new Set(
  `aan al alle alleen als altijd ben bij dan dat de deze die dit doen door dus een eens en er ge geen had heb
  hebben heeft hem het hier hij hoe hun ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar
  niet niets nog nu of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren
  was wat we wel werd wezen wie wij wil worden wordt zal ze zei zelf zich zij zijn zo zonder zou heel erg
  steeds sinds weken week maanden laatste laatst mensen iemand straat buurt wijk`.split(/\s+/),
);

const STEM_LENGTH = 5;

/** The stems of the meaningful words of a text: lower case, no accents, no stop words, short words dropped. */
export function stems(text: string): Set<string> {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4 && !stopwords.has(w));
  return new Set(words.map((w) => w.slice(0, STEM_LENGTH)));
}

/** Overlap coefficient |A∩B| / min(|A|,|B|): a short report that says the same as a long one still matches. */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** Two reports of one category and area are about the same theme when they share enough of their words. */
export const SIMILAR_AT = 0.3;

export function similar(a: Set<string>, b: Set<string>): boolean {
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  // One shared word in two long texts is chance; two, or a third of the shorter text, is a theme.
  return shared >= 2 || (shared >= 1 && overlap(a, b) >= SIMILAR_AT);
}

/** Words that many of a cluster's reports use: a theme label that cannot single out one report. */
export function commonWords(texts: string[], atLeast: number, limit = 4): string[] {
  const counts = new Map<string, { n: number; word: string }>();
  for (const t of texts) {
    const seen = new Set<string>();
    for (const w of t
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)) {
      if (w.length < 4 || stopwords.has(w)) continue;
      const stem = w.slice(0, STEM_LENGTH);
      if (seen.has(stem)) continue;
      seen.add(stem);
      const c = counts.get(stem) ?? { n: 0, word: w };
      c.n++;
      counts.set(stem, c);
    }
  }
  return [...counts.values()]
    .filter((c) => c.n >= atLeast)
    .sort((a, b) => b.n - a.n || a.word.localeCompare(b.word))
    .slice(0, limit)
    .map((c) => c.word);
}
