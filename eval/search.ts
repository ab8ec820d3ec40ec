// `npm run eval:search`: NDCG@10 of our search and of a plain BM25 baseline (MiniSearch over the same names and
// descriptions) on the resident questions in search-judgments.json, on a fresh in-memory PGlite with the demo
// tenant and corpus. Ends with one JSON line of figures.
import MiniSearch from 'minisearch';
import { sql } from 'drizzle-orm';
import { buchPlaces, createAreaTree, createPlaces } from '../src/modules/areas/index.js';
import { importHsds, readDemoServices } from '../src/modules/directory/index.js';
import { evaluateSearch, mean, ndcgAt, readJudgments } from '../src/modules/directory/search/evaluation.js';
import { refreshSearchIndex } from '../src/modules/directory/search/index.js';
import { openPglite, rows } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { buchAreas } from '../src/platform/demo/index.js';
import { createTenant } from '../src/platform/tenancy/index.js';

const db = await openPglite('memory://');
await migrate(db);
const tenant = await db.system(async (tx) => {
  const t = await createTenant(tx, { slug: 'buch', name: 'BUCH (Bergen, Uitgeest, Castricum, Heiloo)' });
  await createAreaTree(tx, t.id, buchAreas);
  await createPlaces(tx, t.id, buchPlaces);
  return t;
});
const corpus = await readDemoServices();
await importHsds(db, tenant.id, corpus);
await db.tenant(tenant.id, (tx) => refreshSearchIndex(tx));
const [trgm] = await rows<{ ok: boolean }>(
  db.drizzle,
  sql`select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`,
);

const questions = readJudgments();

// The baseline: BM25 (MiniSearch's default scoring) over name + description, default tokenizer, no fuzzy or
// prefix matching. A village given apart from the words is added to them, so the baseline may use it too.
const bm25 = new MiniSearch<{ id: string; name: string; description: string }>({
  fields: ['name', 'description'],
});
bm25.addAll(corpus.map((s) => ({ id: s.id, name: s.name, description: s.description ?? '' })));
const baseline = questions.map((q) => {
  const ranked = bm25.search(q.near ? `${q.text} ${q.near}` : q.text).map((r) => String(r.id));
  return ndcgAt(ranked, q.judgments);
});

// One warm-up run, then the measured one.
await evaluateSearch(db, tenant.id, questions.slice(0, 3));
const ours = await evaluateSearch(db, tenant.id, questions);

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
console.log(`\n${pad('vraag', 58)} ${'ons'.padStart(6)} ${'BM25'.padStart(6)}`);
ours.forEach((o, i) => {
  const q = questions[i]!;
  const label = `${q.id} ${q.text}${q.near ? ` (bij ${q.near})` : ''}`;
  console.log(`${pad(label, 58)} ${o.ndcg.toFixed(3).padStart(6)} ${baseline[i]!.toFixed(3).padStart(6)}`);
});
const ourMean = mean(ours.map((o) => o.ndcg));
const baseMean = mean(baseline);
const times = ours.map((o) => o.ms).sort((a, b) => a - b);
const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!;
console.log(`\n${pad('gemiddeld', 58)} ${ourMean.toFixed(3).padStart(6)} ${baseMean.toFixed(3).padStart(6)}`);
console.log(
  `verhouding ${(ourMean / baseMean).toFixed(2)}×, ${questions.length} vragen, ` +
    `zoektijd p50 ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms / p95 ${p95.toFixed(1)} ms (PGlite, 394 aanbod` +
    `${trgm?.ok ? ', pg_trgm' : ', zonder pg_trgm'})`,
);
await db.close();
console.log(
  JSON.stringify({
    eval: 'search',
    questions: questions.length,
    ndcg10: Number(ourMean.toFixed(4)),
    baseline_ndcg10: Number(baseMean.toFixed(4)),
    ratio: Number((ourMean / baseMean).toFixed(3)),
    p95_ms: Number(p95.toFixed(1)),
    pg_trgm: trgm?.ok ?? false,
  }),
);
