// Support requests: a question with its response deadline (48 hours unless the tenant says otherwise), the
// deadline watch that marks overdue requests and tells the team lead (fake clock), and the team overview of
// what is due — no waiting list.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { createScheduler, fakeClock } from '../../platform/jobs/index.js';
import { outboxFor } from '../../platform/mail/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { call } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { registerCaseworkJobs, scanDeadlines } from './jobs.js';
import { caseworkTexts } from './messages.js';
import { sealer } from './privacy.js';
import { teamOverview, type CaseworkContext } from './service.js';
import {
  aSupportRequest,
  aTeam,
  auditOf,
  countAll,
  registerHousehold,
  stopCaseworkScans,
  type Team,
} from './test-fixtures.js';

const HOUR = 60 * 60 * 1000;

describe('casework: support requests and their deadline', () => {
  let app: App;
  let db: Database;
  let config: Config;
  let team: Team;

  before(async () => {
    ({ app, db, config } = await testApp());
    team = await aTeam(app, db);
  });

  test('a question gets respond_before = received + 48 hours, joins the open case, and is audited', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const started = Date.now();
    const res = await call(app, team.sessions.lead, 'POST', '/api/v1/support-requests', {
      household_id: household.id,
      channel: 'walk-in',
      question: 'Ik heb schulden en de post stapelt zich op.',
      life_domains: ['finances'],
      person_id: household.members[0]!.id,
    });
    assert.equal(res.statusCode, 201, res.body);
    const request = res.json();
    assert.match(request.id, /^[0-9a-f-]{36}$/);
    const received = Date.parse(request.received_at);
    assert.ok(received >= started - 1000 && received <= Date.now() + 1000);
    assert.equal(Date.parse(request.respond_before) - received, 48 * HOUR);
    assert.equal(request.case_id, household.case.id, 'joins the household’s open case');
    assert.equal(request.first_contact.id, team.users.lead.id);
    assert.equal(request.overdue, false);
    assert.equal(request.question, 'Ik heb schulden en de post stapelt zich op.');

    const [entry] = await auditOf(
      db,
      team.tenant,
      sql`record_type = 'support-request' and record_id = ${request.id}`,
    );
    assert.equal(entry?.action, 'create');
    assert.equal(entry?.purpose, 'POST /api/v1/support-requests');

    // The question is sealed at rest.
    const raw = await db.system((tx) =>
      tx.execute(sql`select * from support_requests where id = ${request.id}`),
    );
    assert.doesNotMatch(JSON.stringify(raw), /schulden/);
  });

  test('the tenant setting sets the deadline; a colleague may take a question of a known household and the case lead is told', async () => {
    const quick = await aTeam(app, db, { responseDeadlineHours: 24 });
    const household = await registerHousehold(app, quick.sessions.lead);
    const request = await aSupportRequest(app, quick.sessions.colleague, household.id, { channel: 'phone' });
    assert.equal(Date.parse(request.respond_before) - Date.parse(request.received_at), 24 * HOUR);
    assert.equal(request.case_id, household.case.id, 'no second case: one household, one plan');

    const mails = await outboxFor(db, quick.users.lead.email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.subject, 'Nieuwe hulpvraag bij een huishouden waarvan u regievoerder bent');
    assert.match(mails[0]!.textBody, /Daan Collega heeft een nieuwe hulpvraag vastgelegd \(telefoon\)/);
    assert.doesNotMatch(mails[0]!.textBody, /ADD|huiswerk|Bakkali/, 'no personal data in the e-mail');

    // The colleague took the question but does not see the file.
    const file = await call(app, quick.sessions.colleague, 'GET', `/api/v1/households/${household.id}`);
    assert.equal(file.json().view, 'known');
  });

  test('bad input gets Dutch field errors and saves nothing', async () => {
    const household = await registerHousehold(app, team.sessions.lead);
    const before = await countAll(db, team.tenant);
    const post = (body: object) => call(app, team.sessions.lead, 'POST', '/api/v1/support-requests', body);
    const fields = (res: Awaited<ReturnType<typeof post>>) =>
      Object.fromEntries(assertProblem(res, 400, 'validation').errors!.map((e) => [e.field, e.message]));

    const channel = fields(await post({ household_id: household.id, channel: 'pigeon', question: 'Hulp' }));
    assert.match(channel.channel!, /^Kies hoe de vraag binnenkwam: walk-in, phone, email, home-visit/);

    const semantic = fields(
      await post({
        household_id: household.id,
        channel: 'email',
        question: '   ',
        life_domains: ['finances', 'happiness', 'finances'],
        person_id: team.users.lead.id,
      }),
    );
    assert.equal(semantic.question, 'Schrijf de vraag op, zo veel mogelijk in de woorden van de inwoner.');
    assert.match(
      semantic['life_domains.1']!,
      /^Onbekend leefgebied "happiness"\. Kies uit: finances, work-education/,
    );
    assert.equal(semantic['life_domains.2'], 'Dit leefgebied staat er twee keer in.');
    assert.equal(semantic.person_id, 'Deze persoon hoort niet bij dit huishouden.');

    assert.equal(
      fields(await post({ household_id: 'nope', channel: 'email', question: 'x' })).household_id,
      'Dit is geen geldig id.',
    );
    assertProblem(
      await post({ household_id: '00000000-0000-4000-8000-000000000000', channel: 'email', question: 'x' }),
      404,
      'not_found',
    );
    assert.deepEqual(await countAll(db, team.tenant), before);
  });

  test('after the deadline the watch marks the request overdue and e-mails the team lead, once (fake clock)', async () => {
    const watched = await aTeam(app, db);
    const clock = fakeClock(new Date());
    const household = await registerHousehold(app, watched.sessions.lead);
    const request = await aSupportRequest(app, watched.sessions.lead, household.id);
    const scheduler = createScheduler(db, { clock, logger: { error: () => undefined } });
    await registerCaseworkJobs(scheduler, db, config, { clock, tenantIds: [watched.tenant.id] });

    const overdueAt = async () => {
      const res = await call(app, watched.sessions.lead, 'GET', `/api/v1/households/${household.id}`);
      return res.json().support_requests[0].overdue_at as string | null;
    };
    await scheduler.runDue();
    clock.advance(47 * HOUR);
    await scheduler.runDue();
    assert.equal(await overdueAt(), null, 'not overdue before the deadline');
    assert.equal((await outboxFor(db, watched.users.teamLead.email)).length, 0);

    clock.advance(2 * HOUR);
    await scheduler.runDue();
    const marked = await overdueAt();
    assert.equal(marked, clock.now().toISOString());
    assert.ok(Date.parse(marked!) > Date.parse(request.respond_before));

    const mails = await outboxFor(db, watched.users.teamLead.email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.subject, 'Reactietermijn verlopen: 1 hulpvraag');
    assert.match(mails[0]!.textBody, new RegExp(`Hulpvraag ${request.id.slice(0, 8)} \\(inloopspreekuur\\)`));
    assert.match(mails[0]!.textBody, /Regievoerder: Samira Consulent/);
    assert.doesNotMatch(mails[0]!.textBody, /ADD|huiswerk|Bakkali/, 'no personal data in the e-mail');

    // The marking is a change, audited as the job's.
    const [entry] = await auditOf(
      db,
      watched.tenant,
      sql`record_id = ${request.id} and action = 'update' and actor_user_id is null`,
    );
    assert.equal(entry?.purpose, 'job casework.deadline-scan');

    // Later scans send nothing again; a scan of its own (another instance) neither.
    clock.advance(HOUR);
    await scheduler.runDue();
    const again = await scanDeadlines(db, config, clock.now(), { tenantIds: [watched.tenant.id] });
    assert.deepEqual(again, { tenants: 1, marked: 0, mails: 0, failed: 0 });
    assert.equal((await outboxFor(db, watched.users.teamLead.email)).length, 1);

    // The overview counts it as overdue although the real clock has not reached the deadline.
    const overview = await call(
      app,
      watched.sessions.teamLead,
      'GET',
      '/api/v1/support-requests?due=overdue',
    );
    assert.deepEqual(
      overview.json().items.map((i: { id: string; due: string }) => [i.id, i.due]),
      [[request.id, 'overdue']],
    );
    await stopCaseworkScans(db, scheduler);
  });

  test('the team overview lists overdue and due requests by deadline; details only for who works on the household', async () => {
    const t = await aTeam(app, db);
    const mine = await registerHousehold(app, t.sessions.lead);
    const theirs = await registerHousehold(app, t.sessions.colleague);
    const late = await aSupportRequest(app, t.sessions.lead, mine.id);
    const fresh = await aSupportRequest(app, t.sessions.colleague, theirs.id, {
      life_domains: ['substance-use'],
    });
    const answered = await aSupportRequest(app, t.sessions.lead, mine.id, { channel: 'email' });
    // The first request came in three days ago: its deadline passed yesterday.
    await db.system((tx) =>
      tx.execute(sql`update support_requests set received_at = now() - interval '72 hours',
                     respond_before = now() - interval '24 hours' where id = ${late.id}`),
    );
    const respond = await call(
      app,
      t.sessions.lead,
      'POST',
      `/api/v1/support-requests/${answered.id}/response`,
    );
    assert.equal(respond.statusCode, 200, respond.body);
    assert.ok(respond.json().responded_at);
    assertProblem(
      await call(app, t.sessions.lead, 'POST', `/api/v1/support-requests/${answered.id}/response`),
      409,
      'conflict',
    );
    assertProblem(
      await call(app, t.sessions.lead, 'POST', `/api/v1/support-requests/${fresh.id}/response`),
      403,
      'forbidden',
    );

    const overview = async (query: string, who: keyof Team['sessions'] = 'teamLead') => {
      const res = await call(app, t.sessions[who], 'GET', `/api/v1/support-requests${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const all = await overview('');
    assert.equal(all.due, 'open');
    assert.deepEqual(all.counts, { overdue: 1, today: 0, open: 2 });
    assert.deepEqual(
      all.items.map((i: { id: string; due: string }) => [i.id, i.due]),
      [
        [late.id, 'overdue'],
        [fresh.id, 'later'],
      ],
      'earliest deadline first; the answered request is gone',
    );
    const first = all.items[0];
    assert.equal(first.access, 'team-lead');
    assert.equal(first.case_lead.name, 'Samira Consulent');
    assert.equal(first.area.name, 'Egmond');
    assert.match(first.household_label, /^Bakkali-\d+$/);

    assert.deepEqual(
      (await overview('?due=overdue')).items.map((i: { id: string }) => i.id),
      [late.id],
    );
    assert.deepEqual((await overview('?due=today')).items, []);
    assert.deepEqual(
      (await overview('?due=week')).items.map((i: { id: string }) => i.id),
      [fresh.id],
    );

    // A consultant sees the team's deadlines and whom to ask, but family names and life domains only of her own.
    const asLead = await overview('', 'lead');
    const byId = new Map(asLead.items.map((i: { id: string }) => [i.id, i]));
    assert.equal((byId.get(late.id) as { access: string }).access, 'case-lead');
    assert.deepEqual((byId.get(late.id) as { life_domains: string[] }).life_domains, [
      'domestic-relations',
      'work-education',
    ]);
    const other = byId.get(fresh.id) as {
      access: string;
      household_label: unknown;
      life_domains: unknown;
      case_lead: { name: string };
    };
    assert.deepEqual(
      [other.access, other.household_label, other.life_domains, other.case_lead.name],
      ['known', null, null, 'Daan Collega'],
    );
    assert.doesNotMatch(JSON.stringify(other), /substance/);
    assert.deepEqual(
      (await overview('?mine=true', 'lead')).items.map((i: { id: string }) => i.id),
      [late.id],
    );

    // Reading the overview is audited: the list, and each request whose details were shown.
    const entries = await auditOf(db, t.tenant, sql`actor_user_id = ${t.users.lead.id} and action = 'read'`);
    assert.ok(
      entries.some(
        (e) => e.record_type === 'support-request-list' && e.purpose === 'GET /api/v1/support-requests',
      ),
    );
    assert.ok(entries.some((e) => e.record_type === 'support-request' && e.record_id === late.id));
    assert.ok(!entries.some((e) => e.record_type === 'support-request' && e.record_id === fresh.id));

    assertProblem(
      await call(app, t.sessions.lead, 'GET', '/api/v1/support-requests?due=someday'),
      400,
      'validation',
    );
  });

  test('today and tomorrow are Dutch calendar days', async () => {
    const t = await aTeam(app, db);
    const household = await registerHousehold(app, t.sessions.lead);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await aSupportRequest(app, t.sessions.lead, household.id)).id);
    // At 22:30 Dutch summer time (20:30 UTC): one due at 23:30 tonight, one at 00:30 tomorrow, one the day after.
    const now = new Date('2031-06-10T20:30:00Z');
    const deadlines = ['2031-06-10T21:30:00Z', '2031-06-10T22:30:00Z', '2031-06-11T22:30:00Z'];
    for (let i = 0; i < 3; i++) {
      await db.system((tx) =>
        tx.execute(sql`update support_requests set received_at = ${'2031-06-09T08:00:00Z'}::timestamptz,
                       respond_before = ${deadlines[i]!}::timestamptz where id = ${ids[i]!}`),
      );
    }
    const ctx: CaseworkContext = {
      actor: { tenantId: t.tenant.id, userId: t.users.teamLead.id, roles: ['team-lead'], purpose: 'test' },
      tenant: t.tenant,
      locale: 'nl',
      texts: caseworkTexts('nl'),
      now,
      sealer: sealer(config.secretKey),
      publicUrl: config.publicUrl,
    };
    const due = async (filter: 'today' | 'tomorrow' | 'week') =>
      (await db.tenant(t.tenant.id, (tx) => teamOverview(tx, ctx, { due: filter }))).items.map((i) => i.id);
    assert.deepEqual(await due('today'), [ids[0]]);
    assert.deepEqual(await due('tomorrow'), [ids[1]]);
    assert.deepEqual(await due('week'), ids);
  });
});
