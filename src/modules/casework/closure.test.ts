// Scaling up and the way back, custom provisions, closure with an outcome and closing assessments, and
// aftercare: check-ins at 6 weeks and 3 months, a reminder to the responsible consultant through the scheduler
// (fake clock), and a check-in that reopens the plan.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { createScheduler, fakeClock } from '../../platform/jobs/index.js';
import { outboxFor } from '../../platform/mail/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { call, type Session } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { registerCaseworkJobs, scanAftercare } from './jobs.js';
import {
  aTeam,
  auditOf,
  countRows,
  registerHousehold,
  stopCaseworkScans,
  type Team,
} from './test-fixtures.js';

const WEEK = 7 * 24 * 60 * 60 * 1000;

interface Aftercare {
  status: string;
  version: number;
  closures: { outcome: string; open_action_fate: string | null; aftercare_by: { id: string } | null }[];
  check_ins: {
    id: string;
    due_at: string;
    responsible: { id: string };
    result: string | null;
    cancelled_at: string | null;
  }[];
}

describe('casework: scaling up, closure and aftercare', () => {
  let app: App;
  let db: Database;
  let config: Config;
  let team: Team;

  before(async () => {
    ({ app, db, config } = await testApp());
    team = await aTeam(app, db);
  });

  const at = (householdId: string, part: string) => `/api/v1/households/${householdId}/${part}`;
  const version = async (session: Session, householdId: string) =>
    (await call(app, session, 'GET', at(householdId, 'plan'))).json<{ version: number }>().version;
  const addOpenAction = async (householdId: string) => {
    const res = await call(app, team.sessions.lead, 'POST', at(householdId, 'plan/actions'), {
      version: await version(team.sessions.lead, householdId),
      description: 'Elke week samen de post doornemen',
      performer: 'own-network',
      performer_name: 'zus Fatima',
    });
    assert.equal(res.statusCode, 201, res.body);
  };

  test('scaling up: the expert becomes case lead, the front-line consultant stays involved and gets the case back', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const escalate = (session: Session, body: object) =>
      call(app, session, 'POST', at(household.id, 'escalations'), body);

    const notExpert = await escalate(team.sessions.lead, {
      version: 1,
      expert_id: team.users.colleague.id,
      area: 'youth',
      note: 'Zoon heeft jeugdhulp nodig',
    });
    assert.equal(assertProblem(notExpert, 400, 'validation').errors![0]!.field, 'expert_id');
    const noNote = await escalate(team.sessions.lead, {
      version: 1,
      expert_id: team.users.expert.id,
      area: 'youth',
      note: '   ',
    });
    assert.equal(assertProblem(noNote, 400, 'validation').errors![0]!.field, 'note');
    const badArea = await escalate(team.sessions.lead, {
      version: 1,
      expert_id: team.users.expert.id,
      area: 'zorg',
      note: 'x',
    });
    assert.equal(assertProblem(badArea, 400, 'validation').errors![0]!.field, 'area');
    assertProblem(
      await escalate(team.sessions.expert, {
        version: 1,
        expert_id: team.users.expert.id,
        area: 'youth',
        note: 'x',
      }),
      403,
      'forbidden',
    );

    const up = await escalate(team.sessions.lead, {
      version: 1,
      expert_id: team.users.expert.id,
      area: 'youth',
      note: 'Zoon heeft ambulante jeugdhulp nodig; school is op de hoogte.',
    });
    assert.equal(up.statusCode, 201, up.body);
    assert.equal(up.json().case_lead.id, team.users.expert.id);
    assert.equal(
      up.json().escalations[0].note,
      'Zoon heeft ambulante jeugdhulp nodig; school is op de hoogte.',
    );
    const again = await escalate(team.sessions.expert, {
      version: 2,
      expert_id: team.users.expert.id,
      area: 'youth',
      note: 'x',
    });
    assert.match(assertProblem(again, 409, 'conflict').detail!, /al opgeschaald naar Jeroen Expert/);

    const asExpert = (
      await call(app, team.sessions.expert, 'GET', `/api/v1/households/${household.id}`)
    ).json();
    assert.equal(asExpert.access, 'case-lead');
    const asFrontLine = (
      await call(app, team.sessions.lead, 'GET', `/api/v1/households/${household.id}`)
    ).json();
    assert.equal(asFrontLine.access, 'co-worker', 'the front-line consultant stays involved at a distance');
    assert.match(asFrontLine.case.co_workers[0].reason, /krijgt de casus terug voor nazorg/);

    // A custom provision: requested, then granted with its period.
    const provision = await call(app, team.sessions.expert, 'POST', at(household.id, 'provisions'), {
      area: 'youth',
      kind: 'ambulante jeugdhulp',
      requested_on: '2025-03-03',
    });
    assert.equal(provision.statusCode, 201, provision.body);
    assert.equal(provision.json().status, 'requested');
    const patch = (body: object) =>
      call(app, team.sessions.expert, 'PATCH', at(household.id, `provisions/${provision.json().id}`), body);
    assert.equal(
      assertProblem(await patch({ status: 'granted' }), 400, 'validation').errors![0]!.field,
      'starts_on',
    );
    const backwards = await patch({ status: 'granted', starts_on: '2025-04-01', ends_on: '2025-03-01' });
    assert.match(
      assertProblem(backwards, 400, 'validation').errors![0]!.message,
      /einddatum ligt voor de begindatum/,
    );
    const granted = await patch({
      status: 'granted',
      decided_on: '2025-03-20',
      starts_on: '2025-04-01',
      ends_on: '2025-09-30',
    });
    assert.equal(granted.statusCode, 200, granted.body);
    assert.deepEqual(
      [granted.json().status, granted.json().starts_on, granted.json().ends_on],
      ['granted', '2025-04-01', '2025-09-30'],
    );

    // Only the case lead hands back; then the front-line consultant leads again.
    const back = (session: Session) =>
      call(app, session, 'POST', at(household.id, 'escalations/return'), {
        version: 2,
        note: 'Jeugdhulp loopt, nazorg bij Samira',
      });
    assertProblem(await back(team.sessions.lead), 403, 'forbidden');
    const returned = await back(team.sessions.expert);
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json().case_lead.id, team.users.lead.id);
    assert.ok(returned.json().escalations[0].returned_at);
    const entries = await auditOf(
      db,
      team.tenant,
      sql`record_type in ('escalation', 'custom-provision', 'case-lead')`,
    );
    assert.deepEqual([...new Set(entries.map((e) => `${e.record_type}:${e.action}`))].sort(), [
      'case-lead:update',
      'custom-provision:create',
      'custom-provision:update',
      'escalation:create',
      'escalation:update',
    ]);
  });

  test('closing with open actions must say what happens to them; a bad closing assessment saves nothing', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    await addOpenAction(household.id);
    const close = (body: object) => call(app, team.sessions.lead, 'POST', at(household.id, 'closure'), body);
    const v = await version(team.sessions.lead, household.id);
    const assessmentsBefore = await countRows(db, team.tenant, 'assessments');

    const open = await close({ version: v, outcome: 'solved-in-social-base' });
    const problem = assertProblem(open, 400, 'validation');
    assert.equal(problem.errors![0]!.field, 'open_actions');
    assert.match(
      problem.errors![0]!.message,
      /Er staan nog 1 acties open\. Zeg wat ermee gebeurt: resident-continues, cancelled, handed-over/,
    );

    const badScore = await close({
      version: v,
      outcome: 'solved-in-social-base',
      open_actions: 'resident-continues',
      assessments: [
        { instrument: 'zrm', scores: { finances: 4 } },
        { instrument: 'zrm', scores: { finances: 9 } },
      ],
    });
    assert.equal(
      assertProblem(badScore, 400, 'validation').errors![0]!.field,
      'assessments.1.scores.finances',
    );
    assert.equal(
      await countRows(db, team.tenant, 'assessments'),
      assessmentsBefore,
      'the first assessment was not kept',
    );
    assert.equal(
      assertProblem(await close({ version: v, outcome: 'happy' }), 400, 'validation').errors![0]!.field,
      'outcome',
    );
    assertProblem(
      await call(app, team.sessions.colleague, 'POST', at(household.id, 'closure'), {
        version: v,
        outcome: 'moved-away',
      }),
      403,
      'forbidden',
    );

    const plan = await call(app, team.sessions.lead, 'GET', at(household.id, 'plan'));
    assert.equal(plan.json().status, 'open');

    const closed = await close({
      version: v,
      outcome: 'solved-in-social-base',
      note: 'Zus helpt verder met de post.',
      open_actions: 'resident-continues',
      assessments: [{ instrument: 'zrm', scores: { finances: 4 } }],
    });
    assert.equal(closed.statusCode, 201, closed.body);
    const aftercare = closed.json<Aftercare>();
    assert.equal(aftercare.status, 'closed');
    assert.equal(aftercare.closures[0]!.open_action_fate, 'resident-continues');
    const weeks = aftercare.check_ins.map((c) => Math.round((Date.parse(c.due_at) - Date.now()) / WEEK));
    assert.deepEqual(weeks, [6, 13], 'check-ins after 6 weeks and 3 months');
    assert.ok(aftercare.check_ins.every((c) => c.responsible.id === team.users.lead.id));

    const assessments = (await call(app, team.sessions.lead, 'GET', at(household.id, 'assessments'))).json();
    assert.equal(assessments.assessments.at(-1).moment, 'closure');
    const actions = (await call(app, team.sessions.lead, 'GET', at(household.id, 'plan'))).json().actions;
    assert.equal(actions[0].fate_at_closure, 'resident-continues');
    // A closed plan is not edited any more, until a check-in reopens it.
    const edit = await call(app, team.sessions.lead, 'POST', at(household.id, 'plan/goals'), {
      version: aftercare.version,
      life_domain: 'finances',
      text: 'x',
    });
    assert.match(assertProblem(edit, 409, 'conflict').detail!, /afgesloten/);
  });

  test('aftercare: the scheduler reminds the front-line consultant when a check-in is due, once (fake clock); a check-in reopens the plan', async () => {
    const own = await aTeam(app, db);
    const household = await registerHousehold(app, own.sessions.lead);
    // Scaled up and never handed back: aftercare still belongs to the front-line consultant.
    const up = await call(app, own.sessions.lead, 'POST', at(household.id, 'escalations'), {
      version: 1,
      expert_id: own.users.expert.id,
      area: 'wmo',
      note: 'Huishoudelijke hulp nodig',
    });
    assert.equal(up.statusCode, 201, up.body);
    const closed = await call(app, own.sessions.expert, 'POST', at(household.id, 'closure'), {
      version: 2,
      outcome: 'custom-provision',
    });
    assert.equal(closed.statusCode, 201, closed.body);
    assert.equal(closed.json<Aftercare>().closures[0]!.aftercare_by!.id, own.users.lead.id);

    const clock = fakeClock(new Date());
    const scheduler = createScheduler(db, { clock, logger: { error: () => undefined } });
    await registerCaseworkJobs(scheduler, db, config, { clock, tenantIds: [own.tenant.id] });
    try {
      await scheduler.runDue();
      clock.advance(6 * WEEK - 60_000);
      await scheduler.runDue();
      assert.equal(
        (await outboxFor(db, own.users.lead.email)).filter((m) => /Nazorg/.test(m.subject)).length,
        0,
      );
      clock.advance(10 * 60_000);
      await scheduler.runDue();
      const mails = (await outboxFor(db, own.users.lead.email)).filter((m) => /Nazorg/.test(m.subject));
      assert.equal(mails.length, 1);
      assert.doesNotMatch(mails[0]!.textBody, /Bakkali|Huishoudelijke/, 'no personal data in the e-mail');
      assert.equal(
        (await outboxFor(db, own.users.expert.email)).filter((m) => /Nazorg/.test(m.subject)).length,
        0,
      );
      clock.advance(60 * 60_000);
      await scheduler.runDue();
      assert.deepEqual(await scanAftercare(db, config, clock.now(), { tenantIds: [own.tenant.id] }), {
        tenants: 1,
        reminded: 0,
        mails: 0,
        failed: 0,
      });
    } finally {
      await stopCaseworkScans(db, scheduler);
    }

    const view = (await call(app, own.sessions.lead, 'GET', at(household.id, 'aftercare'))).json<Aftercare>();
    const [first, second] = view.check_ins;
    const checkIn = (id: string, body: object) =>
      call(app, own.sessions.lead, 'POST', at(household.id, `check-ins/${id}`), body);
    assert.equal(
      assertProblem(await checkIn(first!.id, { result: 'maybe' }), 400, 'validation').errors![0]!.field,
      'result',
    );
    assertProblem(
      await checkIn('00000000-0000-4000-8000-000000000000', { result: 'fine' }),
      404,
      'not_found',
    );
    const reopened = await checkIn(first!.id, {
      result: 'reopen',
      note: 'De hulp is gestopt, er zijn weer zorgen.',
    });
    assert.equal(reopened.statusCode, 200, reopened.body);
    const after = reopened.json<Aftercare>();
    assert.equal(after.status, 'open');
    assert.equal(after.check_ins.find((c) => c.id === first!.id)!.result, 'reopen');
    assert.ok(
      after.check_ins.find((c) => c.id === second!.id)!.cancelled_at,
      'the later check-in is cancelled',
    );
    assertProblem(await checkIn(first!.id, { result: 'fine' }), 409, 'conflict');
    const goal = await call(app, own.sessions.lead, 'POST', at(household.id, 'plan/goals'), {
      version: after.version,
      life_domain: 'domestic-relations',
      text: 'Weer hulp in huis',
    });
    assert.equal(goal.statusCode, 201, goal.body);
  });
});
