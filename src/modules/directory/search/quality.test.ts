// Search quality with a floor: NDCG@10 on the evaluation set (eval/search-judgments.json), so that a change
// that makes residents find worse offers fails. `npm run eval:search` prints the figures per question.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import MiniSearch from 'minisearch';
import type { Database } from '../../../platform/db/index.js';
import type { Tenant } from '../../../platform/tenancy/index.js';
import { testDatabase } from '../../../../test/helpers/db.js';
import type { CompiledService } from '../schemas.js';
import { evaluateSearch, mean, ndcgAt, readJudgments, type QuestionScore } from './evaluation.js';
import { corpusTenant } from './test-support.js';

/** Measured 0.837 (PGlite and PostgreSQL); the floor is 90% of it. */
const FLOOR = 0.75;

describe('search quality', () => {
  let db: Database;
  let tenant: Tenant;
  let corpus: CompiledService[];
  const questions = readJudgments();
  let scores: QuestionScore[];

  before(async () => {
    db = await testDatabase();
    ({ tenant, corpus } = await corpusTenant(db));
    scores = await evaluateSearch(db, tenant.id, questions);
  });

  test('the evaluation set has at least 40 questions, each with graded judgments of real offers', () => {
    assert.ok(questions.length >= 40);
    const ids = new Set(corpus.map((s) => s.id));
    for (const q of questions) {
      const grades = Object.entries(q.judgments);
      assert.ok(
        grades.some(([, g]) => g === 3),
        `${q.id} has an offer graded 3`,
      );
      for (const [id, grade] of grades) {
        assert.ok(ids.has(id), `${q.id}: ${id} is in the corpus`);
        assert.ok([1, 2, 3].includes(grade), `${q.id}: grade ${grade}`);
      }
    }
  });

  test(`mean NDCG@10 stays at or above ${FLOOR}, also for misspellings and questions with a village`, () => {
    const of = (kind: string) =>
      mean(scores.filter((_, i) => questions[i]!.kind === kind).map((s) => s.ndcg));
    const overall = mean(scores.map((s) => s.ndcg));
    assert.ok(overall >= FLOOR, `mean NDCG@10 ${overall.toFixed(3)} < ${FLOOR}`);
    assert.ok(of('typo') >= 0.7, `misspellings ${of('typo').toFixed(3)}`);
    assert.ok(of('village') >= 0.7, `with a village ${of('village').toFixed(3)}`);
  });

  test('at least 1.3 times a plain BM25 search over the same names and descriptions', () => {
    const bm25 = new MiniSearch<{ id: string; name: string; description: string }>({
      fields: ['name', 'description'],
    });
    bm25.addAll(corpus.map((s) => ({ id: s.id, name: s.name, description: s.description ?? '' })));
    const baseline = mean(
      questions.map((q) =>
        ndcgAt(
          bm25.search(q.near ? `${q.text} ${q.near}` : q.text).map((r) => String(r.id)),
          q.judgments,
        ),
      ),
    );
    const ours = mean(scores.map((s) => s.ndcg));
    assert.ok(ours >= 1.3 * baseline, `ours ${ours.toFixed(3)}, BM25 ${baseline.toFixed(3)}`);
  });

  test('NDCG@10 is 1 for a perfect ranking and 0 for one without relevant offers', () => {
    assert.equal(ndcgAt(['a', 'b', 'c'], { a: 3, b: 2, c: 1 }), 1);
    assert.equal(ndcgAt(['x', 'y'], { a: 3 }), 0);
    assert.ok(ndcgAt(['b', 'a'], { a: 3, b: 1 }) < 1);
  });
});
