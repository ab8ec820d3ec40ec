// Consent records and hasConsent for other modules; retention per record type with the scan that anonymises
// closed cases and leaves deletion records (fake clock); the team views that respect who works on what; and
// the audit events an administrator reads to show who opened a file.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import { rows, type Database } from '../../platform/db/index.js';
import { createScheduler, fakeClock } from '../../platform/jobs/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { call } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { hasConsent } from './consent.js';
import { dutchDate } from './dates.js';
import { registerCaseworkJobs, scanRetention } from './jobs.js';
import { REMOVED_TEXT } from './retention.js';
import {
  aHouseholdBody,
  aSupportRequest,
  aTeam,
  auditOf,
  registerHousehold,
  stopCaseworkScans,
  type Team,
} from './test-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const MONTH = 31 * DAY;

describe('casework: consent, retention, team views and audit events', () => {
  let app: App;
  let db: Database;
  let config: Config;
  let team: Team;

  before(async () => {
    ({ app, db, config } = await testApp());
    team = await aTeam(app, db);
  });

  test('a consent counts for its partner, purpose, scope and period, until it is withdrawn', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const url = `/api/v1/households/${household.id}/consents`;
    const today = dutchDate(new Date());
    const until = dutchDate(new Date(Date.now() + 30 * DAY));
    const post = (body: object) => call(app, team.sessions.lead, 'POST', url, body);

    const backwards = await post({
      partner: 'school:de-branding',
      purpose: 'case-conference',
      scopes: ['plan'],
      valid_from: until,
      valid_until: today,
    });
    assert.equal(assertProblem(backwards, 400, 'validation').errors![0]!.field, 'valid_until');
    assert.equal(
      assertProblem(await post({ partner: 'x', purpose: 'y', scopes: ['everything'] }), 400, 'validation')
        .errors![0]!.field,
      'scopes.0',
    );
    assertProblem(
      await call(app, team.sessions.colleague, 'POST', url, { partner: 'x', purpose: 'y', scopes: ['plan'] }),
      403,
      'forbidden',
    );

    const res = await post({
      person_id: household.members[0]!.id,
      partner: 'school:de-branding',
      purpose: 'case-conference',
      scopes: ['plan', 'contact-details'],
      valid_until: until,
    });
    assert.equal(res.statusCode, 201, res.body);
    const consent = res.json().consents[0];
    assert.equal(consent.in_force, true);
    assert.equal(consent.valid_from, today);

    const check = (partner: string, purpose: string, at: Date, scope?: 'plan' | 'assessments') =>
      db.tenant(team.tenant.id, (tx) => hasConsent(tx, household.id, partner, purpose, at, scope));
    assert.equal(await check('school:de-branding', 'case-conference', new Date()), true);
    assert.equal(await check('school:de-branding', 'case-conference', new Date(), 'plan'), true);
    assert.equal(await check('school:de-branding', 'case-conference', new Date(), 'assessments'), false);
    assert.equal(await check('school:de-branding', 'referral', new Date()), false);
    assert.equal(await check('huisarts:mulder', 'case-conference', new Date()), false);
    assert.equal(
      await check('school:de-branding', 'case-conference', new Date(Date.now() + 32 * DAY)),
      false,
    );
    assert.equal(await check('school:de-branding', 'case-conference', new Date(Date.now() - 2 * DAY)), false);

    const withdrawn = await call(app, team.sessions.lead, 'DELETE', `${url}/${consent.id}`);
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().consents[0].in_force, false);
    assert.equal(await check('school:de-branding', 'case-conference', new Date(Date.now() + 1000)), false);
    assert.equal(
      await check('school:de-branding', 'case-conference', new Date(Date.now() - 60_000)),
      true,
      'history stays true',
    );
    assertProblem(await call(app, team.sessions.lead, 'DELETE', `${url}/${consent.id}`), 404, 'not_found');
  });

  test('retention: the scan anonymises a closed case per record type when its time is up and leaves deletion records (fake clock)', async () => {
    const own = await aTeam(app, db, { caseworkRetentionMonths: { 'support-request': 12 } });
    const household = await registerHousehold(
      app,
      own.sessions.lead,
      aHouseholdBody({
        members: [
          {
            given_name: 'Milena',
            family_name: 'Kovač',
            birth_date: '1990-06-15',
            bsn: '111222333',
            phone: '06 12345678',
          },
        ],
      }),
    );
    await aSupportRequest(app, own.sessions.lead, household.id, {
      question: 'Ik heb schulden bij de zorgverzekeraar.',
    });
    await call(app, own.sessions.lead, 'POST', `/api/v1/households/${household.id}/plan/goals`, {
      version: 1,
      life_domain: 'finances',
      text: 'Schuldenvrij met het budgetplan',
    });
    const closed = await call(app, own.sessions.lead, 'POST', `/api/v1/households/${household.id}/closure`, {
      version: 2,
      outcome: 'solved-in-social-base',
      note: 'Budgetplan loopt',
    });
    assert.equal(closed.statusCode, 201, closed.body);
    const deletions = () =>
      db.system((tx) =>
        rows<{ record_type: string; rows: number; retention_months: number }>(
          tx,
          sql`select record_type, rows, retention_months from casework_deletions where household_id = ${household.id} order by record_type`,
        ),
      );
    const file = async () =>
      (await call(app, own.sessions.lead, 'GET', `/api/v1/households/${household.id}`)).json();

    const clock = fakeClock(new Date());
    const scheduler = createScheduler(db, { clock, logger: { error: () => undefined } });
    await registerCaseworkJobs(scheduler, db, config, { clock, tenantIds: [own.tenant.id] });
    try {
      await scheduler.runDue();
      clock.advance(11 * MONTH);
      await scheduler.runDue();
      assert.deepEqual(await deletions(), [], 'nothing before its time');
      clock.advance(2 * MONTH);
      await scheduler.runDue();
      assert.deepEqual(await deletions(), [
        { record_type: 'support-request', rows: 1, retention_months: 12 },
      ]);
      const after13 = await file();
      assert.equal(after13.support_requests[0].question, REMOVED_TEXT, 'the question is gone');
      assert.equal(after13.support_requests[0].channel, 'walk-in', 'figures without a person stay');
      assert.equal(after13.members[0].given_name, 'Milena', 'the people stay for their own retention');
    } finally {
      await stopCaseworkScans(db, scheduler);
    }

    const result = await scanRetention(db, config, new Date(Date.now() + 25 * MONTH), {
      tenantIds: [own.tenant.id],
    });
    assert.deepEqual(result, { tenants: 1, cases: 1, deletions: 4, failed: 0 });
    assert.deepEqual(
      (await deletions()).map((d) => d.record_type),
      ['assessment', 'notes', 'person', 'plan', 'support-request'],
    );
    const after25 = await file();
    assert.deepEqual(
      [
        after25.members[0].given_name,
        after25.members[0].birth_date,
        after25.members[0].has_bsn,
        after25.members[0].phone,
      ],
      ['-', '1990-01-01', false, null],
    );
    assert.equal(after25.address.postcode, '1931');
    const plan = (
      await call(app, own.sessions.lead, 'GET', `/api/v1/households/${household.id}/plan`)
    ).json();
    assert.equal(plan.goals[0].text, REMOVED_TEXT);
    assert.equal(plan.goals[0].life_domain, 'finances');
    const [raw] = await db.system((tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from persons where tenant_id = ${own.tenant.id} and (given_name = 'Milena' or bsn_lookup is not null)`,
      ),
    );
    assert.equal(raw!.n, 0);
    const entries = await auditOf(db, own.tenant, sql`record_type like 'retention:%'`);
    assert.equal(entries.length, 5);
    assert.ok(entries.every((e) => e.action === 'delete' && e.purpose === 'job casework.retention-scan'));
    assert.deepEqual(
      await scanRetention(db, config, new Date(Date.now() + 26 * MONTH), { tenantIds: [own.tenant.id] }),
      {
        tenants: 1,
        cases: 0,
        deletions: 0,
        failed: 0,
      },
    );
  });

  test('team views: my cases, the team with others as known, workload, areas, and a search that respects access', async () => {
    const t = await aTeam(app, db);
    const mine = await registerHousehold(app, t.sessions.lead);
    const theirs = await registerHousehold(app, t.sessions.colleague);
    await call(app, t.sessions.lead, 'POST', `/api/v1/households/${mine.id}/plan/actions`, {
      version: 1,
      description: 'Formulier kwijtschelding invullen',
      performer: 'resident',
      due_on: '2020-01-01',
    });
    const list = async (who: keyof Team['sessions'], query = '') => {
      const res = await call(app, t.sessions[who], 'GET', `/api/v1/cases${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().cases as {
        household_id: string;
        access: string;
        label: string | null;
        open_actions: number | null;
        overdue_actions: number | null;
        case_lead: { id: string };
      }[];
    };

    const my = await list('lead');
    assert.deepEqual(
      my.map((c) => c.household_id),
      [mine.id],
    );
    assert.equal(my[0]!.access, 'case-lead');
    assert.match(my[0]!.label!, /^Bakkali-\d+$/);
    assert.deepEqual([my[0]!.open_actions, my[0]!.overdue_actions], [1, 1]);

    const teamList = await list('lead', '?scope=team');
    const other = teamList.find((c) => c.household_id === theirs.id)!;
    assert.deepEqual(
      [other.access, other.label, other.open_actions, other.case_lead.id],
      ['known', null, null, t.users.colleague.id],
    );
    const asTeamLead = await list('teamLead', '?scope=team');
    assert.ok(asTeamLead.every((c) => c.access === 'team-lead' && c.label));
    assertProblem(await call(app, t.sessions.lead, 'GET', '/api/v1/cases?scope=everyone'), 400, 'validation');

    const workload = (await call(app, t.sessions.teamLead, 'GET', '/api/v1/cases/workload')).json();
    const samira = workload.consultants.find((c: { user: { id: string } }) => c.user.id === t.users.lead.id);
    assert.deepEqual([samira.leads, samira.open_actions, samira.overdue_actions], [1, 1, 1]);
    const areas = (await call(app, t.sessions.teamLead, 'GET', '/api/v1/cases/areas')).json().areas;
    assert.equal(
      areas.reduce((n: number, a: { open: number }) => n + a.open, 0),
      2,
    );
    assert.ok(areas.every((a: { area: { name: string } | null }) => a.area?.name));
    assertProblem(await call(app, t.sessions.policy, 'GET', '/api/v1/cases/workload'), 403, 'forbidden');

    const familyName = my[0]!.label!;
    const search = async (who: keyof Team['sessions'], q: string) =>
      call(app, t.sessions[who], 'GET', `/api/v1/cases/search?q=${encodeURIComponent(q)}`);
    const byColleague = (await search('colleague', familyName.toLowerCase())).json().cases;
    assert.deepEqual(
      byColleague.map((c: { household_id: string; access: string; label: string | null }) => [
        c.household_id,
        c.access,
        c.label,
      ]),
      [[mine.id, 'known', null]],
    );
    const byLead = (await search('lead', familyName)).json().cases;
    assert.equal(byLead[0].label, familyName);
    assert.equal(assertProblem(await search('lead', 'a'), 400, 'validation').errors![0]!.field, 'q');
    const known = await auditOf(
      db,
      t.tenant,
      sql`record_type = 'household-known' and record_id = ${mine.id} and actor_user_id = ${t.users.colleague.id}`,
    );
    assert.ok(known.length >= 1, 'a known hit is audited as such');
  });

  test('an administrator sees exactly who opened a file; others may not look', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    await call(app, team.sessions.teamLead, 'GET', `/api/v1/households/${household.id}`);
    await call(app, team.sessions.colleague, 'GET', `/api/v1/households/${household.id}`);
    const res = await call(
      app,
      team.sessions.admin,
      'GET',
      `/api/v1/audit-events?record_type=household&record_id=${household.id}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const events = res.json().events as { actor: { name: string }; action: string; purpose: string }[];
    assert.deepEqual(
      events.map((e) => `${e.actor.name}:${e.action}`),
      ['Anouk Teamleider:read', 'Samira Consulent:create'],
      'the colleague saw only the known view, recorded under household-known',
    );
    assert.equal(events[0]!.purpose, 'GET /api/v1/households/:id');
    for (const who of ['lead', 'teamLead', 'policy'] as const)
      assertProblem(await call(app, team.sessions[who], 'GET', '/api/v1/audit-events'), 403, 'forbidden');
  });
});
