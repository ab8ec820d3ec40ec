// The support plan through HTTP: goals in the resident's words, actions with who does them (a basic service
// linked to a directory offer that must exist), one case lead, optimistic locking between two consultants,
// and the resident who sees the plan in their own account, agrees to a version and comments.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Database } from '../../platform/db/index.js';
import { outboxFor } from '../../platform/mail/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { aUser, call, logIn, type Session, type TestUser } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { importHsds, readDemoServices } from '../directory/index.js';
import { aTeam, auditOf, countRows, registerHousehold, type Team } from './test-fixtures.js';

interface Plan {
  version: number;
  case_lead: { id: string };
  goals: { id: string; life_domain: string; text: string; status: string }[];
  actions: {
    id: string;
    performer: string;
    description: string;
    status: string;
    directory_service: { id: string; name: string | null } | null;
  }[];
  agreement: { agreed_version: number | null; current: boolean; history: { name: string }[] };
  comments: { author: { kind: string; name: string }; text: string }[];
  residents: { person_id: string; has_account: boolean }[];
}

describe('casework: the support plan', () => {
  let app: App;
  let db: Database;
  let team: Team;
  let serviceId: string;
  let serviceName: string;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
    const [service] = await readDemoServices();
    await importHsds(db, team.tenant.id, [service]);
    serviceId = service!.id as string;
    serviceName = service!.name as string;
  });

  const plan = async (session: Session, householdId: string) => {
    const res = await call(app, session, 'GET', `/api/v1/households/${householdId}/plan`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Plan>();
  };
  const post = (session: Session, householdId: string, part: string, body: object) =>
    call(app, session, 'POST', `/api/v1/households/${householdId}/plan/${part}`, body);

  test('goals per life domain and actions with who does them; a basic service names its directory offer', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const empty = await plan(team.sessions.lead, household.id);
    assert.equal(empty.version, 1);
    assert.equal(empty.case_lead.id, team.users.lead.id, 'who made first contact is case lead');

    const withGoal = await post(team.sessions.lead, household.id, 'goals', {
      version: 1,
      life_domain: 'finances',
      text: 'Ik wil weer overzicht over mijn geld.',
    });
    assert.equal(withGoal.statusCode, 201, withGoal.body);
    const goal = withGoal.json<Plan>().goals[0]!;
    assert.equal(goal.text, 'Ik wil weer overzicht over mijn geld.');
    assert.equal(withGoal.json<Plan>().version, 2);

    const withAction = await post(team.sessions.lead, household.id, 'actions', {
      version: 2,
      goal_id: goal.id,
      description: 'Samen de post openen en sorteren',
      performer: 'basic-service',
      directory_service_id: serviceId,
      due_on: '2030-01-31',
    });
    assert.equal(withAction.statusCode, 201, withAction.body);
    const action = withAction.json<Plan>().actions[0]!;
    assert.deepEqual(action.directory_service, { id: serviceId, name: serviceName });
    assert.equal(action.status, 'planned');

    const done = await call(
      app,
      team.sessions.lead,
      'PATCH',
      `/api/v1/households/${household.id}/plan/actions/${action.id}`,
      { version: 3, status: 'done' },
    );
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json<Plan>().actions[0]!.status, 'done');
    const achieved = await call(
      app,
      team.sessions.lead,
      'PATCH',
      `/api/v1/households/${household.id}/plan/goals/${goal.id}`,
      { version: 4, status: 'achieved' },
    );
    assert.equal(achieved.json<Plan>().goals[0]!.status, 'achieved');

    // Texts about the household are sealed at rest.
    const [raw] = await db
      .system((tx) => tx.execute(sql`select text_sealed from plan_goals where id = ${goal.id}`))
      .then((r) => (r as unknown as { rows: { text_sealed: string }[] }).rows);
    assert.ok(raw && !raw.text_sealed.includes('overzicht'));

    const entries = await auditOf(db, team.tenant, sql`record_type in ('plan-goal', 'plan-action', 'plan')`);
    assert.ok(entries.some((e) => e.record_type === 'plan-goal' && e.action === 'create'));
    assert.ok(entries.some((e) => e.record_type === 'plan-action' && e.action === 'update'));
    assert.ok(entries.some((e) => e.record_type === 'plan' && e.action === 'read'));
  });

  test('bad input gets a Dutch message per field and saves nothing', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const other = await registerHousehold(app, team.sessions.lead);
    const otherGoal = (
      await post(team.sessions.lead, other.id, 'goals', {
        version: 1,
        life_domain: 'housing',
        text: 'Een huis',
      })
    ).json<Plan>().goals[0]!;
    const before = await countRows(db, team.tenant, 'plan_actions');
    const goalsBefore = await countRows(db, team.tenant, 'plan_goals');

    const unknownDomain = await post(team.sessions.lead, household.id, 'goals', {
      version: 1,
      life_domain: 'money',
      text: ' ',
    });
    const problem = assertProblem(unknownDomain, 400, 'validation');
    assert.deepEqual(problem.errors!.map((e) => e.field).sort(), ['life_domain', 'text']);
    assert.match(
      problem.errors!.find((e) => e.field === 'life_domain')!.message,
      /Onbekend leefgebied "money"/,
    );

    const noVersion = await post(team.sessions.lead, household.id, 'goals', {
      life_domain: 'housing',
      text: 'x',
    });
    assert.match(assertProblem(noVersion, 400, 'validation').errors![0]!.message, /versie van het plan/);

    const cases: [object, string, RegExp][] = [
      [{ performer: 'neighbour' }, 'performer', /Kies wie het doet/],
      [
        { performer: 'basic-service', directory_service_id: '00000000-0000-4000-8000-000000000000' },
        'directory_service_id',
        /niet in de sociale kaart/,
      ],
      [
        { performer: 'resident', directory_service_id: serviceId },
        'directory_service_id',
        /Alleen een basisvoorziening/,
      ],
      [{ performer: 'resident', goal_id: otherGoal.id }, 'goal_id', /hoort niet bij het plan/],
      [{ performer: 'resident', due_on: '2030-02-30' }, 'due_on', /geldige datum/],
    ];
    for (const [fields, field, message] of cases) {
      const res = await post(team.sessions.lead, household.id, 'actions', {
        version: 1,
        description: 'Iets doen',
        ...fields,
      });
      const p = assertProblem(res, 400, 'validation');
      assert.equal(p.errors![0]!.field, field, res.body);
      assert.match(p.errors![0]!.message, message);
    }
    assert.equal(await countRows(db, team.tenant, 'plan_actions'), before);
    assert.equal(await countRows(db, team.tenant, 'plan_goals'), goalsBefore);
    assert.equal(
      (await plan(team.sessions.lead, household.id)).version,
      1,
      'a refused change leaves the version',
    );
  });

  test('two consultants edit at once: the second gets 409 with a clear Dutch message and nothing is overwritten', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const grant = await call(
      app,
      team.sessions.lead,
      'POST',
      `/api/v1/households/${household.id}/co-workers`,
      {
        user_id: team.users.colleague.id,
        reason: 'Schuldhulp',
      },
    );
    assert.equal(grant.statusCode, 201, grant.body);
    const seen = (await plan(team.sessions.colleague, household.id)).version;

    const [a, b] = await Promise.all([
      post(team.sessions.lead, household.id, 'goals', {
        version: seen,
        life_domain: 'housing',
        text: 'Goal A',
      }),
      post(team.sessions.colleague, household.id, 'goals', {
        version: seen,
        life_domain: 'finances',
        text: 'Goal B',
      }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    assert.deepEqual(statuses, [201, 409], `${a.body} ${b.body}`);
    const conflict = a.statusCode === 409 ? a : b;
    assert.match(
      assertProblem(conflict, 409, 'conflict').detail!,
      new RegExp(
        `Iemand anders heeft het plan intussen gewijzigd. U werkte met versie ${seen}, nu is het versie ${seen + 1}`,
      ),
    );
    const after = await plan(team.sessions.lead, household.id);
    assert.equal(after.goals.length, 1);
    assert.equal(after.version, seen + 1);
  });

  test('one case lead: a co-worker cannot become a second one; the case lead hands over and stays involved', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    await call(app, team.sessions.lead, 'POST', `/api/v1/households/${household.id}/co-workers`, {
      user_id: team.users.colleague.id,
      reason: 'Meedenken',
    });
    const put = (session: Session, body: object) =>
      call(app, session, 'PUT', `/api/v1/households/${household.id}/plan/case-lead`, body);

    const second = await put(team.sessions.colleague, { version: 1, user_id: team.users.colleague.id });
    assert.match(assertProblem(second, 409, 'conflict').detail!, /al een regievoerder: Samira Consulent/);
    const outsider = await put(team.sessions.expert, { version: 1, user_id: team.users.expert.id });
    assertProblem(outsider, 403, 'forbidden');
    const volunteer = await put(team.sessions.lead, { version: 1, user_id: team.users.volunteer.id });
    assert.equal(assertProblem(volunteer, 400, 'validation').errors![0]!.field, 'user_id');

    const handed = await put(team.sessions.lead, {
      version: 1,
      user_id: team.users.colleague.id,
      note: 'Daan kent de familie van school',
    });
    assert.equal(handed.statusCode, 200, handed.body);
    assert.equal(handed.json<Plan>().case_lead.id, team.users.colleague.id);
    const file = (await call(app, team.sessions.lead, 'GET', `/api/v1/households/${household.id}`)).json();
    assert.equal(file.access, 'co-worker', 'the former case lead stays involved');
    const mails = await outboxFor(db, team.users.colleague.email);
    assert.ok(mails.some((m) => /regievoerder geworden/.test(m.subject)));
  });

  test('the resident sees the plan in their own account, agrees to a version and comments; others cannot', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const resident: TestUser = await aUser(db, team.tenant, { roles: ['resident'], name: 'Maryam B.' });
    const residentSession = await logIn(app, team.tenant, resident);
    const personId = household.members[0]!.id;
    const link = (email: string) =>
      call(app, team.sessions.lead, 'PUT', `/api/v1/households/${household.id}/members/${personId}/account`, {
        email,
      });

    // Before the link, the resident has no plan: a plain Dutch answer.
    const none = await call(app, residentSession, 'GET', '/api/v1/my-plan');
    assert.match(assertProblem(none, 404, 'not_found').detail!, /nog geen plan voor u/);
    assert.equal(
      assertProblem(await link('nobody@example.nl'), 400, 'validation').errors![0]!.field,
      'email',
    );
    assert.equal(
      assertProblem(await link(team.users.colleague.email), 400, 'validation').errors![0]!.field,
      'email',
    );
    const linked = await link(resident.email.toUpperCase());
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(linked.json().user.id, resident.id);

    await post(team.sessions.lead, household.id, 'goals', {
      version: 1,
      life_domain: 'work-education',
      text: 'Mijn zoon maakt zijn huiswerk af.',
    });
    const mine = await call(app, residentSession, 'GET', '/api/v1/my-plan');
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(mine.json<Plan>().goals[0]!.text, 'Mijn zoon maakt zijn huiswerk af.');

    const stale = await call(app, residentSession, 'POST', '/api/v1/my-plan/agreement', { version: 1 });
    assert.match(assertProblem(stale, 409, 'conflict').detail!, /Lees het plan opnieuw/);
    const agreed = await call(app, residentSession, 'POST', '/api/v1/my-plan/agreement', { version: 2 });
    assert.equal(agreed.statusCode, 201, agreed.body);
    assert.deepEqual(agreed.json<Plan>().agreement.agreed_version, 2);
    assert.equal(agreed.json<Plan>().agreement.history[0]!.name.startsWith('Maryam'), true);

    const empty = await call(app, residentSession, 'POST', '/api/v1/my-plan/comments', { text: '  ' });
    assert.equal(assertProblem(empty, 400, 'validation').errors![0]!.field, 'text');
    await call(app, residentSession, 'POST', '/api/v1/my-plan/comments', {
      text: 'Graag na schooltijd afspreken.',
    });

    const seenByLead = await plan(team.sessions.lead, household.id);
    assert.equal(seenByLead.agreement.current, true);
    assert.deepEqual(
      seenByLead.comments.map((c) => [c.author.kind, c.text]),
      [['resident', 'Graag na schooltijd afspreken.']],
    );
    // A change after the agreement: the resident's agreement is no longer for the plan as it is.
    await post(team.sessions.lead, household.id, 'goals', {
      version: 2,
      life_domain: 'social-network',
      text: 'Een maatje',
    });
    assert.equal((await plan(team.sessions.lead, household.id)).agreement.current, false);

    // The resident sees who read their plan: the reads carry them as subject.
    const reads = await auditOf(
      db,
      team.tenant,
      sql`record_type = 'plan' and subject_user_id = ${resident.id} and actor_user_id = ${team.users.lead.id}`,
    );
    assert.ok(reads.length > 0);

    // Professionals' routes stay closed to residents, and the resident routes to professionals.
    assertProblem(
      await call(app, residentSession, 'GET', `/api/v1/households/${household.id}/plan`),
      403,
      'forbidden',
    );
    assertProblem(await call(app, team.sessions.lead, 'GET', '/api/v1/my-plan'), 403, 'forbidden');
    // Another consultant sees only whom to contact.
    const known = await call(app, team.sessions.expert, 'GET', `/api/v1/households/${household.id}/plan`);
    assert.match(assertProblem(known, 403, 'forbidden').detail!, /Samira Consulent/);
  });
});
