// Provider edits go live after a coordinator approves them: proposals through the API, the moderation queue
// with its diff, approval through the directory's own import, rejection with a reason, and bad input.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../../app.js';
import { searchAudit } from '../../../platform/audit/index.js';
import { rows, type Database } from '../../../platform/db/index.js';
import type { Session } from '../../../../test/helpers/factories.js';
import { call } from '../../../../test/helpers/factories.js';
import { assertProblem } from '../../../../test/api/support.js';
import { testApp } from '../../../../test/helpers/app.js';
import { importHsds } from '../hsds-import.js';
import type { CompiledService } from '../schemas.js';
import { dateInNetherlands } from './dates.js';
import { OTHER_OFFER, OWN_OFFER, curationWorld, mailsTo, sessions, type World } from './test-fixtures.js';

interface ChangeRequest {
  id: string;
  service_id: string;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  author: { id: string; name: string } | null;
  changes: { field: string; label: string; old: string | null; new: string | null }[];
  proposed: CompiledService;
}

/** The opening hours of Koffie-inloop Schoorl with the start time moved to 09:30. */
function earlierHours(service: CompiledService) {
  const s = service.schedules![0]!;
  return {
    schedules: [
      {
        id: s.id,
        freq: s.freq,
        byday: s.byday,
        opens_at: '09:30',
        closes_at: s.closes_at,
        description: 'Elke donderdagochtend van 9.30 tot 11.30 uur',
      },
    ],
  };
}

describe('directory curation: proposals and moderation', () => {
  let app: App;
  let db: Database;
  let w: World;
  let as: Awaited<ReturnType<typeof sessions>>;
  let original: CompiledService;

  const service = async (id: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/services/${id}?tenant=${w.tenant.slug}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<CompiledService>();
  };
  const propose = (who: Session, id: string, body: unknown) =>
    call(app, who, 'PUT', `/api/v1/services/${id}/proposal`, body);
  const decide = (who: Session, id: string, body: unknown) =>
    call(app, who, 'PATCH', `/api/v1/change-requests/${id}`, body);
  const pendingCount = async (serviceId: string) => {
    const [row] = await db.tenant(w.tenant.id, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from directory_change_requests where service_id = ${serviceId} and status = 'pending'`,
      ),
    );
    return Number(row!.n);
  };

  before(async () => {
    ({ app, db } = await testApp());
    w = await curationWorld(db);
    as = await sessions(app, w);
    original = await service(OWN_OFFER);
  });

  test('a provider proposes new opening hours for its own offer: stored as pending, not live', async () => {
    const res = await propose(as.provider, OWN_OFFER, {
      ...earlierHours(original),
      note: 'We beginnen eerder.',
    });
    assert.equal(res.statusCode, 200, res.body);
    const cr = res.json<ChangeRequest>();
    assert.equal(cr.status, 'pending');
    assert.equal(cr.service_id, OWN_OFFER);
    assert.equal(cr.author?.id, w.provider.id);
    assert.equal(cr.proposed.schedules![0]!.opens_at, '09:30');

    // The offer residents see has not changed.
    assert.deepStrictEqual(await service(OWN_OFFER), original);

    // The coordinator finds it in the queue, with a readable diff field by field.
    const queue = await call(app, as.coordinator, 'GET', '/api/v1/change-requests?status=pending');
    assert.equal(queue.statusCode, 200, queue.body);
    const listed = queue.json<{ contents: ChangeRequest[] }>().contents;
    assert.deepEqual(
      listed.map((c) => c.id),
      [cr.id],
    );
    assert.deepEqual(
      listed[0]!.changes.map((c) => [c.field, c.label, c.old, c.new]),
      [
        ['schedules.0.opens_at', 'Tijd 1: Van (begintijd)', '10:00', '09:30'],
        [
          'schedules.0.description',
          'Tijd 1: Omschrijving van de tijd',
          'Elke donderdagochtend van 10.00 tot 11.30 uur',
          'Elke donderdagochtend van 9.30 tot 11.30 uur',
        ],
      ],
    );
  });

  test('the diff lists every changed field: texts, ages, contact, a new and a removed time', async () => {
    const other = w.corpus.find((s) => s.organization_id === original.organization_id && s.id !== OWN_OFFER)!;
    const res = await propose(as.provider, other.id, {
      description: 'Nieuwe beschrijving.',
      fees_description: 'Gratis',
      minimum_age: 18,
      phone: '072 123 45 67',
      schedules: [{ freq: 'MONTHLY', byday: '2WE,4WE', opens_at: '14:00', closes_at: '16:00' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const lines = res.json<ChangeRequest>().changes;
    const byField = new Map(lines.map((l) => [l.field, l]));
    assert.equal(byField.get('description')?.new, 'Nieuwe beschrijving.');
    assert.equal(byField.get('minimum_age')?.label, 'Minimumleeftijd');
    assert.equal(byField.get('minimum_age')?.new, '18');
    assert.equal(byField.get('phone')?.new, '072 123 45 67');
    assert.equal(byField.get('schedules.0')?.label, 'Tijd 1 (nieuw)');
    assert.equal(byField.get('schedules.0')?.new, 'Elke 2e en 4e woensdag van de maand, van 14:00 tot 16:00');
    assert.equal(byField.get('schedules.0')?.old, null);
    const removed = byField.get('schedules.0.removed');
    assert.equal(removed?.label, 'Tijd 1 (verwijderd)');
    assert.ok(removed.old, 'the removed time is described');
    assert.equal(removed.new, null);
    // Clean up: reject, so the queue of the next tests holds only what they make.
    const [pending] = (
      await call(app, as.coordinator, 'GET', `/api/v1/change-requests?service_id=${other.id}`)
    ).json<{ contents: ChangeRequest[] }>().contents;
    assert.equal(
      (await decide(as.coordinator, pending!.id, { status: 'rejected', reason: 'Test.' })).statusCode,
      200,
    );
  });

  test("a provider cannot propose for another organisation's offer; one without a link for none (403)", async () => {
    const other = assertProblem(
      await propose(as.provider, OTHER_OFFER, { description: 'Kaping' }),
      403,
      'forbidden',
    );
    assert.equal(other.detail, 'U mag alleen het aanbod van uw eigen organisatie wijzigen.');
    assertProblem(await propose(as.stranger, OWN_OFFER, { description: 'Kaping' }), 403, 'forbidden');
    assertProblem(
      await call(app, as.stranger, 'POST', `/api/v1/services/${OWN_OFFER}/confirmation`),
      403,
      'forbidden',
    );
    assertProblem(
      await call(app, as.stranger, 'GET', `/api/v1/services/${OWN_OFFER}/proposal`),
      403,
      'forbidden',
    );
    // Roles without the permission are refused at the route; an unknown offer is a 404, not a 403.
    assertProblem(await propose(as.resident, OWN_OFFER, { description: 'x' }), 403, 'forbidden');
    assertProblem(await propose(as.administrator, OWN_OFFER, { description: 'x' }), 403, 'forbidden');
    assertProblem(
      await propose(as.provider, '00000000-0000-4000-8000-000000000000', { description: 'x' }),
      404,
      'not_found',
    );
    assert.equal(await pendingCount(OTHER_OFFER), 0);
    // Providers do not moderate.
    assertProblem(await call(app, as.provider, 'GET', '/api/v1/change-requests'), 403, 'forbidden');
  });

  test('approval puts the change live: GET /api/v1/services/{id} shows the new opening hours', async () => {
    const [cr] = (await call(app, as.coordinator, 'GET', '/api/v1/change-requests')).json<{
      contents: ChangeRequest[];
    }>().contents;
    assert.ok(cr);
    const approved = await decide(as.coordinator, cr.id, { status: 'approved' });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json<ChangeRequest>().status, 'approved');

    const live = await service(OWN_OFFER);
    assert.equal(live.schedules![0]!.opens_at, '09:30');
    assert.equal(live.schedules![0]!.description, 'Elke donderdagochtend van 9.30 tot 11.30 uur');
    assert.equal(live.schedules![0]!.id, original.schedules![0]!.id, 'ids are kept');
    // The copy of the hours on the location follows.
    assert.equal(live.service_at_locations![0]!.schedules![0]!.opens_at, '09:30');
    assert.equal(
      live.service_at_locations![0]!.schedules![0]!.id,
      original.service_at_locations![0]!.schedules![0]!.id,
    );
    assert.equal(live.assured_date, dateInNetherlands(new Date()), 'checked today');
    assert.notEqual(live.last_modified, original.last_modified);
    // Nothing else changed.
    const { schedules: _a, service_at_locations: _b, assured_date: _c, last_modified: _d, ...rest } = live;
    const { schedules: _e, service_at_locations: _f, last_modified: _g, ...before } = original;
    assert.deepStrictEqual(rest, before);
    assert.deepStrictEqual(
      await service(OTHER_OFFER),
      w.corpus.find((s) => s.id === OTHER_OFFER),
    );

    // The approval is in the audit log; the provider gets an e-mail and sees the outcome.
    const audit = await db.tenant(w.tenant.id, (tx) =>
      searchAudit(tx, { recordType: 'change-request', recordId: cr.id }),
    );
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actorUserId, w.coordinator.id);
    assert.equal(audit[0]!.subjectUserId, w.provider.id);
    const mails = await mailsTo(db, w.tenant, w.provider.email);
    assert.ok(mails.some((m) => /goedgekeurd: Koffie-inloop Schoorl/.test(m.subject)));
    const mine = await call(app, as.provider, 'GET', '/api/v1/my/services');
    assert.equal(mine.statusCode, 200, mine.body);
    const offer = mine
      .json<{
        organizations: {
          services: { id: string; change_request: { status: string } | null; stale: boolean }[];
        }[];
      }>()
      .organizations.flatMap((o) => o.services)
      .find((s) => s.id === OWN_OFFER);
    assert.equal(offer?.change_request?.status, 'approved');
    assert.equal(offer?.stale, false);

    // A decided request cannot be decided again.
    assertProblem(
      await decide(as.coordinator, cr.id, { status: 'rejected', reason: 'Toch niet' }),
      409,
      'conflict',
    );
  });

  test('rejection keeps the old data, records the reason and tells the provider', async () => {
    const before = await service(OWN_OFFER);
    const res = await propose(as.provider, OWN_OFFER, { name: 'Koffie-inloop Schoorl en Groet' });
    const cr = res.json<ChangeRequest>();
    const noReason = assertProblem(
      await decide(as.coordinator, cr.id, { status: 'rejected' }),
      400,
      'validation',
    );
    assert.deepEqual(noReason.errors, [
      { field: 'reason', message: 'Schrijf op waarom u de wijziging afwijst. De aanbieder leest dit.' },
    ]);
    assertProblem(
      await decide(as.coordinator, cr.id, { status: 'rejected', reason: '   ' }),
      400,
      'validation',
    );
    const rejected = await decide(as.coordinator, cr.id, {
      status: 'rejected',
      reason: 'In Groet is er geen koffie-inloop.',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(rejected.json<ChangeRequest>().status, 'rejected');
    assert.equal(rejected.json<ChangeRequest>().reason, 'In Groet is er geen koffie-inloop.');
    assert.deepStrictEqual(await service(OWN_OFFER), before);

    const mail = (await mailsTo(db, w.tenant, w.provider.email)).find((m) =>
      m.subject.includes('afgewezen: Koffie-inloop Schoorl'),
    );
    assert.match(mail?.textBody ?? '', /De reden:\nIn Groet is er geen koffie-inloop\./);
    const audit = await db.tenant(w.tenant.id, (tx) =>
      searchAudit(tx, { recordType: 'change-request', recordId: cr.id }),
    );
    assert.equal(audit.length, 1);
    const decided = await call(app, as.coordinator, 'GET', '/api/v1/change-requests?status=rejected');
    assert.ok(decided.json<{ contents: ChangeRequest[] }>().contents.some((c) => c.id === cr.id));
  });

  test('bad input gets Dutch field errors and writes nothing', async () => {
    const bad = await propose(as.provider, OWN_OFFER, {
      description: '   ',
      minimum_age: 200,
      email: 'geen-adres',
      schedules: [
        {
          id: original.schedules![0]!.id,
          freq: 'WEEKLY',
          byday: 'TH',
          opens_at: '25:00',
          closes_at: '11:30',
        },
      ],
    });
    const problem = assertProblem(bad, 400, 'validation');
    assert.deepEqual(problem.errors, [
      { field: 'minimum_age', message: 'Vul een leeftijd in hele jaren in, van 0 tot 120.' },
      { field: 'description', message: 'Vul een beschrijving in: wat is het aanbod?' },
      { field: 'email', message: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.' },
      { field: 'schedules.0.opens_at', message: 'Vul een tijd in als uu:mm, bijvoorbeeld 09:30.' },
    ]);
    const order = assertProblem(
      await propose(as.provider, OWN_OFFER, {
        schedules: [{ freq: 'WEEKLY', byday: 'XX', opens_at: '12:00', closes_at: '11:00' }, {}],
      }),
      400,
      'validation',
    );
    assert.deepEqual(order.errors, [
      { field: 'schedules.0.closes_at', message: 'De eindtijd moet later zijn dan de begintijd.' },
      {
        field: 'schedules.0.byday',
        message: 'Deze dagen kloppen niet. Gebruik bijvoorbeeld MO,WE of 1TU,3TU.',
      },
      { field: 'schedules.1', message: 'Vul deze tijd in, of laat hem weg.' },
    ]);
    const unknownTime = assertProblem(
      await propose(as.provider, OWN_OFFER, {
        schedules: [{ id: '00000000-0000-4000-8000-000000000000', opens_at: '10:00' }],
      }),
      400,
      'validation',
    );
    assert.equal(unknownTime.errors?.[0]?.message, 'Deze tijd hoort niet bij dit aanbod.');
    // The schema itself refuses what is not even text.
    assertProblem(await propose(as.provider, OWN_OFFER, { name: { text: 'Koffie' } }), 400, 'validation');
    assertProblem(await propose(as.provider, OWN_OFFER, { colour: 'red' }), 400, 'validation');
    const same = assertProblem(
      await propose(as.provider, OWN_OFFER, { name: original.name }),
      400,
      'validation',
    );
    assert.match(same.detail ?? '', /Er is niets veranderd/);
    assert.equal(await pendingCount(OWN_OFFER), 0, 'nothing half-written');
  });

  test('"9.30" is read as 09:30; a second proposal replaces the one that waits', async () => {
    const first = (await propose(as.provider, OWN_OFFER, { fees_description: '€ 1' })).json<ChangeRequest>();
    const res = await propose(as.provider, OWN_OFFER, {
      fees_description: '€ 1,50',
      schedules: [{ ...earlierHours(original).schedules[0]!, opens_at: '9.30', closes_at: '12.00' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const second = res.json<ChangeRequest>();
    assert.equal(second.id, first.id);
    assert.equal(second.proposed.fees_description, '€ 1,50');
    assert.equal(second.proposed.schedules![0]!.closes_at, '12:00');
    assert.equal(await pendingCount(OWN_OFFER), 1);
    const waiting = await call(app, as.provider, 'GET', `/api/v1/services/${OWN_OFFER}/proposal`);
    assert.equal(waiting.json<ChangeRequest>().id, first.id);
    await decide(as.coordinator, first.id, { status: 'rejected', reason: 'Opruimen.' });
    assertProblem(
      await call(app, as.provider, 'GET', `/api/v1/services/${OWN_OFFER}/proposal`),
      404,
      'not_found',
    );
  });

  test('a field somebody else changed meanwhile is a conflict: nothing is written, the request waits', async () => {
    const cr = (
      await propose(as.provider, OWN_OFFER, { fees_description: 'Gratis, koffie € 0,50' })
    ).json<ChangeRequest>();
    // Another route (an import) changes the same field.
    const current = await service(OWN_OFFER);
    await importHsds(db, w.tenant.id, [{ ...current, fees_description: 'Vrije gift' }]);
    const conflict = assertProblem(
      await decide(as.coordinator, cr.id, { status: 'approved' }),
      409,
      'conflict',
    );
    assert.match(conflict.detail ?? '', /intussen.*\(Kosten\)/);
    assert.equal((await service(OWN_OFFER)).fees_description, 'Vrije gift');
    assert.equal(await pendingCount(OWN_OFFER), 1);

    // A change to a field the proposal does not touch is kept when it is approved.
    await decide(as.coordinator, cr.id, { status: 'rejected', reason: 'Conflict.' });
    const cr2 = (await propose(as.provider, OWN_OFFER, { fees_description: 'Gratis' })).json<ChangeRequest>();
    await importHsds(db, w.tenant.id, [
      { ...(await service(OWN_OFFER)), eligibility_description: 'Voor iedereen uit Schoorl.' },
    ]);
    assert.equal((await decide(as.coordinator, cr2.id, { status: 'approved' })).statusCode, 200);
    const merged = await service(OWN_OFFER);
    assert.equal(merged.fees_description, 'Gratis');
    assert.equal(merged.eligibility_description, 'Voor iedereen uit Schoorl.');
  });

  test('a coordinator may propose for any offer; an administrator moderates but does not propose', async () => {
    const res = await propose(as.coordinator, OTHER_OFFER, { application_process: 'Bel eerst even.' });
    assert.equal(res.statusCode, 200, res.body);
    const cr = res.json<ChangeRequest>();
    const view = await call(app, as.administrator, 'GET', `/api/v1/change-requests/${cr.id}`);
    assert.equal(view.statusCode, 200, view.body);
    assert.equal(view.json<ChangeRequest>().proposed.application_process, 'Bel eerst even.');
    assert.equal((await decide(as.administrator, cr.id, { status: 'approved' })).statusCode, 200);
    assert.equal((await service(OTHER_OFFER)).application_process, 'Bel eerst even.');
  });

  test('"alles klopt nog" sets assured_date to today at once and keeps last_modified', async () => {
    const own = w.corpus.filter((s) => s.organization_id === original.organization_id)[3]!;
    const res = await call(app, as.provider, 'POST', `/api/v1/services/${own.id}/confirmation`);
    assert.equal(res.statusCode, 200, res.body);
    const today = dateInNetherlands(new Date());
    assert.deepEqual(res.json(), { assured_date: today });
    const after = await service(own.id);
    assert.equal(after.assured_date, today);
    assert.equal(after.last_modified, own.last_modified);
    const { assured_date: _a, ...rest } = after;
    assert.deepStrictEqual(rest, own);
    const audit = await db.tenant(w.tenant.id, (tx) =>
      searchAudit(tx, { recordType: 'service', recordId: own.id }),
    );
    assert.equal(audit[0]?.actorUserId, w.provider.id);
    // Twice the same day changes nothing more.
    assert.equal(
      (await call(app, as.provider, 'POST', `/api/v1/services/${own.id}/confirmation`)).statusCode,
      200,
    );
  });

  test('coordinators link providers to organisations; the link decides what a provider may edit', async () => {
    const link = await call(app, as.coordinator, 'POST', '/api/v1/provider-members', {
      user_id: w.stranger.id,
      organization_id: w.corpus.find((s) => s.id === OTHER_OFFER)!.organization_id,
    });
    assert.equal(link.statusCode, 201, link.body);
    const member = link.json<{ id: string; user_name: string; organization_name: string }>();
    assert.equal(member.organization_name, 'Bibliotheek De Duinrand');
    assert.equal((await propose(as.stranger, OTHER_OFFER, { fees_description: 'Gratis.' })).statusCode, 200);

    const again = assertProblem(
      await call(app, as.coordinator, 'POST', '/api/v1/provider-members', {
        user_id: w.stranger.id,
        organization_id: w.corpus.find((s) => s.id === OTHER_OFFER)!.organization_id,
      }),
      409,
      'conflict',
    );
    assert.equal(again.detail, 'Deze gebruiker is al gekoppeld aan deze organisatie.');
    const resident = assertProblem(
      await call(app, as.coordinator, 'POST', '/api/v1/provider-members', {
        user_id: w.resident.id,
        organization_id: w.corpus[0]!.organization_id,
      }),
      400,
      'validation',
    );
    assert.deepEqual(resident.errors, [
      { field: 'user_id', message: 'Deze gebruiker heeft niet de rol Aanbieder of Coördinator.' },
    ]);
    const list = await call(app, as.administrator, 'GET', '/api/v1/provider-members');
    assert.equal(list.json<{ contents: unknown[] }>().contents.length, 2);
    assertProblem(await call(app, as.provider, 'GET', '/api/v1/provider-members'), 403, 'forbidden');

    assert.equal(
      (await call(app, as.coordinator, 'DELETE', `/api/v1/provider-members/${member.id}`)).statusCode,
      204,
    );
    assertProblem(await propose(as.stranger, OTHER_OFFER, { fees_description: 'Gratis!' }), 403, 'forbidden');
    assertProblem(
      await call(app, as.coordinator, 'DELETE', `/api/v1/provider-members/${member.id}`),
      404,
      'not_found',
    );
  });

  test('every curation endpoint is in the OpenAPI document', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    for (const [path, method] of [
      ['/api/v1/services/{id}/proposal', 'put'],
      ['/api/v1/services/{id}/confirmation', 'post'],
      ['/api/v1/services/{id}/feedback', 'post'],
      ['/api/v1/change-requests', 'get'],
      ['/api/v1/change-requests/{id}', 'patch'],
      ['/api/v1/directory/stale', 'get'],
      ['/api/v1/my/services', 'get'],
      ['/api/v1/provider-members', 'post'],
    ] as const)
      assert.ok(spec.paths[path]?.[method], `${method} ${path}`);
  });
});
