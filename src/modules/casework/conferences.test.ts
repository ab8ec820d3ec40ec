// Case conferences through HTTP: a meeting with the school, a youth and family coach and the resident; an
// agenda only of households one works on (others see whom to contact); the outcome lands in the plan under
// its version; a team's series every two weeks keeps its Dutch time across summer time.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../app.js';
import type { Database } from '../../platform/db/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { call } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { aTeam, countRows, registerHousehold, type Team } from './test-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;

describe('casework: case conferences', () => {
  let app: App;
  let db: Database;
  let team: Team;
  const tomorrowAt14 = () => {
    const d = new Date(Date.now() + DAY);
    d.setUTCHours(13, 0, 0, 0);
    return d.toISOString();
  };

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
  });

  test('a meeting with partners and the resident; the agenda names a household only to who works on it', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const res = await call(app, team.sessions.lead, 'POST', '/api/v1/case-conferences', {
      title: 'Planbespreking gezin',
      starts_at: tomorrowAt14(),
      location: 'Basisschool De Branding',
      participants: [
        { kind: 'professional', user_id: team.users.colleague.id },
        { kind: 'partner', name: 'Juf Anja', organisation: 'Basisschool De Branding' },
        { kind: 'partner', name: 'Peter', organisation: 'Jeugd- en gezinscoach' },
        { kind: 'resident', household_id: household.id, person_id: household.members[0]!.id },
      ],
      household_ids: [household.id],
    });
    assert.equal(res.statusCode, 201, res.body);
    const conference = res.json();
    const names = conference.participants.map((p: { kind: string; name: string }) => `${p.kind}:${p.name}`);
    assert.deepEqual(names.slice(0, 3).sort(), [
      'partner:Juf Anja',
      'partner:Peter',
      'professional:Daan Collega',
    ]);
    assert.match(names[3], /^resident:Maryam Bakkali-\d+$/, 'the resident is at the table');
    assert.equal(conference.agenda[0].access, 'involved');

    // A colleague at the table who does not work on the household sees only whom to contact.
    const seen = await call(app, team.sessions.colleague, 'GET', `/api/v1/case-conferences/${conference.id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.deepEqual(seen.json().agenda[0], {
      household_id: household.id,
      access: 'known',
      label: null,
      contact: { id: team.users.lead.id, name: 'Samira Consulent', email: team.users.lead.email },
      outcome: null,
      discussed_at: null,
    });
    assert.equal(
      seen.json().participants.find((p: { kind: string }) => p.kind === 'resident').name,
      'Inwoner',
    );
    assertProblem(
      await call(app, team.sessions.volunteer, 'GET', `/api/v1/case-conferences/${conference.id}`),
      403,
      'forbidden',
    );

    const list = await call(app, team.sessions.colleague, 'GET', '/api/v1/case-conferences');
    const listed = list.json().conferences.find((c: { id: string }) => c.id === conference.id);
    assert.equal(listed.agenda_items, 1);
  });

  test('bad input: a time in the past, a partner without organisation, a household one does not work on — nothing saved', async () => {
    const before = await countRows(db, team.tenant, 'case_conferences');
    const post = (body: object) =>
      call(app, team.sessions.colleague, 'POST', '/api/v1/case-conferences', body);
    const base = {
      title: 'Casusoverleg',
      starts_at: tomorrowAt14(),
      participants: [{ kind: 'professional', user_id: team.users.lead.id }],
    };

    const past = await post({ ...base, starts_at: '2020-01-01T10:00:00Z' });
    assert.match(assertProblem(past, 400, 'validation').errors![0]!.message, /niet in het verleden/);
    const partner = await post({ ...base, participants: [{ kind: 'partner', name: 'Juf Anja' }] });
    assert.equal(assertProblem(partner, 400, 'validation').errors![0]!.field, 'participants.0.name');
    assertProblem(await post({ ...base, participants: [] }), 400, 'validation');
    const household = await registerHousehold(app, team.sessions.lead);
    const notMine = await post({ ...base, household_ids: [household.id] });
    assert.match(assertProblem(notMine, 403, 'forbidden').detail!, /Samira Consulent/);
    assert.equal(await countRows(db, team.tenant, 'case_conferences'), before);
  });

  test('the outcome lands in the plan under its version; all or nothing', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const other = await registerHousehold(app, team.sessions.lead);
    const conference = (
      await call(app, team.sessions.lead, 'POST', '/api/v1/case-conferences', {
        title: 'MDO',
        starts_at: tomorrowAt14(),
        participants: [{ kind: 'partner', name: 'Peter', organisation: 'Jeugd- en gezinscoach' }],
        household_ids: [household.id],
      })
    ).json();
    const outcome = (householdId: string, body: object) =>
      call(
        app,
        team.sessions.lead,
        'POST',
        `/api/v1/case-conferences/${conference.id}/agenda/${householdId}/outcome`,
        body,
      );
    const agreed = {
      version: 1,
      note: 'School geeft extra begeleiding; evaluatie over 6 weken.',
      goals: [{ life_domain: 'work-education', text: 'Hij maakt zijn huiswerk zelf af.' }],
      actions: [
        {
          description: 'Huiswerkbegeleiding op school',
          performer: 'basic-service',
          performer_name: 'Basisschool De Branding',
        },
        {
          description: 'Evaluatie met school en coach',
          performer: 'professional',
          professional_id: team.users.lead.id,
          due_on: '2030-05-01',
        },
      ],
    };

    assertProblem(await outcome(other.id, agreed), 404, 'not_found');
    const bad = await outcome(household.id, {
      ...agreed,
      actions: [{ description: 'x', performer: 'resident', due_on: '2030-13-01' }],
    });
    assert.equal(assertProblem(bad, 400, 'validation').errors![0]!.field, 'actions.0.due_on');
    const plan = async () =>
      (await call(app, team.sessions.lead, 'GET', `/api/v1/households/${household.id}/plan`)).json();
    assert.equal((await plan()).goals.length, 0, 'the goal before the bad action was not kept');
    assert.equal((await plan()).version, 1);

    const ok = await outcome(household.id, agreed);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'held');
    assert.equal(ok.json().agenda[0].outcome, 'School geeft extra begeleiding; evaluatie over 6 weken.');
    const after = await plan();
    assert.equal(after.version, 2);
    assert.deepEqual(
      after.goals.map((g: { text: string }) => g.text),
      ['Hij maakt zijn huiswerk zelf af.'],
    );
    assert.equal(after.actions.length, 2);
    assertProblem(await outcome(household.id, agreed), 409, 'conflict');
  });

  test('a household joins the agenda once, only by who works on it', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const conference = (
      await call(app, team.sessions.colleague, 'POST', '/api/v1/case-conferences', {
        title: 'Casusoverleg',
        starts_at: tomorrowAt14(),
        participants: [{ kind: 'professional', user_id: team.users.lead.id }],
      })
    ).json();
    const add = (who: 'lead' | 'colleague', body: object) =>
      call(app, team.sessions[who], 'POST', `/api/v1/case-conferences/${conference.id}/agenda`, body);
    assertProblem(await add('colleague', { household_id: household.id }), 403, 'forbidden');
    assert.equal(
      assertProblem(await add('lead', { household_id: 'nee' }), 400, 'validation').errors![0]!.field,
      'household_id',
    );
    const added = await add('lead', { household_id: household.id });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json().agenda[0].access, 'involved');
    assert.match(
      assertProblem(await add('lead', { household_id: household.id }), 409, 'conflict').detail!,
      /al op de agenda/,
    );
    assertProblem(
      await call(
        app,
        team.sessions.lead,
        'POST',
        '/api/v1/case-conferences/00000000-0000-4000-8000-000000000000/agenda',
        {
          household_id: household.id,
        },
      ),
      404,
      'not_found',
    );
  });

  test('a team series every two weeks keeps its Dutch time across summer time', async () => {
    const bad = await call(app, team.sessions.teamLead, 'POST', '/api/v1/case-conference-series', {
      title: 'Casuïstiekoverleg',
      first_at: '2030-03-20T14:00:00+01:00',
      interval_days: 0,
    });
    assert.equal(assertProblem(bad, 400, 'validation').errors![0]!.field, 'interval_days');
    const res = await call(app, team.sessions.teamLead, 'POST', '/api/v1/case-conference-series', {
      title: 'Casuïstiekoverleg',
      first_at: '2030-03-20T14:00:00+01:00',
      location: 'Gemeentehuis Bergen',
    });
    assert.equal(res.statusCode, 201, res.body);
    const starts = res.json().conferences.map((c: { starts_at: string }) => c.starts_at);
    assert.equal(starts.length, 6);
    assert.equal(starts[0], '2030-03-20T13:00:00.000Z');
    assert.equal(starts[1], '2030-04-03T12:00:00.000Z', '14:00 summer time');
    const listed = await call(
      app,
      team.sessions.lead,
      'GET',
      '/api/v1/case-conferences?from=2030-03-01&to=2030-04-30',
    );
    assert.equal(
      listed.json().conferences.filter((c: { series_id: string }) => c.series_id === res.json().id).length,
      3,
    );
    assertProblem(
      await call(app, team.sessions.lead, 'GET', '/api/v1/case-conferences?from=2030-02-30'),
      400,
      'validation',
    );
  });
});
