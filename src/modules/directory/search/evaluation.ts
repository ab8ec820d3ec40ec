// Search quality: NDCG@10 of our search over graded judgments (eval/search-judgments.json), shared by
// `npm run eval:search` and the quality test that keeps a floor under it.
import fs from 'node:fs';
import type { Database } from '../../../platform/db/index.js';
import { searchServices } from './index.js';

export interface JudgedQuestion {
  id: string;
  kind: string;
  text: string;
  near?: string;
  village?: string;
  /** Service id → grade 1–3 (absent: 0). */
  judgments: Record<string, number>;
}

export const judgmentsFile = new URL('../../../../eval/search-judgments.json', import.meta.url);

export function readJudgments(): JudgedQuestion[] {
  return (JSON.parse(fs.readFileSync(judgmentsFile, 'utf8')) as { questions: JudgedQuestion[] }).questions;
}

/** Normalised discounted cumulative gain of a ranking over the first k places (gain 2^grade − 1). */
export function ndcgAt(ranked: string[], judgments: Record<string, number>, k = 10): number {
  const dcg = (grades: number[]) =>
    grades.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(judgments).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => judgments[id] ?? 0)) / ideal;
}

export interface QuestionScore {
  id: string;
  text: string;
  ndcg: number;
  ms: number;
}

/** Our search's top 10 for every question, scored. */
export async function evaluateSearch(
  db: Database,
  tenantId: string,
  questions: JudgedQuestion[],
): Promise<QuestionScore[]> {
  const out: QuestionScore[] = [];
  for (const q of questions) {
    const started = performance.now();
    const result = await db.tenant(tenantId, (tx) =>
      searchServices(tx, { text: q.text, near: q.near, perPage: 10 }),
    );
    const ms = performance.now() - started;
    out.push({
      id: q.id,
      text: q.text,
      ms,
      ndcg: ndcgAt(
        result.hits.map((h) => h.service.id),
        q.judgments,
      ),
    });
  }
  return out;
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);
