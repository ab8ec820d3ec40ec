// The seeds' own stories through the HTTP API, each from first contact to aftercare, with ZRM and spider-web
// (Positieve Gezondheid) changes:
//  - Tarik and Maryam (004 §3.4): their son with ADD cannot do his homework; a case conference (MDO) with the
//    school and a youth and family coach; an evaluation is agreed.
//  - Milena (004 §3.5): debts with the health insurer, rent she cannot pay; a budget plan, the "Quick Fix".
//  - The girl from the Buitenboel (000 §3.3): she turns out to be a young caregiver; scaled up to youth care,
//    a home placement prevented, back to the front-line consultant; aftercare reopens the plan once.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../app.js';
import type { Database } from '../../platform/db/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { aUser, call, logIn, type Session } from '../../../test/helpers/factories.js';
import { aTeam, type Team } from './test-fixtures.js';

interface Change {
  instrument: string;
  code: string;
  change: number;
  first: { moment: string; score: number };
  latest: { moment: string; score: number };
}

describe('casework scenarios from the seeds', () => {
  let app: App;
  let db: Database;
  let team: Team;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
  });

  /** A call that must succeed; returns the JSON. */
  // The stories read many fields of many answers; the assertions check each one they rely on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function ok<T = any>(
    session: Session,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    body?: object,
  ): Promise<T> {
    const res = await call(app, session, method, url, body);
    assert.ok(
      res.statusCode >= 200 && res.statusCode < 300,
      `${method} ${url}: ${res.statusCode} ${res.body}`,
    );
    return res.json<T>();
  }
  const changesOf = async (session: Session, householdId: string) =>
    (await ok<{ changes: Change[] }>(session, 'GET', `/api/v1/households/${householdId}/assessments`))
      .changes;
  const changeOf = (changes: Change[], instrument: string, code: string) =>
    changes.find((c) => c.instrument === instrument && c.code === code)!;
  const aWeekFromNow = () => new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString();

  test('Tarik and Maryam: walk-in in Heiloo, a case conference with the school and a youth and family coach, evaluation agreed, aftercare', async () => {
    const { lead, colleague, admin } = team.sessions;
    const household = await ok(lead, 'POST', '/api/v1/households', {
      members: [
        {
          given_name: 'Maryam',
          family_name: 'El Idrissi',
          birth_date: '1988-02-11',
          relation: 'main-resident',
          email: 'maryam@example.nl',
        },
        { given_name: 'Tarik', family_name: 'El Idrissi', birth_date: '1985-09-30', relation: 'partner' },
        { given_name: 'Noah', family_name: 'El Idrissi', birth_date: '2014-04-02', relation: 'child' },
      ],
      address: { postcode: '1851 AA', house_number: 12, city: 'Heiloo' },
    });
    assert.equal(household.area.name, 'Heiloo');
    const id = household.id as string;
    const [maryam, , noah] = household.members as { id: string }[];

    const request = await ok(lead, 'POST', '/api/v1/support-requests', {
      household_id: id,
      channel: 'walk-in',
      question:
        'Onze zoon heeft ADD en het lukt hem niet om zijn huiswerk te maken. Wij weten niet goed hoe we hiermee om moeten gaan.',
      life_domains: ['domestic-relations', 'work-education'],
      person_id: maryam!.id,
    });
    await ok(lead, 'POST', `/api/v1/support-requests/${request.id}/response`);
    await ok(lead, 'POST', `/api/v1/households/${id}/assessments`, {
      instrument: 'zrm',
      moment: 'intake',
      scores: { 'domestic-relations': 2, 'work-education': 2, 'mental-health': 3 },
    });
    await ok(lead, 'POST', `/api/v1/households/${id}/assessments`, {
      instrument: 'positive-health',
      moment: 'intake',
      person_id: noah!.id,
      scores: { 'daily-functioning': 4, 'mental-wellbeing': 5, participation: 6 },
      talk_about: ['daily-functioning'],
    });
    let plan = await ok(lead, 'POST', `/api/v1/households/${id}/plan/goals`, {
      version: 1,
      life_domain: 'work-education',
      text: 'Noah maakt zijn huiswerk af zonder elke avond ruzie.',
    });

    // The MDO, with the family at the table.
    const conference = await ok(lead, 'POST', '/api/v1/case-conferences', {
      title: 'MDO gezin met school',
      starts_at: aWeekFromNow(),
      location: 'Basisschool in Heiloo',
      participants: [
        { kind: 'partner', name: 'Mentor', organisation: 'Basisschool' },
        { kind: 'partner', name: 'Jeugd- en gezinscoach', organisation: 'Jeugd en gezin, kennis van ADD' },
        { kind: 'resident', household_id: id, person_id: maryam!.id },
        { kind: 'professional', user_id: team.users.colleague.id },
      ],
      household_ids: [id],
    });
    const held = await ok(lead, 'POST', `/api/v1/case-conferences/${conference.id}/agenda/${id}/outcome`, {
      version: plan.version,
      note: 'De coach begeleidt Noah en de ouders naar een vaste huiswerkplek en -tijd. Evaluatie met familie en school over 6 weken.',
      actions: [
        {
          goal_id: plan.goals[0].id,
          description: 'Coaching van Noah en ouders bij het huiswerk',
          performer: 'professional',
          performer_name: 'jeugd- en gezinscoach',
        },
        { goal_id: plan.goals[0].id, description: 'Vaste huiswerktijd na het eten', performer: 'resident' },
        {
          goal_id: plan.goals[0].id,
          description: 'Evaluatie met familie en school',
          performer: 'professional',
          professional_id: team.users.lead.id,
          due_on: '2030-06-01',
        },
      ],
    });
    assert.equal(held.status, 'held');
    // The colleague at the table who does not work on the family sees only whom to ask.
    const seenByColleague = await ok(colleague, 'GET', `/api/v1/case-conferences/${conference.id}`);
    assert.equal(seenByColleague.agenda[0].label, null);

    // Maryam sees the plan in her own account and agrees.
    const resident = await aUser(db, team.tenant, {
      roles: ['resident'],
      email: `maryam-${Date.now()}@example.nl`,
    });
    await ok(lead, 'PUT', `/api/v1/households/${id}/members/${maryam!.id}/account`, {
      email: resident.email,
    });
    const maryamSession = await logIn(app, team.tenant, resident);
    plan = await ok(maryamSession, 'GET', '/api/v1/my-plan');
    assert.equal(plan.actions.length, 3);
    plan = await ok(maryamSession, 'POST', '/api/v1/my-plan/agreement', { version: plan.version });
    assert.equal(plan.agreement.current, true);

    // Evaluation: it works. Progress, then closure with the closing ZRM.
    for (const action of plan.actions)
      plan = await ok(lead, 'PATCH', `/api/v1/households/${id}/plan/actions/${action.id}`, {
        version: plan.version,
        status: 'done',
      });
    await ok(lead, 'POST', `/api/v1/households/${id}/assessments`, {
      instrument: 'positive-health',
      moment: 'progress',
      person_id: noah!.id,
      scores: { 'daily-functioning': 7, 'mental-wellbeing': 7, participation: 7 },
    });
    const closed = await ok(lead, 'POST', `/api/v1/households/${id}/closure`, {
      version: plan.version,
      outcome: 'solved-in-social-base',
      note: 'Huiswerk lukt met vaste plek en tijd; school houdt een oogje in het zeil.',
      assessments: [
        { instrument: 'zrm', scores: { 'domestic-relations': 4, 'work-education': 4, 'mental-health': 4 } },
      ],
    });
    assert.equal(closed.status, 'closed');
    const changes = await changesOf(lead, id);
    assert.deepEqual(
      [
        changeOf(changes, 'zrm', 'work-education').change,
        changeOf(changes, 'zrm', 'domestic-relations').change,
      ],
      [2, 2],
    );
    assert.equal(changeOf(changes, 'positive-health', 'daily-functioning').change, 3);
    assert.equal(changeOf(changes, 'zrm', 'work-education').latest.moment, 'closure');

    const done = await ok(lead, 'POST', `/api/v1/households/${id}/check-ins/${closed.check_ins[0].id}`, {
      result: 'fine',
      note: 'Gaat goed, evaluatie op school was positief.',
    });
    assert.equal(done.status, 'closed');

    // An administrator shows exactly who opened the file.
    await ok(lead, 'GET', `/api/v1/households/${id}`);
    const audit = await ok(admin, 'GET', `/api/v1/audit-events?record_type=household&record_id=${id}`);
    assert.ok(
      audit.events.some(
        (e: { actor: { id: string }; action: string }) =>
          e.actor.id === team.users.lead.id && e.action === 'read',
      ),
    );
  });

  test('Milena: debts with the health insurer in Uitgeest, a budget plan — the Quick Fix — closed light, aftercare', async () => {
    const { lead } = team.sessions;
    const household = await ok(lead, 'POST', '/api/v1/households', {
      members: [
        {
          given_name: 'Milena',
          family_name: 'Jovanović',
          birth_date: '1998-07-21',
          relation: 'main-resident',
        },
      ],
      address: { postcode: '1911 AB', house_number: 7, city: 'Uitgeest' },
    });
    assert.equal(household.area.name, 'Uitgeest');
    const id = household.id as string;
    await ok(lead, 'POST', '/api/v1/support-requests', {
      household_id: id,
      channel: 'phone',
      question: 'Ik heb schulden bij de zorgverzekeraar en ik kan mijn huur niet betalen.',
      life_domains: ['finances', 'housing'],
    });
    await ok(lead, 'POST', `/api/v1/households/${id}/assessments`, {
      instrument: 'zrm',
      moment: 'intake',
      scores: { finances: 2, housing: 3, 'mental-health': 3 },
    });
    await ok(lead, 'POST', `/api/v1/households/${id}/assessments`, {
      instrument: 'positive-health',
      moment: 'intake',
      scores: { 'mental-wellbeing': 4, 'quality-of-life': 5 },
      talk_about: ['mental-wellbeing'],
    });
    let plan = await ok(lead, 'POST', `/api/v1/households/${id}/plan/goals`, {
      version: 1,
      life_domain: 'finances',
      text: 'Ik wil mijn huur weer betalen en geen nieuwe schulden maken.',
    });
    const goal = plan.goals[0].id;
    for (const action of [
      {
        description: 'Budgetplan maken met de consulent',
        performer: 'professional',
        professional_id: team.users.lead.id,
      },
      { description: 'Betalingsregeling met de zorgverzekeraar', performer: 'resident' },
      {
        description: 'Drie rekeningen: leefgeld, beheerrekening en een buffer voor onvoorziene uitgaven',
        performer: 'resident',
      },
    ])
      plan = await ok(lead, 'POST', `/api/v1/households/${id}/plan/actions`, {
        version: plan.version,
        goal_id: goal,
        ...action,
      });
    // The buffer is a habit that continues after closure: closing says so.
    for (const action of plan.actions.slice(0, 2))
      plan = await ok(lead, 'PATCH', `/api/v1/households/${id}/plan/actions/${action.id}`, {
        version: plan.version,
        status: 'done',
      });
    const closed = await ok(lead, 'POST', `/api/v1/households/${id}/closure`, {
      version: plan.version,
      outcome: 'solved-in-social-base',
      open_actions: 'resident-continues',
      note: 'Quick Fix: budgetplan en regelingen getroffen.',
      assessments: [
        { instrument: 'zrm', scores: { finances: 4, housing: 4, 'mental-health': 4 } },
        { instrument: 'positive-health', scores: { 'mental-wellbeing': 7, 'quality-of-life': 7 } },
      ],
    });
    assert.equal(closed.closures[0].open_action_fate, 'resident-continues');
    const changes = await changesOf(lead, id);
    assert.equal(changeOf(changes, 'zrm', 'finances').change, 2);
    assert.equal(changeOf(changes, 'positive-health', 'mental-wellbeing').change, 3);
    const aftercare = await ok(lead, 'POST', `/api/v1/households/${id}/check-ins/${closed.check_ins[1].id}`, {
      result: 'fine',
      note: 'Een paar maanden later vertelt Milena haar verhaal aan jongeren, om hen te waarschuwen voor schulden.',
    });
    assert.equal(aftercare.status, 'closed');
    assert.equal(aftercare.check_ins[1].result, 'fine');
  });

  test('The girl from the Buitenboel: a young caregiver, scaled up to youth care and back, aftercare reopens the plan once', async () => {
    const { lead, expert } = team.sessions;
    const household = await ok(lead, 'POST', '/api/v1/households', {
      members: [
        { given_name: 'Sanne', family_name: 'de Wit', birth_date: '2012-05-05', relation: 'child' },
        { given_name: 'Ingrid', family_name: 'de Wit', birth_date: '1979-01-17', relation: 'main-resident' },
        { given_name: 'Rob', family_name: 'de Wit', birth_date: '1977-03-08', relation: 'partner' },
      ],
      address: { postcode: '1931 CC', house_number: 40, city: 'Egmond aan Zee' },
    });
    const id = household.id as string;
    const [sanne] = household.members as { id: string }[];
    await ok(lead, 'POST', '/api/v1/support-requests', {
      household_id: id,
      channel: 'signal',
      question:
        'De jongerenwerker ziet dat het niet goed gaat met Sanne. Thuis is er veel ruzie; zij zorgt voor haar zieke moeder.',
      life_domains: ['domestic-relations', 'physical-health', 'mental-health'],
      person_id: sanne!.id,
    });
    await ok(lead, 'POST', `/api/v1/households/${id}/assessments`, {
      instrument: 'zrm',
      moment: 'intake',
      scores: { 'domestic-relations': 1, 'physical-health': 2, 'work-education': 3 },
    });
    const spiderIntake = {
      'body-functions': 4,
      'mental-wellbeing': 3,
      meaning: 4,
      'quality-of-life': 3,
      participation: 5,
      'daily-functioning': 4,
    };
    await ok(lead, 'POST', `/api/v1/households/${id}/assessments`, {
      instrument: 'positive-health',
      moment: 'intake',
      person_id: sanne!.id,
      scores: spiderIntake,
      talk_about: ['mental-wellbeing', 'quality-of-life'],
    });
    let plan = await ok(lead, 'POST', `/api/v1/households/${id}/plan/goals`, {
      version: 1,
      life_domain: 'domestic-relations',
      text: 'Ik wil thuis kunnen blijven wonen en niet alles alleen hoeven doen.',
    });
    plan = await ok(lead, 'POST', `/api/v1/households/${id}/plan/actions`, {
      version: plan.version,
      description: 'Vrijwilligster in het jongerenwerk blijven; de jongerenwerker blijft aanspreekpunt',
      performer: 'own-network',
      performer_name: 'jongerenwerker',
    });

    // Youth care is needed: the expert becomes case lead, the front-line consultant stays involved.
    const up = await ok(lead, 'POST', `/api/v1/households/${id}/escalations`, {
      version: plan.version,
      expert_id: team.users.expert.id,
      area: 'youth',
      note: 'Jonge mantelzorger, erfelijke ziekte in het gezin, vader werkloos. Jeugdzorg denkt aan uithuisplaatsing.',
    });
    const provision = await ok(expert, 'POST', `/api/v1/households/${id}/provisions`, {
      area: 'youth',
      kind: 'ambulante gezinsbegeleiding',
    });
    await ok(expert, 'PATCH', `/api/v1/households/${id}/provisions/${provision.id}`, {
      status: 'granted',
      starts_on: '2025-02-01',
      ends_on: '2025-12-31',
    });
    plan = await ok(expert, 'GET', `/api/v1/households/${id}/plan`);
    plan = await ok(expert, 'POST', `/api/v1/households/${id}/plan/actions`, {
      version: plan.version,
      description: 'Ambulante gezinsbegeleiding thuis',
      performer: 'custom-provision',
    });
    assert.equal(up.case_lead.id, team.users.expert.id);
    const back = await ok(expert, 'POST', `/api/v1/households/${id}/escalations/return`, {
      version: plan.version,
      note: 'Uithuisplaatsing voorkomen; begeleiding loopt. Nazorg bij de preventieconsulent.',
    });
    assert.equal(back.case_lead.id, team.users.lead.id);

    plan = await ok(lead, 'GET', `/api/v1/households/${id}/plan`);
    let closed = await ok(lead, 'POST', `/api/v1/households/${id}/closure`, {
      version: plan.version,
      outcome: 'custom-provision',
      open_actions: 'handed-over',
      assessments: [
        { instrument: 'zrm', scores: { 'domestic-relations': 3, 'physical-health': 2, 'work-education': 4 } },
      ],
    });
    // At the first check-in she has trouble picking up the thread: the plan opens again.
    const reopened = await ok(lead, 'POST', `/api/v1/households/${id}/check-ins/${closed.check_ins[0].id}`, {
      result: 'reopen',
      note: 'Het lukt Sanne even niet om de draad op te pakken.',
    });
    assert.equal(reopened.status, 'open');
    plan = await ok(lead, 'POST', `/api/v1/households/${id}/plan/goals`, {
      version: reopened.version,
      life_domain: 'housing',
      text: 'Als ik oud genoeg ben, op kamers gaan.',
    });
    closed = await ok(lead, 'POST', `/api/v1/households/${id}/closure`, {
      version: plan.version,
      outcome: 'solved-in-social-base',
      open_actions: 'resident-continues',
      assessments: [
        {
          instrument: 'zrm',
          scores: { 'domestic-relations': 4, 'physical-health': 3, 'work-education': 4, housing: 4 },
        },
        {
          instrument: 'positive-health',
          person_id: sanne!.id,
          scores: { ...spiderIntake, 'mental-wellbeing': 6, 'quality-of-life': 6, meaning: 7 },
        },
      ],
    });
    assert.equal(closed.closures.length, 2);
    assert.deepEqual(
      closed.closures.map((c: { outcome: string }) => c.outcome),
      ['custom-provision', 'solved-in-social-base'],
    );
    const changes = await changesOf(lead, id);
    assert.equal(
      changeOf(changes, 'zrm', 'domestic-relations').change,
      3,
      'from acute (1) to sufficient (4)',
    );
    assert.deepEqual(
      changes
        .filter((c) => c.instrument === 'positive-health')
        .map((c) => [c.code, c.change])
        .sort(),
      [
        ['body-functions', 0],
        ['daily-functioning', 0],
        ['meaning', 3],
        ['mental-wellbeing', 3],
        ['participation', 0],
        ['quality-of-life', 3],
      ],
    );
    const escalations = await ok(lead, 'GET', `/api/v1/households/${id}/escalations`);
    assert.deepEqual(
      escalations.provisions.map((p: { status: string; kind: string }) => [p.kind, p.status]),
      [['ambulante gezinsbegeleiding', 'granted']],
    );
  });
});
