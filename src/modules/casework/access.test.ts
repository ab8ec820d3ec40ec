// Who sees a case: the case lead, co-workers with explicit and logged access, and team leads see the file;
// another consultant sees only that the household is known and whom to contact; volunteers, providers,
// policy officers, referring partners, residents, coordinators and administrators see nothing. Every read and
// change is in the audit log, written in the same transaction.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Database } from '../../platform/db/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { aTenant, aUser, call, enableTwoFactor, logIn } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import {
  aHouseholdBody,
  aSupportRequest,
  aTeam,
  auditOf,
  countAll,
  registerHousehold,
  type Member,
  type Team,
} from './test-fixtures.js';

describe('casework: who sees a case', () => {
  let app: App;
  let db: Database;
  let team: Team;
  let householdId: string;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
    householdId = (await registerHousehold(app, team.sessions.lead)).id;
    await aSupportRequest(app, team.sessions.lead, householdId);
  });

  const read = (who: Member, id = householdId) =>
    call(app, team.sessions[who], 'GET', `/api/v1/households/${id}`);

  test('the case lead and a team lead read the file; another consultant and an expert see only that it is known and whom to contact', async () => {
    const lead = await read('lead');
    assert.equal(lead.statusCode, 200, lead.body);
    assert.equal(lead.json().view, 'full');
    assert.equal(lead.json().access, 'case-lead');
    assert.equal(lead.json().support_requests[0].question, 'Mijn zoon met ADD krijgt zijn huiswerk niet af.');

    const teamLead = await read('teamLead');
    assert.equal(teamLead.statusCode, 200, teamLead.body);
    assert.equal(teamLead.json().access, 'team-lead');
    assert.equal(teamLead.json().members.length, 2);

    for (const who of ['colleague', 'expert'] as const) {
      const res = await read(who);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        id: householdId,
        view: 'known',
        access: 'known',
        contact: { id: team.users.lead.id, name: 'Samira Consulent', email: team.users.lead.email },
      });
    }
  });

  test('volunteers, providers, policy officers, referring partners, residents, coordinators and administrators get 403', async () => {
    for (const who of [
      'volunteer',
      'provider',
      'policy',
      'partner',
      'resident',
      'coordinator',
      'admin',
    ] as const) {
      for (const [method, url, body] of [
        ['GET', `/api/v1/households/${householdId}`],
        ['GET', `/api/v1/households/${householdId}/assessments`],
        ['POST', '/api/v1/households/lookup', { address: { postcode: '1931 AB', house_number: 1 } }],
        ['POST', '/api/v1/households', aHouseholdBody()],
        ['POST', '/api/v1/support-requests', { household_id: householdId, channel: 'phone', question: 'x' }],
        ['GET', '/api/v1/support-requests'],
      ] as const) {
        const res = await call(app, team.sessions[who], method, url, body);
        assertProblem(res, 403, 'forbidden');
      }
    }
  });

  test('an unknown household is 404, also for a household of another tenant', async () => {
    assertProblem(await read('lead', '00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    const other = await aTeam(app, db);
    const theirs = await registerHousehold(app, other.sessions.lead);
    assertProblem(await read('teamLead', theirs.id), 404, 'not_found');
  });

  test('a co-worker gets access only when the case lead grants it, with a reason that is logged; ending it ends access', async () => {
    const grant = (who: Member, body: object) =>
      call(app, team.sessions[who], 'POST', `/api/v1/households/${householdId}/co-workers`, body);

    // Someone who does not work on the case cannot grant themselves access.
    const self = await grant('colleague', { user_id: team.users.colleague.id, reason: 'Ik wil meekijken' });
    assertProblem(self, 403, 'forbidden');
    assert.match(self.json().detail, /Samira Consulent/, 'the answer names whom to contact');

    // Only colleagues of the social team, and with a reason.
    const volunteer = await grant('lead', { user_id: team.users.volunteer.id, reason: 'Maatje' });
    assert.match(
      assertProblem(volunteer, 400, 'validation').errors![0]!.message,
      /werkt niet in het sociaal team/,
    );
    const noReason = await grant('lead', { user_id: team.users.colleague.id, reason: '  ' });
    assert.equal(assertProblem(noReason, 400, 'validation').errors![0]!.field, 'reason');

    const ok = await grant('lead', { user_id: team.users.colleague.id, reason: 'Schuldhulp: budgetplan' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().user.id, team.users.colleague.id);
    assert.equal(ok.json().granted_by.id, team.users.lead.id);
    assertProblem(
      await grant('lead', { user_id: team.users.colleague.id, reason: 'Nog eens' }),
      409,
      'conflict',
    );

    const asCoWorker = await read('colleague');
    assert.equal(asCoWorker.json().view, 'full');
    assert.equal(asCoWorker.json().access, 'co-worker');
    assert.deepEqual(
      asCoWorker
        .json()
        .case.co_workers.map((c: { user: { id: string }; reason: string }) => [c.user.id, c.reason]),
      [[team.users.colleague.id, 'Schuldhulp: budgetplan']],
    );

    // The grant is logged; the reason is sealed at rest.
    const [logged] = await auditOf(
      db,
      team.tenant,
      sql`record_type = 'case-co-worker' and action = 'create'`,
    );
    assert.equal(logged?.actor_user_id, team.users.lead.id);
    const raw = await db.system((tx) =>
      tx.execute(sql`select reason_sealed from case_co_workers where user_id = ${team.users.colleague.id}`),
    );
    assert.doesNotMatch(JSON.stringify(raw), /Schuldhulp/);

    // A co-worker cannot take someone else's access; the case lead ends it, and the file is closed again.
    const end = await call(
      app,
      team.sessions.lead,
      'DELETE',
      `/api/v1/households/${householdId}/co-workers/${team.users.colleague.id}`,
    );
    assert.equal(end.statusCode, 204, end.body);
    assert.equal((await read('colleague')).json().view, 'known');
    const ended = await auditOf(db, team.tenant, sql`record_type = 'case-co-worker' and action = 'delete'`);
    assert.equal(ended.length, 1);
    assertProblem(
      await call(
        app,
        team.sessions.lead,
        'DELETE',
        `/api/v1/households/${householdId}/co-workers/${team.users.colleague.id}`,
      ),
      404,
      'not_found',
    );
  });

  test('every read and change of the file is audited with the route as purpose; a refused call writes nothing', async () => {
    const before = await auditOf(db, team.tenant);
    await read('lead');
    await read('colleague');
    const after = await auditOf(db, team.tenant);
    const fresh = after.slice(before.length);
    const lead = fresh.filter((e) => e.actor_user_id === team.users.lead.id);
    assert.deepEqual(
      lead.map((e) => `${e.action} ${e.record_type}`),
      ['read household', 'read person', 'read person'],
    );
    assert.ok(lead.every((e) => e.purpose === 'GET /api/v1/households/:id'));
    const colleague = fresh.filter((e) => e.actor_user_id === team.users.colleague.id);
    assert.deepEqual(
      colleague.map((e) => `${e.action} ${e.record_type} ${e.record_id}`),
      [`read household-known ${householdId}`],
    );

    const counts = await countAll(db, team.tenant);
    assertProblem(await read('volunteer'), 403, 'forbidden');
    assertProblem(
      await call(app, team.sessions.colleague, 'POST', `/api/v1/households/${householdId}/assessments`, {
        instrument: 'zrm',
        moment: 'intake',
        scores: { finances: 2 },
      }),
      403,
      'forbidden',
    );
    assert.deepEqual(await countAll(db, team.tenant), counts);
  });

  test('where the tenant requires two-factor login, a consultant without it has no casework access', async () => {
    const strict = await aTenant(db, { withAreas: true });
    const consultant = await aUser(db, strict, { roles: ['consultant'] });
    const session = await logIn(app, strict, consultant);
    assertProblem(await call(app, session, 'POST', '/api/v1/households', aHouseholdBody()), 403, 'forbidden');
    await enableTwoFactor(app, session);
    const res = await call(app, session, 'POST', '/api/v1/households', aHouseholdBody());
    assert.equal(res.statusCode, 201, res.body);
  });
});
