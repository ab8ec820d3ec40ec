// Assessments: the Zelfredzaamheid-Matrix and the Positieve Gezondheid spider web at intake, progress and
// closure; the change per life domain or dimension is readable from the API; bad scores are refused per field.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Database } from '../../platform/db/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { call } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { aTeam, auditOf, countAll, registerHousehold, type Team } from './test-fixtures.js';

describe('casework: assessments', () => {
  let app: App;
  let db: Database;
  let team: Team;
  let household: Awaited<ReturnType<typeof registerHousehold>>;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
    household = await registerHousehold(app, team.sessions.lead);
  });

  const post = (body: object, who: keyof Team['sessions'] = 'lead') =>
    call(app, team.sessions[who], 'POST', `/api/v1/households/${household.id}/assessments`, body);

  test('ZRM at intake and at progress: the change per life domain is readable', async () => {
    const intake = await post({
      instrument: 'zrm',
      moment: 'intake',
      assessed_on: '2025-01-06',
      scores: { finances: 1, 'social-network': 2, housing: 4 },
    });
    assert.equal(intake.statusCode, 201, intake.body);
    assert.equal(intake.json().item_set, 'zrm-2017');
    assert.equal(intake.json().assessor.id, team.users.lead.id);
    assert.deepEqual(intake.json().scores, { finances: 1, housing: 4, 'social-network': 2 });
    assert.deepEqual(intake.json().talk_about, []);

    // The team lead does the progress assessment three months later.
    const progress = await post(
      {
        instrument: 'zrm',
        moment: 'progress',
        assessed_on: '2025-04-07',
        scores: { finances: 3, 'social-network': 4, housing: 4 },
      },
      'teamLead',
    );
    assert.equal(progress.statusCode, 201, progress.body);

    const res = await call(app, team.sessions.lead, 'GET', `/api/v1/households/${household.id}/assessments`);
    assert.equal(res.statusCode, 200, res.body);
    const list = res.json();
    assert.deepEqual(
      list.assessments.map((a: { moment: string; assessed_on: string }) => `${a.moment} ${a.assessed_on}`),
      ['intake 2025-01-06', 'progress 2025-04-07'],
    );
    const zrm = list.changes.filter((c: { instrument: string }) => c.instrument === 'zrm');
    const byCode = Object.fromEntries(
      zrm.map(
        (c: {
          code: string;
          label: string;
          first: { score: number };
          latest: { score: number };
          change: number;
        }) => [
          c.code,
          `${c.label}: ${c.first.score} → ${c.latest.score} (${c.change > 0 ? '+' : ''}${c.change})`,
        ],
      ),
    );
    assert.deepEqual(byCode, {
      finances: 'Financiën: 1 → 3 (+2)',
      housing: 'Huisvesting: 4 → 4 (0)',
      'social-network': 'Sociaal netwerk: 2 → 4 (+2)',
    });
    const finances = zrm.find((c: { code: string }) => c.code === 'finances');
    assert.deepEqual(
      finances.series.map((p: { moment: string; score: number }) => [p.moment, p.score]),
      [
        ['intake', 1],
        ['progress', 3],
      ],
    );

    // Recording and reading are audited.
    const entries = await auditOf(
      db,
      team.tenant,
      sql`record_type in ('assessment', 'household-assessments')`,
    );
    assert.deepEqual(
      entries.map((e) => `${e.action} ${e.record_type}`),
      ['create assessment', 'create assessment', 'read household-assessments'],
    );
    assert.equal(entries[2]!.purpose, 'GET /api/v1/households/:id/assessments');
  });

  test('Positieve Gezondheid: six dimensions 0–10, per member, with "hier wil ik over praten"', async () => {
    const maryam = household.members[0]!.id;
    const res = await post({
      instrument: 'positive-health',
      moment: 'intake',
      person_id: maryam,
      scores: {
        'body-functions': 6,
        'mental-wellbeing': 3,
        meaning: 5,
        'quality-of-life': 4,
        participation: 2,
        'daily-functioning': 7,
      },
      talk_about: ['participation', 'mental-wellbeing'],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().item_set, 'positive-health-6');
    assert.equal(res.json().person_id, maryam);
    assert.deepEqual(res.json().talk_about, ['mental-wellbeing', 'participation']);
    assert.equal(res.json().assessed_on.length, 10, 'today by default');

    const list = (
      await call(app, team.sessions.lead, 'GET', `/api/v1/households/${household.id}/assessments`)
    ).json();
    const health = list.changes.filter((c: { instrument: string }) => c.instrument === 'positive-health');
    assert.equal(health.length, 6);
    assert.ok(
      health.every((c: { person_id: string; change: number }) => c.person_id === maryam && c.change === 0),
    );
  });

  test('bad scores are refused per field in Dutch, and nothing is saved', async () => {
    const before = await countAll(db, team.tenant);
    const fields = async (body: object) =>
      Object.fromEntries(
        assertProblem(await post(body), 400, 'validation').errors!.map((e) => [e.field, e.message]),
      );

    const zrm = await fields({
      instrument: 'zrm',
      moment: 'progress',
      scores: { finances: 6, housing: 0, 'social-network': 2.5, happiness: 3 },
      talk_about: ['finances'],
    });
    assert.equal(
      zrm['scores.finances'],
      'Een score voor de Zelfredzaamheid-Matrix is een heel getal van 1 tot en met 5.',
    );
    assert.equal(zrm['scores.housing'], zrm['scores.finances']);
    assert.equal(zrm['scores.social-network'], zrm['scores.finances']);
    assert.match(
      zrm['scores.happiness']!,
      /^Onbekend onderdeel "happiness" voor de Zelfredzaamheid-Matrix\. Kies uit: finances, work-education/,
    );
    assert.equal(
      zrm.talk_about,
      'Alleen bij Positieve Gezondheid geeft de inwoner aan waarover hij of zij wil praten.',
    );

    const health = await fields({
      instrument: 'positive-health',
      moment: 'intake',
      scores: { meaning: 11, finances: 3 },
      talk_about: ['participation'],
      assessed_on: '2999-01-01',
      person_id: team.users.lead.id,
    });
    assert.equal(
      health['scores.meaning'],
      'Een score voor Positieve Gezondheid is een heel getal van 0 tot en met 10.',
    );
    assert.match(health['scores.finances']!, /^Onbekend onderdeel "finances" voor Positieve Gezondheid/);
    assert.equal(health['talk_about.0'], '"participation" heeft geen score in deze meting.');
    assert.equal(health.assessed_on, 'De datum van de meting kan niet in de toekomst liggen.');
    assert.equal(health.person_id, 'Deze persoon hoort niet bij dit huishouden.');

    assert.equal(
      (await fields({ instrument: 'zrm', moment: 'intake', scores: {} })).scores,
      'Geef minstens 1 score.',
    );
    const shape = await fields({ instrument: 'gallup', moment: 'halfway', scores: { finances: 'good' } });
    assert.equal(shape.instrument, 'Kies het meetinstrument: zrm of positive-health.');
    assert.equal(shape.moment, 'Kies het moment: intake, progress of closure.');
    assert.equal(shape['scores.finances'], 'Deze waarde klopt niet.');

    assert.deepEqual(await countAll(db, team.tenant), before);
  });

  test('the item sets are listed with their codes, names and ranges (no criteria texts)', async () => {
    const res = await call(app, team.sessions.colleague, 'GET', '/api/v1/assessment-instruments');
    assert.equal(res.statusCode, 200, res.body);
    const [zrm, health] = res.json().item_sets;
    assert.equal(zrm.id, 'zrm-2017');
    assert.equal(zrm.items.length, 13);
    assert.deepEqual(
      zrm.levels.map((l: { score: number; label: string }) => `${l.score} ${l.label}`),
      [
        '1 Acute problematiek',
        '2 Niet zelfredzaam',
        '3 Beperkt zelfredzaam',
        '4 Voldoende zelfredzaam',
        '5 Volledig zelfredzaam',
      ],
    );
    assert.deepEqual(
      health.items.map((i: { code: string }) => i.code),
      [
        'body-functions',
        'mental-wellbeing',
        'meaning',
        'quality-of-life',
        'participation',
        'daily-functioning',
      ],
    );
    assert.equal(health.talk_flag, true);
  });
});
