// Informal help through the API: a caregiver in Heiloo gets weekend respite from a trained care volunteer with a
// valid VOG (proposed, introduced, confirmed); a family in Egmond aan den Hoef gets a VoorleesExpress volunteer
// for half a year; bad input is explained and nothing half-saved; addresses stay hidden until confirmation; the
// week's batch run proposes with reasons; contact log, worries, evaluations, figures; audit entries.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import { rows, type Database } from '../../platform/db/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { aUser, call, logIn } from '../../../test/helpers/factories.js';
import { aRequest, aTeam, auditOf, aVolunteer, daysFromNow, yearsAgo, type Team } from './test-fixtures.js';

const count = async (db: Database, team: Team, table: string) =>
  (
    await db.tenant(team.tenant.id, (tx) =>
      rows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`),
    )
  )[0]!.n;

describe('volunteering: requests, volunteers and careful matching', () => {
  let app: App;
  let db: Database;
  let team: Team;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
  });

  test('a caregiver in Heiloo asks for weekend respite; a trained care volunteer with a valid VOG is proposed, introduced and confirmed', async () => {
    const { sessions, users } = team;
    const request = await aRequest(app, sessions.resident, {
      kind: 'caregiver-respite',
      description: 'Ik zorg voor mijn man. Op zaterdag wil ik een paar uur vrij.',
      display_name: 'Ria',
      place: 'Heiloo',
      address: 'Kennemerstraatweg 12, 1851 BD Heiloo',
      contact: '06 12345678',
      when: [{ day: 6, from: '10:00', to: '14:00' }],
      frequency: 'weekly',
      duration_minutes: 180,
    });
    assert.equal(
      request.address,
      'Kennemerstraatweg 12, 1851 BD Heiloo',
      'the requester sees her own address',
    );

    const anna = await aVolunteer(app, team, {
      name: 'Anna Zorg',
      place: 'Castricum',
      kinds: ['caregiver-respite', 'company'],
      fields: ['care'],
      vog_issued_on: yearsAgo(1),
      trainings: [{ training: 'care-basics', issued_on: yearsAgo(1), valid_until: daysFromNow(400) }],
      user_id: users.volunteer.id,
    });
    const bert = await aVolunteer(app, team, {
      name: 'Bert Verlopen',
      place: 'Heiloo',
      kinds: ['caregiver-respite'],
      vog_issued_on: yearsAgo(3, 10),
      trainings: [{ training: 'care-basics', issued_on: yearsAgo(2) }],
    });
    await aVolunteer(app, team, {
      name: 'Carla Ongetraind',
      place: 'Heiloo',
      kinds: ['caregiver-respite'],
      vog_issued_on: yearsAgo(1),
    });

    const cands = await call(
      app,
      sessions.coordinator,
      'GET',
      `/api/v1/help-requests/${request.id}/candidates`,
    );
    assert.equal(cands.statusCode, 200, cands.body);
    const list = cands.json().candidates as {
      name: string;
      eligible: boolean;
      reasons: { text: string }[];
      exclusions: { filter: string; text: string }[];
    }[];
    assert.deepEqual(
      list.filter((c) => c.eligible).map((c) => c.name),
      ['Anna Zorg'],
    );
    const annaReasons = list.find((c) => c.name === 'Anna Zorg')!.reasons.map((r) => r.text);
    assert.ok(
      annaReasons.some((t) => /^Afstand: \d+(\.\d)? km \(hoogstens 10 km\)$/.test(t)),
      annaReasons.join(' | '),
    );
    assert.ok(annaReasons.includes('Werkdruk: 0 van 2 koppelingen'));
    const bertOut = list.find((c) => c.name === 'Bert Verlopen')!;
    assert.deepEqual(
      bertOut.exclusions.map((e) => e.filter),
      ['vog'],
    );
    assert.match(bertOut.exclusions[0]!.text, /^VOG verlopen op \d{4}-\d{2}-\d{2}$/);
    assert.match(
      list.find((c) => c.name === 'Carla Ongetraind')!.exclusions[0]!.text,
      /mist de training care-basics/,
    );

    // Proposing the volunteer with the expired VOG is refused with the reason, and nothing is saved.
    const before = await count(db, team, 'matches');
    const refused = await call(app, sessions.coordinator, 'POST', '/api/v1/matches', {
      request_id: request.id,
      volunteer_id: bert.id,
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().detail, /VOG verlopen op/);
    assert.equal(await count(db, team, 'matches'), before);

    const proposed = await call(app, sessions.coordinator, 'POST', '/api/v1/matches', {
      request_id: request.id,
      volunteer_id: anna.id,
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    const match = proposed.json();
    assert.equal(match.status, 'proposed');
    assert.equal(match.reasons.length, 6, 'a reason per score component');

    // The volunteer sees the proposal — first name, village, kind — but no address yet.
    const own = async () => (await call(app, sessions.volunteer, 'GET', '/api/v1/me/volunteering')).json();
    let mine = await own();
    assert.equal(mine.matches[0].display_name, 'Ria');
    assert.equal(mine.matches[0].village, 'Heiloo');
    assert.equal(mine.matches[0].address, null);
    assert.equal(mine.matches[0].contact, null);

    const noPlace = await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${match.id}/status`, {
      status: 'introduced',
    });
    assert.equal(noPlace.statusCode, 400);
    assert.equal(noPlace.json().errors[0].field, 'meeting_place');
    const introduced = await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${match.id}/status`, {
      status: 'introduced',
      meeting_place: 'Buurthuis De Cirkel, Heiloo',
    });
    assert.equal(introduced.json().status, 'introduced');
    mine = await own();
    assert.equal(mine.matches[0].address, null, 'still hidden after the introduction');
    assert.equal(mine.matches[0].meeting_place, 'Buurthuis De Cirkel, Heiloo');

    const confirmed = await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${match.id}/status`, {
      status: 'confirmed',
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().trial_until, daysFromNow(28));
    mine = await own();
    assert.equal(
      mine.matches[0].address,
      'Kennemerstraatweg 12, 1851 BD Heiloo',
      'revealed after confirmation',
    );
    assert.equal(mine.matches[0].contact, '06 12345678');

    // The request is matched and off the public listing.
    const listing = await call(
      app,
      undefined,
      'GET',
      `/api/v1/help-requests/public?tenant=${team.tenant.slug}`,
    );
    assert.ok(!listing.json().requests.some((r: { id: string }) => r.id === request.id));

    const audit = await auditOf(db, team.tenant, sql`record_id in (${request.id}, ${match.id})`);
    const seen = audit.map(
      (a) => `${a.action} ${a.record_type}${a.actor_user_id === users.volunteer.id ? ' by volunteer' : ''}`,
    );
    assert.ok(seen.includes('create help_request'));
    assert.ok(seen.includes('create match'));
    assert.ok(seen.includes('update match'));
    assert.ok(
      seen.includes('read help_request by volunteer'),
      'the volunteer opening the address is audited',
    );
    await call(app, sessions.coordinator, 'GET', '/api/v1/help-requests?status=open');
    const listRead = await auditOf(db, team.tenant, sql`record_type = 'help_request' and record_id = 'list'`);
    assert.ok(
      listRead.some((a) => a.actor_user_id === users.coordinator.id),
      'reading the list is audited',
    );
  });

  test('a family in Egmond aan den Hoef gets a VoorleesExpress volunteer for half a year; the volunteer never sees casework references', async () => {
    const { sessions } = team;
    const householdRef = '0b0f6a55-59a5-4f35-8a42-f5dd1fe9b0c1';
    const request = await aRequest(app, sessions.consultant, {
      kind: 'reading-to-child',
      description: 'Voorlezen aan Noor (6) thuis, een keer per week.',
      display_name: 'Fam. B.',
      place: 'Egmond aan den Hoef',
      address: 'Herenweg 5, 1934 AB Egmond aan den Hoef',
      when: [{ day: 3, from: '15:00', to: '17:00' }],
      frequency: 'weekly',
      duration_minutes: 60,
      household_ref: householdRef,
      plan_action_ref: '4f1d7c3a-2f7c-4a39-9a3a-5a7d1d0a5e21',
    });
    const full = await call(app, sessions.coordinator, 'GET', `/api/v1/help-requests/${request.id}`);
    assert.equal(full.json().on_behalf, true);
    assert.equal(full.json().household_ref, householdRef);

    const reader = await aVolunteer(app, team, {
      name: 'Els Voorlezer',
      place: 'Egmond-Binnen',
      kinds: ['reading-to-child'],
      availability: [{ day: 3, from: '14:00', to: '18:00' }],
      vog_issued_on: yearsAgo(0, 30),
      trainings: [{ training: 'voorleesexpress', issued_on: yearsAgo(0, 20) }],
      user_id: team.users.otherVolunteer.id,
    });
    const m = (
      await call(app, sessions.coordinator, 'POST', '/api/v1/matches', {
        request_id: request.id,
        volunteer_id: reader.id,
      })
    ).json();
    await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/status`, {
      status: 'introduced',
      meeting_place: 'Bibliotheek Egmond',
    });
    const confirmed = (
      await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/status`, { status: 'confirmed' })
    ).json();
    assert.equal(confirmed.ends_on, daysFromNow(26 * 7), 'half a year');
    const active = await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/status`, {
      status: 'active',
    });
    assert.equal(active.json().status, 'active');
    const renewed = await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/renew`);
    assert.equal(renewed.json().ends_on, daysFromNow(52 * 7), 'renewable for another half year');

    const mine = await call(app, sessions.otherVolunteer, 'GET', '/api/v1/me/volunteering');
    assert.equal(mine.statusCode, 200);
    assert.ok(!mine.body.includes(householdRef), 'no household reference');
    assert.ok(!mine.body.includes('plan_action'), 'no plan action');
    assert.equal(mine.json().matches[0].address, 'Herenweg 5, 1934 AB Egmond aan den Hoef');
    // The other volunteer cannot touch this match; volunteers have no access to requests or case files.
    for (const url of [
      `/api/v1/help-requests/${request.id}`,
      '/api/v1/help-requests',
      `/api/v1/matches/${m.id}`,
    ])
      assert.equal((await call(app, sessions.volunteer, 'GET', url)).statusCode, 403, url);
    const foreign = await call(
      app,
      sessions.volunteer,
      'POST',
      `/api/v1/me/volunteering/matches/${m.id}/contacts`,
      { what: 'x' },
    );
    assert.equal(foreign.statusCode, 404);
  });

  test('the public listing shows first name, village, kind and when — no address, contact or story', async () => {
    const request = await aRequest(app, team.sessions.resident, {
      kind: 'shopping',
      description: 'Ik ben net geopereerd aan mijn heup.',
      display_name: 'J.',
      place: '1901',
      address: 'Dorpsstraat 99, 1901 AA Castricum',
      contact: 'jan@example.nl',
    });
    const res = await call(app, undefined, 'GET', `/api/v1/help-requests/public?tenant=${team.tenant.slug}`);
    assert.equal(res.statusCode, 200);
    const item = res.json().requests.find((r: { id: string }) => r.id === request.id);
    assert.deepEqual(
      { name: item.display_name, village: item.village, kind: item.kind_text, when: item.when },
      { name: 'J.', village: 'Castricum', kind: 'boodschappen', when: ['zaterdag 10:00–16:00'] },
    );
    for (const secret of ['Dorpsstraat', 'jan@example.nl', 'heup'])
      assert.ok(!res.body.includes(secret), secret);
  });

  test('bad input: no kind or place, a window ending before it starts, an end before the start — clear messages, nothing saved', async () => {
    const before = await count(db, team, 'help_requests');
    const empty = await call(app, team.sessions.resident, 'POST', '/api/v1/help-requests', {
      description: 'Hulp',
    });
    assert.equal(empty.statusCode, 400);
    const fields = empty.json().errors.map((e: { field: string }) => e.field);
    assert.ok(fields.includes('kind') && fields.includes('place') && fields.includes('when'), fields.join());
    assert.equal(
      empty.json().errors.find((e: { field: string }) => e.field === 'kind').message,
      'Kies wat voor hulp het is.',
    );

    const backwards = await call(app, team.sessions.resident, 'POST', '/api/v1/help-requests', {
      kind: 'lift',
      description: 'Naar het ziekenhuis',
      display_name: 'P.',
      place: 'Limmen',
      when: [{ day: 2, from: '14:00', to: '09:00' }],
      starts_on: '2026-12-10',
      ends_on: '2026-12-01',
    });
    assert.equal(backwards.statusCode, 400);
    assert.deepEqual(
      backwards.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [
        ['ends_on', 'De einddatum moet op of na de begindatum liggen.'],
        ['when.0', 'De eindtijd moet na de begintijd liggen.'],
      ],
    );
    const unknownPlace = await call(app, team.sessions.resident, 'POST', '/api/v1/help-requests', {
      kind: 'lift',
      description: 'x',
      display_name: 'P.',
      place: 'Amsterdam',
      when: [{ day: 2, from: '09:00', to: '10:00' }],
    });
    assert.equal(
      unknownPlace.json().errors[0].message,
      'Dit dorp of deze postcode kennen wij niet in deze gemeente.',
    );
    assert.equal(await count(db, team, 'help_requests'), before);

    const badVolunteer = await call(app, team.sessions.coordinator, 'POST', '/api/v1/volunteers', {
      name: 'X',
      birth_date: '1980-01-01',
      place: 'Heiloo',
      categories: ['executing'],
      kinds: ['lift'],
      availability: [{ day: 1, from: '18:00', to: '08:00' }],
      vog_issued_on: daysFromNow(3),
    });
    assert.equal(badVolunteer.statusCode, 400);
    assert.deepEqual(
      badVolunteer
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['availability.0', 'vog_issued_on'],
    );
  });

  test('a proposal for a volunteer at capacity is refused with a clear message and nothing saved', async () => {
    const busy = await aVolunteer(app, team, {
      name: 'Dirk Druk',
      place: 'Uitgeest',
      kinds: ['lift'],
      capacity_at_once: 1,
    });
    const r1 = await aRequest(app, team.sessions.resident, { kind: 'lift', place: 'Uitgeest' });
    const r2 = await aRequest(app, team.sessions.resident, { kind: 'lift', place: 'Uitgeest' });
    const ok = await call(app, team.sessions.coordinator, 'POST', '/api/v1/matches', {
      request_id: r1.id,
      volunteer_id: busy.id,
    });
    assert.equal(ok.statusCode, 201);
    const before = await count(db, team, 'matches');
    const full = await call(app, team.sessions.coordinator, 'POST', '/api/v1/matches', {
      request_id: r2.id,
      volunteer_id: busy.id,
    });
    assert.equal(full.statusCode, 409);
    assert.equal(
      full.json().detail,
      'Dirk Druk heeft geen ruimte meer: 1 van 1 koppelingen tegelijk, of het maximum per maand is bereikt.',
    );
    assert.equal(await count(db, team, 'matches'), before);
    // Saying no frees the volunteer, and the pair is not proposed again.
    const decline = await call(
      app,
      team.sessions.coordinator,
      'POST',
      `/api/v1/matches/${ok.json().id}/status`,
      { status: 'declined', declined_by: 'requester' },
    );
    assert.equal(decline.json().status, 'declined');
    const again = await call(app, team.sessions.coordinator, 'POST', '/api/v1/matches', {
      request_id: r1.id,
      volunteer_id: busy.id,
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().detail, /eerder afgewezen/);
    const wrongStep = await call(
      app,
      team.sessions.coordinator,
      'POST',
      `/api/v1/matches/${ok.json().id}/status`,
      { status: 'active' },
    );
    assert.equal(wrongStep.statusCode, 409);
    assert.match(wrongStep.json().detail, /"niet doorgegaan" kan niet naar "loopt"/);
  });
});

describe('volunteering: the week’s matching run, follow-up and figures', () => {
  let app: App;
  let db: Database;
  let team: Team;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
  });

  test('the batch run proposes short tasks with a reason per component, never buddies', async () => {
    const { sessions } = team;
    await aVolunteer(app, team, {
      name: 'Frank Rijdt',
      place: 'Bergen',
      kinds: ['lift', 'shopping'],
      interests: ['fietsen'],
    });
    await aVolunteer(app, team, {
      name: 'Greet Boodschap',
      place: 'Schoorl',
      kinds: ['shopping'],
      capacity_at_once: 1,
    });
    await aVolunteer(app, team, {
      name: 'Hans Maatje',
      place: 'Bergen',
      kinds: ['buddy'],
      vog_issued_on: yearsAgo(1),
      trainings: [{ training: 'buddy-course', issued_on: yearsAgo(1) }],
    });
    const lift = await aRequest(app, sessions.resident, { kind: 'lift', place: 'Bergen', urgency: 'urgent' });
    const shop = await aRequest(app, sessions.resident, {
      kind: 'shopping',
      place: 'Schoorl',
      interests: ['fietsen'],
    });
    const buddy = await aRequest(app, sessions.resident, { kind: 'buddy', place: 'Bergen' });
    const far = await aRequest(app, sessions.resident, { kind: 'odd-jobs', place: 'Uitgeest' });

    const bad = await call(app, sessions.coordinator, 'POST', '/api/v1/matching-runs', {
      weights: { distance: 0, interests: 0, language: 0, workload: 0, waiting: 0, continuity: 0 },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].message, 'Geef minstens 1 onderdeel een gewicht hoger dan 0.');

    const res = await call(app, sessions.coordinator, 'POST', '/api/v1/matching-runs', {
      weights: { distance: 5 },
    });
    assert.equal(res.statusCode, 201, res.body);
    const run = res.json();
    assert.equal(run.weights.distance, 5);
    const byRequest = new Map(run.proposals.map((p: { request_id: string }) => [p.request_id, p]));
    assert.equal(byRequest.size, 2);
    assert.equal((byRequest.get(lift.id) as { volunteer_name: string }).volunteer_name, 'Frank Rijdt');
    assert.equal((byRequest.get(shop.id) as { volunteer_name: string }).volunteer_name, 'Greet Boodschap');
    for (const p of run.proposals as { reasons: { component: string; text: string }[]; status: string }[]) {
      assert.equal(p.status, 'proposed');
      assert.deepEqual(
        p.reasons.map((r) => r.component),
        ['distance', 'interests', 'language', 'workload', 'waiting', 'continuity'],
      );
      assert.ok(p.reasons.every((r) => r.text.length > 5));
    }
    assert.ok(!byRequest.has(buddy.id), 'buddies are never matched automatically');
    assert.deepEqual(run.unmatched, [
      {
        request_id: far.id,
        display_name: 'T.',
        kind: 'odd-jobs',
        village: 'Uitgeest',
        reason: 'Geen vrijwilliger komt door de harde eisen.',
      },
    ]);
    // A second run does not propose the same requests twice.
    const second = (await call(app, sessions.coordinator, 'POST', '/api/v1/matching-runs', {})).json();
    assert.equal(second.proposals.length, 0);

    // The buddy shortlist is there for the coordinator to choose from by hand.
    const shortlist = (
      await call(app, sessions.coordinator, 'GET', `/api/v1/help-requests/${buddy.id}/candidates`)
    ).json();
    assert.equal(shortlist.candidates[0].name, 'Hans Maatje');
    assert.equal(shortlist.candidates[0].eligible, true);
  });

  test('contact log, a worry to the social team in one click, evaluations and the overdue list', async () => {
    const { sessions, users } = team;
    const vol = await aVolunteer(app, team, {
      name: 'Ivo Klus',
      place: 'Akersloot',
      kinds: ['odd-jobs'],
      user_id: users.volunteer.id,
    });
    const req = await aRequest(app, sessions.resident, {
      kind: 'odd-jobs',
      place: 'Akersloot',
      address: 'Kerkweg 1',
    });
    const m = (
      await call(app, sessions.coordinator, 'POST', '/api/v1/matches', {
        request_id: req.id,
        volunteer_id: vol.id,
      })
    ).json();
    const early = await call(
      app,
      sessions.volunteer,
      'POST',
      `/api/v1/me/volunteering/matches/${m.id}/contacts`,
      { what: 'Lamp opgehangen' },
    );
    assert.equal(early.statusCode, 409, 'no contact log before confirmation');
    await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/status`, { status: 'confirmed' });

    const noWhat = await call(
      app,
      sessions.volunteer,
      'POST',
      `/api/v1/me/volunteering/matches/${m.id}/contacts`,
      { what: ' ' },
    );
    assert.equal(noWhat.statusCode, 400);
    const logged = await call(
      app,
      sessions.volunteer,
      'POST',
      `/api/v1/me/volunteering/matches/${m.id}/contacts`,
      {
        what: 'Lamp opgehangen. Mevrouw was erg verward en had niets te eten in huis.',
        worrying: true,
      },
    );
    assert.equal(logged.statusCode, 201, logged.body);
    const flag = await call(
      app,
      sessions.volunteer,
      'POST',
      `/api/v1/me/volunteering/contacts/${logged.json().id}/flag`,
    );
    assert.equal(flag.statusCode, 204);
    // The worry is a signal in the social team's triage list, reported by a volunteer, about the household.
    const triage = await call(app, sessions.consultant, 'GET', '/api/v1/signals?status=all');
    assert.equal(triage.statusCode, 200, triage.body);
    const [signalId] = await db.tenant(team.tenant.id, (tx) =>
      rows<{ signal_id: string }>(
        tx,
        sql`select signal_id from volunteer_contact_log where id = ${logged.json().id}`,
      ),
    );
    const listed = triage.json().signals.find((x: { id: string }) => x.id === signalId?.signal_id);
    assert.ok(listed, 'the flagged worry is in the triage list');
    assert.equal(listed.about, 'person');
    assert.equal(listed.area?.name, 'Akersloot');
    const details = (await call(app, sessions.consultant, 'GET', `/api/v1/signals/${listed.id}`)).json();
    assert.match(details.description, /verward/);
    assert.equal(details.person.name, 'T.');
    assert.equal(details.person.street, 'Kerkweg 1');
    assert.deepEqual([details.reporter.role, details.category.code], ['volunteer', 'not-right']);
    // The volunteer who passed it on sees that it was received, nothing of the triage or the person.
    const own = await call(app, sessions.volunteer, 'GET', `/api/v1/signals/${listed.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().view, 'status');
    assert.equal(own.json().description, undefined);
    assert.equal(own.json().person, undefined);
    assert.equal((await call(app, sessions.volunteer, 'GET', '/api/v1/signals')).statusCode, 403);
    const stranger = await call(app, sessions.otherVolunteer, 'GET', `/api/v1/signals/${listed.id}`);
    assert.equal(stranger.statusCode, 404);
    const page = await call(app, sessions.volunteer, 'GET', '/mijn-vrijwilligerswerk');
    assert.match(page.body, /doorgegeven aan het sociaal team/);
    const twice = await call(
      app,
      sessions.volunteer,
      'POST',
      `/api/v1/me/volunteering/contacts/${logged.json().id}/flag`,
    );
    assert.equal(twice.statusCode, 409);
    const worries = await call(app, sessions.consultant, 'GET', '/api/v1/volunteering/worries');
    assert.equal(worries.statusCode, 200);
    assert.match(worries.json().worries[0].what, /verward/);
    assert.equal(worries.json().worries[0].volunteer_name, 'Ivo Klus');
    assert.equal((await call(app, sessions.policy, 'GET', '/api/v1/volunteering/worries')).statusCode, 403);

    // The evaluation date passes: the coordinator sees it overdue until both sides evaluated.
    await db.tenant(team.tenant.id, (tx) =>
      tx.execute(sql`update matches set evaluation_due_on = ${daysFromNow(-2)} where id = ${m.id}`),
    );
    const overdue = async () =>
      (await call(app, sessions.coordinator, 'GET', '/api/v1/matches/overdue-evaluations'))
        .json()
        .matches.map((x: { id: string }) => x.id);
    assert.deepEqual(await overdue(), [m.id]);
    const badRating = await call(
      app,
      sessions.volunteer,
      'POST',
      `/api/v1/me/volunteering/matches/${m.id}/evaluation`,
      { rating: 9 },
    );
    assert.equal(badRating.statusCode, 400);
    assert.equal(
      (
        await call(app, sessions.volunteer, 'POST', `/api/v1/me/volunteering/matches/${m.id}/evaluation`, {
          rating: 4,
          go_on: true,
        })
      ).statusCode,
      201,
    );
    assert.deepEqual(await overdue(), [m.id], 'one side is not enough');
    const other = await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/evaluations`, {
      side: 'requester',
      rating: 5,
      go_on: true,
      note: 'Heel fijn',
    });
    assert.equal(other.statusCode, 201, other.body);
    assert.deepEqual(await overdue(), []);

    const ended = await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/status`, {
      status: 'ended-early',
    });
    assert.equal(ended.statusCode, 400);
    assert.equal(ended.json().errors[0].field, 'reason');
    const endedOk = await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/status`, {
      status: 'ended-early',
      reason: 'Mevrouw is verhuisd',
    });
    assert.equal(endedOk.json().status, 'ended-early');
    assert.equal(
      (await call(app, sessions.coordinator, 'GET', `/api/v1/help-requests/${req.id}`)).json().status,
      'open',
      'the request needs a new helper',
    );
  });

  test('a buddy pair: shortlist, introduction at a neutral place, and the volunteer may say no', async () => {
    const { sessions } = team;
    const nina = await aUser(db, team.tenant, { roles: ['volunteer'], name: 'Nina Maatje' });
    const ninaSession = await logIn(app, team.tenant, nina);
    // One account belongs to one volunteer.
    const taken = await call(app, sessions.coordinator, 'POST', '/api/v1/volunteers', {
      name: 'Dubbel',
      birth_date: '1980-01-01',
      place: 'Heiloo',
      categories: ['executing'],
      kinds: ['lift'],
      user_id: team.users.volunteer.id,
    });
    assert.equal(taken.statusCode, 400);
    assert.equal(taken.json().errors[0].message, 'Dit account hoort al bij een andere vrijwilliger.');
    const buddy = await aVolunteer(app, team, {
      name: 'Nina Maatje',
      place: 'Heiloo',
      kinds: ['buddy'],
      interests: ['wandelen', 'koken'],
      vog_issued_on: yearsAgo(1),
      trainings: [{ training: 'buddy-course', issued_on: yearsAgo(1) }],
      user_id: nina.id,
    });
    const req = await aRequest(app, sessions.consultant, {
      kind: 'buddy',
      place: 'Heiloo',
      display_name: 'W.',
      interests: ['wandelen'],
      address: 'Stationsweg 3, Heiloo',
    });
    const shortlist = (
      await call(app, sessions.coordinator, 'GET', `/api/v1/help-requests/${req.id}/candidates`)
    ).json();
    assert.equal(shortlist.candidates[0].name, 'Nina Maatje');
    assert.ok(
      shortlist.candidates[0].reasons.some(
        (r: { text: string }) => r.text === 'Gedeelde interesses: wandelen',
      ),
    );
    const m = (
      await call(app, sessions.coordinator, 'POST', '/api/v1/matches', {
        request_id: req.id,
        volunteer_id: buddy.id,
      })
    ).json();
    await call(app, sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/status`, {
      status: 'introduced',
      meeting_place: 'Het Open Huis, Heiloo',
    });

    const no = await call(app, ninaSession, 'POST', `/api/v1/me/volunteering/matches/${m.id}/decline`, {
      reason: 'Het klikte niet',
    });
    assert.equal(no.statusCode, 204, no.body);
    const after = (await call(app, sessions.coordinator, 'GET', `/api/v1/matches/${m.id}`)).json();
    assert.deepEqual(
      [after.status, after.declined_by, after.end_reason],
      ['declined', 'volunteer', 'Het klikte niet'],
    );
    const mine = (await call(app, ninaSession, 'GET', '/api/v1/me/volunteering')).json();
    assert.equal(
      mine.matches.find((x: { id: string }) => x.id === m.id).address,
      null,
      'never confirmed, never an address',
    );
    const again = (
      await call(app, sessions.coordinator, 'GET', `/api/v1/help-requests/${req.id}/candidates`)
    ).json();
    assert.deepEqual(
      again.candidates
        .find((c: { name: string }) => c.name === 'Nina Maatje')
        .exclusions.map((e: { text: string }) => e.text),
      ['deze koppeling is eerder afgewezen'],
    );
    assert.equal(
      (await call(app, sessions.coordinator, 'GET', `/api/v1/help-requests/${req.id}`)).json().status,
      'open',
    );
  });

  test('figures: small counts "< 5", shares only over enough requests, CSV with semicolons', async () => {
    const res = await call(app, team.sessions.policy, 'GET', '/api/v1/volunteering/figures');
    assert.equal(res.statusCode, 200, res.body);
    const f = res.json();
    assert.equal(f.matches, '< 5');
    assert.equal(f.median_days_to_match, null, 'too few matches for a median');
    const lift = f.requests_by_kind.find((c: { label: string }) => c.label === 'vervoer (een lift)');
    assert.deepEqual(lift, { label: 'vervoer (een lift)', value: null, shown: '< 5' });
    assert.deepEqual(
      f.active_volunteers_by_category.find((c: { label: string }) => c.label === 'bestuurlijk'),
      { label: 'bestuurlijk', value: 0, shown: '0' },
    );
    assert.ok(f.active_volunteers_by_area.some((c: { label: string }) => c.label === 'Bergen'));
    const csv = await call(app, team.sessions.policy, 'GET', '/api/v1/volunteering/figures.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.body, /Hulpvragen per soort hulp;vervoer \(een lift\);< 5/);
    assert.equal(
      (await call(app, team.sessions.volunteer, 'GET', '/api/v1/volunteering/figures')).statusCode,
      403,
    );
    const badPeriod = await call(
      app,
      team.sessions.policy,
      'GET',
      '/api/v1/volunteering/figures?from=2026-12-01&to=2026-01-01',
    );
    assert.equal(badPeriod.statusCode, 400);
  });

  test('the API is in the OpenAPI document', async () => {
    const doc = (await call(app, undefined, 'GET', '/api/openapi.json')).json();
    for (const path of [
      '/api/v1/help-requests',
      '/api/v1/help-offers',
      '/api/v1/volunteers',
      '/api/v1/matches',
      '/api/v1/matching-runs',
    ])
      assert.ok(doc.paths[path], path);
  });

  test('offers: a volunteer offers their own help, an organisation needs its name', async () => {
    await aVolunteer(app, team, {
      name: 'Jet Aanbod',
      place: 'Heiloo',
      kinds: ['digital'],
      user_id: team.users.otherVolunteer.id,
    });
    const own = await call(app, team.sessions.otherVolunteer, 'POST', '/api/v1/help-offers', {
      kind: 'digital',
      description: 'Ik help met de telefoon en DigiD.',
      place: 'Heiloo',
      when: [{ day: 2, from: '10:00', to: '12:00' }],
    });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(own.json().by, 'Jet Aanbod');
    const org = await call(app, team.sessions.provider, 'POST', '/api/v1/help-offers', {
      kind: 'lift',
      description: 'Buurtbus',
      place: 'Limmen',
    });
    assert.equal(org.statusCode, 400);
    assert.equal(org.json().errors[0].field, 'organization_name');
    const orgOk = await call(app, team.sessions.provider, 'POST', '/api/v1/help-offers', {
      kind: 'lift',
      description: 'Buurtbus',
      place: 'Limmen',
      organization_name: 'Buurtbus Limmen',
    });
    assert.equal(orgOk.statusCode, 201);
    const offers = (await call(app, team.sessions.coordinator, 'GET', '/api/v1/help-offers')).json().offers;
    assert.deepEqual(offers.map((o: { by: string }) => o.by).sort(), ['Buurtbus Limmen', 'Jet Aanbod']);
  });
});
