// Signals over HTTP: a district nurse's worry triaged into a home visit with a household and a support request;
// five loneliness reports in one Castricum street forming a collective signal that the signalling meeting turns
// into a koffie-inloop; duplicates about one household counted once; an anonymous report that leaves no IP
// address; escalation and deletion by the scan (fake clock); feedback by role; figures; bad input.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import { rows, type Database } from '../../platform/db/index.js';
import { createScheduler, fakeClock } from '../../platform/jobs/index.js';
import { outboxFor } from '../../platform/mail/index.js';
import { customTestApp, testApp } from '../../../test/helpers/app.js';
import { call } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { importHsds, readDemoServices } from '../directory/index.js';
import { signalKeys } from './context.js';
import { registerSignalJobs, scanSignals, SIGNAL_SCAN } from './jobs.js';
import { signalTexts } from './messages.js';
import { reportSignalOnBehalf } from './service.js';
import { aTeam, auditOf, report, type Team } from './test-fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const mailPilingUp = {
  category: 'not-right',
  description: 'Bij mevrouw De Graaf (ongeveer 84) stapelt de post zich op en ze doet niet meer open.',
  about: 'person',
  person: { name: 'mevrouw De Graaf', postcode: '1871 AB', house_number: 12, age: 'ongeveer 84' },
};

const lonely = (description: string, area = 'Dorpsstraat, Castricum') => ({
  category: 'loneliness',
  description,
  about: 'area',
  area,
});

describe('signals: reporting and triage', () => {
  let app: App;
  let db: Database;
  let team: Team;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
  });

  test('the categories are public, with codes and life domains', async () => {
    const res = await call(app, undefined, 'GET', `/api/v1/signal-categories?tenant=${team.tenant.slug}`);
    assert.equal(res.statusCode, 200, res.body);
    const { categories } = res.json<{
      categories: { code: string; label: string; life_domains: string[] }[];
    }>();
    const loneliness = categories.find((c) => c.code === 'loneliness');
    assert.equal(loneliness?.label, 'Eenzaamheid');
    assert.deepEqual(loneliness?.life_domains, ['social-network', 'community-participation']);

    // A team lead adds one; a life domain that does not exist is refused.
    const bad = await call(app, team.sessions.teamLead, 'POST', '/api/v1/signal-categories', {
      code: 'hoarding',
      label_nl: 'Verzamelwoede',
      life_domains: ['housing', 'hobbies'],
    });
    assert.equal(assertProblem(bad, 400, 'validation').errors?.[0]?.field, 'life_domains');
    const added = await call(app, team.sessions.teamLead, 'POST', '/api/v1/signal-categories', {
      code: 'hoarding',
      label_nl: 'Verzamelwoede',
      label_en: 'Hoarding',
      life_domains: ['housing'],
    });
    assert.equal(added.statusCode, 201, added.body);
    const off = await call(app, team.sessions.teamLead, 'PATCH', '/api/v1/signal-categories/hoarding', {
      active: false,
    });
    assert.equal(off.json().active, false);
    const after = await call(app, undefined, 'GET', `/api/v1/signal-categories?tenant=${team.tenant.slug}`);
    assert.ok(!after.json().categories.some((c: { code: string }) => c.code === 'hoarding'));
    // A consultant may not change the list.
    assertProblem(
      await call(app, team.sessions.consultant, 'POST', '/api/v1/signal-categories', {
        code: 'x-y',
        label_nl: 'X',
      }),
      403,
      'forbidden',
    );
  });

  test('a district nurse reports mail piling up in Schoorl → triage → home visit: household and support request', async () => {
    const started = Date.now();
    const signal = await report(app, team.tenant, team.sessions.nurse, mailPilingUp);
    const triageBefore = Date.parse(signal.triage_before);
    assert.ok(Math.abs(triageBefore - started - 48 * HOUR) < 5000, 'triage within 48 hours by default');
    assert.equal(signal.status_code, null, 'a partner follows the status with the login, not a code');

    // The nurse sees the status, never the contents.
    const asNurse = await call(app, team.sessions.nurse, 'GET', `/api/v1/signals/${signal.id}`);
    assert.equal(asNurse.statusCode, 200, asNurse.body);
    assert.equal(asNurse.json().view, 'status');
    assert.equal(asNurse.json().status, 'received');
    assert.equal(asNurse.json().description, undefined);

    // It is on the triage list, placed in Schoorl.
    const list = await call(app, team.sessions.consultant, 'GET', '/api/v1/signals');
    const item = list.json().signals.find((s: { id: string }) => s.id === signal.id);
    assert.equal(item.area.name, 'Schoorl');
    assert.equal(item.source, 'partner');
    assert.equal(item.description, undefined, 'the list shows no descriptions');

    // The consultant assigns it to the district coach, who triages: a home visit, for a new household.
    const assigned = await call(
      app,
      team.sessions.consultant,
      'POST',
      `/api/v1/signals/${signal.id}/triage`,
      {
        assign_to: team.users.coach.id,
      },
    );
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.json().assigned_to.name, 'Wijkcoach Joost');
    assert.equal(
      (await call(app, team.sessions.nurse, 'GET', `/api/v1/signals/${signal.id}`)).json().status,
      'in-progress',
    );

    const noHousehold = await call(app, team.sessions.coach, 'POST', `/api/v1/signals/${signal.id}/triage`, {
      decision: 'outreach-visit',
      reason: 'Niet pluis; huisbezoek vandaag.',
    });
    assert.equal(assertProblem(noHousehold, 400, 'validation').errors?.[0]?.field, 'household_id');

    const triaged = await call(app, team.sessions.coach, 'POST', `/api/v1/signals/${signal.id}/triage`, {
      new_household: {
        members: [
          {
            given_name: 'Johanna',
            family_name: 'de Graaf',
            birth_date: '1941-02-14',
            relation: 'main-resident',
          },
        ],
        address: { postcode: '1871 AB', house_number: 12, city: 'Schoorl' },
      },
      decision: 'outreach-visit',
      reason: 'Niet pluis; huisbezoek vandaag.',
    });
    assert.equal(triaged.statusCode, 200, triaged.body);
    const view = triaged.json();
    assert.equal(view.status, 'picked-up');
    assert.equal(view.decision, 'outreach-visit');
    assert.match(view.household_id, /^[0-9a-f-]{36}$/);
    assert.match(view.support_request_id, /^[0-9a-f-]{36}$/);

    // The household and its support request exist in casework, with channel "signal"; the coach leads the case.
    const household = await call(app, team.sessions.coach, 'GET', `/api/v1/households/${view.household_id}`);
    assert.equal(household.statusCode, 200, household.body);
    assert.equal(household.json().view, 'full');
    assert.equal(household.json().area.name, 'Schoorl');
    const request = household
      .json()
      .support_requests.find((r: { id: string }) => r.id === view.support_request_id);
    assert.equal(request.channel, 'signal');
    assert.match(request.question, /stapelt de post zich op/);
    assert.deepEqual(request.life_domains, ['basic-adl', 'housing']);

    // The nurse hears it was picked up, and nothing more.
    const later = (await call(app, team.sessions.nurse, 'GET', `/api/v1/signals/${signal.id}`)).json();
    assert.equal(later.status, 'picked-up');
    assert.equal(later.decision, undefined);
    assert.equal(later.household_id, undefined);

    // Audited: the report, every read of the details, the triage, the household and the support request.
    const entries = await auditOf(db, team.tenant, sql`record_id = ${signal.id}`);
    assert.deepEqual(
      entries.map((e) => `${e.action} ${e.record_type}`),
      [
        'create signal',
        'read signal-status',
        'update signal',
        'read signal',
        'read signal-status',
        'update signal',
        'read signal',
        'read signal-status',
      ],
    );
    assert.equal(entries[0]!.actor_user_id, team.users.nurse.id);
    assert.equal(entries[0]!.purpose, 'POST /api/v1/signals');
    const created = await auditOf(
      db,
      team.tenant,
      sql`action = 'create' and record_id in (${view.household_id}, ${view.support_request_id})`,
    );
    assert.deepEqual(created.map((e) => e.record_type).sort(), ['household', 'support-request']);

    // Sealed at rest: the description and the name are not readable in the table.
    const raw = await db.system((tx) => tx.execute(sql`select * from signals where id = ${signal.id}`));
    assert.doesNotMatch(JSON.stringify(raw), /stapelt|De Graaf/);

    // A decided signal cannot be decided again.
    assertProblem(
      await call(app, team.sessions.coach, 'POST', `/api/v1/signals/${signal.id}/triage`, {
        decision: 'nothing',
        reason: 'x',
      }),
      409,
      'conflict',
    );
  });

  test('details are for the triage team only; another partner, a policy officer or a coordinator sees nothing', async () => {
    const signal = await report(app, team.tenant, team.sessions.nurse, {
      ...mailPilingUp,
      person: { name: 'meneer Bakker', postcode: '1872 CD', house_number: 3 },
    });
    assertProblem(
      await call(app, team.sessions.police, 'GET', `/api/v1/signals/${signal.id}`),
      404,
      'not_found',
    );
    assertProblem(
      await call(app, team.sessions.volunteer, 'GET', `/api/v1/signals/${signal.id}`),
      404,
      'not_found',
    );
    assertProblem(
      await call(app, team.sessions.policy, 'GET', `/api/v1/signals/${signal.id}`),
      403,
      'forbidden',
    );
    assertProblem(await call(app, team.sessions.coordinator, 'GET', '/api/v1/signals'), 403, 'forbidden');
    assertProblem(
      await call(app, undefined, 'GET', `/api/v1/signals/${signal.id}?tenant=${team.tenant.slug}`),
      401,
    );
    const full = await call(app, team.sessions.teamLead, 'GET', `/api/v1/signals/${signal.id}`);
    assert.equal(full.json().view, 'full');
    assert.equal(full.json().person.name, 'meneer Bakker');
  });

  test('another module passes on a volunteer’s worry in its own transaction: triaged like a partner report, the volunteer sees its status only', async () => {
    const { config } = await testApp();
    const volunteer = team.users.volunteer;
    const ctx = {
      actor: { tenantId: team.tenant.id, userId: volunteer.id, roles: ['volunteer'], purpose: 'test' },
      tenant: team.tenant,
      locale: 'nl' as const,
      texts: signalTexts('nl'),
      now: new Date(),
      ...signalKeys(config),
    };
    const worry = {
      role: 'volunteer',
      lifeDomain: 'social-network',
      description: 'Meneer zit de hele week alleen en eet slecht.',
      person: { name: 'Henk', street: 'Torenstraat 3' },
      area: 'Castricum',
    };
    // The caller's transaction fails after reporting: no signal is left behind.
    await assert.rejects(
      db.tenant(team.tenant.id, async (tx) => {
        await reportSignalOnBehalf(tx, ctx, worry);
        throw new Error('the caller fails');
      }),
      /the caller fails/,
    );
    const count = () =>
      db.tenant(team.tenant.id, (tx) =>
        rows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from signals where reporter_user_id = ${volunteer.id}`,
        ),
      );
    assert.equal((await count())[0]!.n, 0);

    const made = await db.tenant(team.tenant.id, (tx) => reportSignalOnBehalf(tx, ctx, worry));
    assert.ok(Date.parse(made.triage_before) > Date.now(), 'due for triage later');
    const list = (await call(app, team.sessions.consultant, 'GET', '/api/v1/signals')).json();
    const listed = list.signals.find((x: { id: string }) => x.id === made.id);
    assert.equal(listed.category.code, 'loneliness', 'the category of the life domain');
    assert.equal(listed.area.name, 'Castricum');
    assert.equal(listed.triage_before, made.triage_before);
    const full = (await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${made.id}`)).json();
    assert.deepEqual(full.reporter, { name: volunteer.name, role: 'volunteer', email: null, phone: null });
    assert.equal(full.person.name, 'Henk');

    const own = await call(app, team.sessions.volunteer, 'GET', `/api/v1/signals/${made.id}`);
    assert.deepEqual(Object.keys(own.json()).sort(), [
      'category',
      'id',
      'received_at',
      'status',
      'triaged_at',
      'view',
    ]);
    assertProblem(await call(app, team.sessions.volunteer, 'GET', '/api/v1/signals'), 403, 'forbidden');

    // A category the volunteer chose wins over the life domain.
    const chosen = await db.tenant(team.tenant.id, (tx) =>
      reportSignalOnBehalf(tx, ctx, { ...worry, category: 'debts' }),
    );
    const debts = (await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${chosen.id}`)).json();
    assert.equal(debts.category.code, 'debts');
  });

  test('the tenant sets its own acute-danger text and periods; a consultant may not', async () => {
    const form = () => call(app, undefined, 'GET', `/zorg-melden?tenant=${team.tenant.slug}`);
    assert.match((await form()).body, /Bel 112\. Gaat het om huiselijk geweld.*Veilig Thuis: 0800-2000/);
    const bad = await call(app, team.sessions.admin, 'PATCH', '/api/v1/signal-settings', {
      retention_days: 3,
      cluster_minimum: 1,
    });
    assert.deepEqual(
      assertProblem(bad, 400, 'validation').errors?.map((e) => e.field),
      ['retention_days', 'cluster_minimum'],
    );
    const own =
      'Direct gevaar? Bel 112. Huiselijk geweld? Bel Veilig Thuis 0800-2000 of kom naar het gemeentehuis.';
    const res = await call(app, team.sessions.admin, 'PATCH', '/api/v1/signal-settings', {
      safety_notice_nl: own,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().retention_days, 180, 'the rest keeps its default');
    assert.ok((await form()).body.includes('kom naar het gemeentehuis'));
    assertProblem(
      await call(app, team.sessions.consultant, 'PATCH', '/api/v1/signal-settings', { cluster_minimum: 2 }),
      403,
      'forbidden',
    );
    // Back to the standard text for the other tests.
    await call(app, team.sessions.admin, 'PATCH', '/api/v1/signal-settings', { safety_notice_nl: null });
    assert.doesNotMatch((await form()).body, /gemeentehuis/);
  });

  test('a neighbour reports with a status code and hears "picked up", never what was decided', async () => {
    const signal = await report(app, team.tenant, undefined, {
      category: 'neglect',
      description: 'De tuin van de buurman is een wildernis en hij ziet er slecht uit.',
      about: 'person',
      person: { street: 'Molenweg', postcode: '1862 AB', house_number: 8 },
      reporter: { name: 'Henk Buur', phone: '06 12345678' },
    });
    assert.match(signal.status_code!, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const url = `/api/v1/signal-status/${signal.status_code!.toLowerCase()}?tenant=${team.tenant.slug}`;
    assert.deepEqual(Object.keys((await call(app, undefined, 'GET', url)).json()).sort(), [
      'received_at',
      'status',
    ]);
    assert.equal((await call(app, undefined, 'GET', url)).json().status, 'received');
    // The triage team sees who reported, to call back.
    const full = (await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${signal.id}`)).json();
    assert.equal(full.source, 'resident');
    assert.equal(full.reporter.name, 'Henk Buur');
    await call(app, team.sessions.consultant, 'POST', `/api/v1/signals/${signal.id}/triage`, {
      decision: 'advice',
      reason: 'Buurman geadviseerd het buurtteam te bellen.',
    });
    const after = (await call(app, undefined, 'GET', url)).json();
    assert.equal(after.status, 'picked-up');
    assertProblem(
      await call(app, undefined, 'GET', `/api/v1/signal-status/AAAA-BBBB?tenant=${team.tenant.slug}`),
      404,
      'not_found',
    );
  });

  test('an anonymous report stores no IP address or other identifier; a named one is audited as usual', async () => {
    const anonymousIp = '203.0.113.77';
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/signals?tenant=${team.tenant.slug}`,
      remoteAddress: anonymousIp,
      payload: {
        category: 'debts',
        description: 'Bij de buren komt steeds de deurwaarder.',
        about: 'person',
        person: { postcode: '1901 AB', house_number: 99 },
        anonymous: true,
        reporter: { name: 'Wil Ik Niet Zeggen', email: 'geheim@example.nl' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    const requestId = res.headers['x-request-id'] as string | undefined;

    const [entry] = await auditOf(db, team.tenant, sql`record_id = ${id}`);
    assert.equal(entry?.action, 'create');
    assert.equal(entry?.ip, null);
    assert.equal(entry?.request_id, null);
    assert.equal(entry?.actor_user_id, null);

    // Nothing the tenant holds mentions the address or the name the reporter gave anyway.
    const tables = await db.system((tx) =>
      rows<{ table_name: string }>(
        tx,
        sql`select table_name from information_schema.columns
            where column_name = 'tenant_id' and table_schema = 'public'`,
      ),
    );
    for (const { table_name } of tables) {
      const dump = await db.system((tx) =>
        rows<{ row: unknown }>(
          tx,
          sql`select to_jsonb(t) as row from ${sql.identifier(table_name)} t where tenant_id = ${team.tenant.id}`,
        ),
      );
      const text = JSON.stringify(dump);
      assert.ok(!text.includes(anonymousIp), `${table_name} holds the anonymous reporter's IP`);
      assert.ok(!text.includes('geheim@example.nl'), `${table_name} holds the reporter's e-mail`);
      if (requestId) assert.ok(!text.includes(requestId), `${table_name} holds the request id`);
    }
    const full = (await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${id}`)).json();
    assert.equal(full.source, 'anonymous');
    assert.equal(full.reporter, null);

    // A logged-in resident who reports anonymously is not named in the audit log either.
    const mine = await call(app, team.sessions.resident, 'POST', '/api/v1/signals', {
      ...mailPilingUp,
      anonymous: true,
    });
    assert.equal(mine.statusCode, 201, mine.body);
    const [mineEntry] = await auditOf(db, team.tenant, sql`record_id = ${mine.json().id}`);
    assert.equal(mineEntry?.actor_user_id, null);
    assert.equal(mineEntry?.ip, null);

    // The same route with a name: the audit entry keeps the address, so the check above can fail.
    const named = await app.inject({
      method: 'POST',
      url: `/api/v1/signals?tenant=${team.tenant.slug}`,
      remoteAddress: '203.0.113.78',
      payload: { ...mailPilingUp, person: { name: 'mevrouw Smit' }, reporter: { name: 'Jan' } },
    });
    const [namedEntry] = await auditOf(db, team.tenant, sql`record_id = ${named.json().id}`);
    assert.equal(namedEntry?.ip, '203.0.113.78');
  });

  test('the server log of an anonymous report holds no IP address either, nor what was reported', async () => {
    const { app: logged } = await customTestApp({ LOG_LEVEL: 'info' });
    const lines: string[] = [];
    try {
      // The log lines of requests go through the app logger's stream; catch them instead of stdout.
      (logged.log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
        write: (line: string) => lines.push(line),
      };
      const res = await logged.inject({
        method: 'POST',
        url: `/api/v1/signals?tenant=${team.tenant.slug}`,
        remoteAddress: '203.0.113.99',
        payload: { ...lonely('Eenzame buurman in de Dorpsstraat.'), anonymous: true },
      });
      assert.equal(res.statusCode, 201, res.body);
      const log = lines.join('');
      assert.match(log, /"url":"\/api\/v1\/signals"/, 'the request was logged');
      assert.ok(!log.includes('203.0.113.99'), log);
      assert.doesNotMatch(log, /Eenzame|Dorpsstraat|tenant=/);
    } finally {
      await logged.close();
    }
  });

  test('bad input: clear messages, nothing saved, HTML kept as text', async () => {
    const count = async () =>
      Number(
        (
          await db.system((tx) =>
            rows<{ n: number }>(
              tx,
              sql`select count(*)::int as n from signals where tenant_id = ${team.tenant.id}`,
            ),
          )
        )[0]!.n,
      );
    const before = await count();
    const post = (body: object) =>
      call(app, undefined, 'POST', `/api/v1/signals?tenant=${team.tenant.slug}`, body);

    const empty = assertProblem(await post({ ...mailPilingUp, description: '   ' }), 400, 'validation');
    assert.deepEqual(empty.errors, [
      { field: 'description', message: 'Schrijf op wat u ziet of hoort. Dat mag kort.' },
    ]);
    const huge = assertProblem(
      await post({ ...mailPilingUp, description: 'x'.repeat(4001) }),
      400,
      'validation',
    );
    assert.equal(huge.errors?.[0]?.message, 'Uw tekst is te lang. Schrijf hoogstens 4000 tekens.');
    const unknown = assertProblem(await post({ ...mailPilingUp, category: 'aliens' }), 400, 'validation');
    assert.equal(unknown.errors?.[0]?.field, 'category');
    const nowhere = assertProblem(await post(lonely('Eenzame mensen', 'Atlantis')), 400, 'validation');
    assert.match(nowhere.errors?.[0]?.message ?? '', /Deze plaats kennen we niet/);
    const nobody = assertProblem(await post({ ...mailPilingUp, person: {} }), 400, 'validation');
    assert.equal(nobody.errors?.[0]?.field, 'person');
    const nothing = assertProblem(await post({}), 400, 'validation');
    assert.deepEqual(nothing.errors?.map((e) => e.field).sort(), ['about', 'category', 'description']);
    assert.equal(await count(), before, 'nothing saved');

    const script = '<script>alert("x")</script> <b>post</b> stapelt zich op';
    const signal = await report(app, team.tenant, undefined, { ...mailPilingUp, description: script });
    const full = await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${signal.id}`);
    assert.equal(full.json().description, script, 'stored as the text it was');
    const page = await call(app, team.sessions.consultant, 'GET', `/signalen/${signal.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('<script>alert'), 'never rendered as markup');
    assert.ok(page.body.includes('&lt;script>alert') || page.body.includes('&lt;script&gt;alert'));
  });

  test('a flood of public reports from one address gets a friendly Dutch 429', async () => {
    const { app: limited } = await customTestApp({ WIJKKRACHT_FORM_RATE_LIMIT: '3' });
    try {
      const send = () =>
        limited.inject({
          method: 'POST',
          url: `/api/v1/signals?tenant=${team.tenant.slug}`,
          remoteAddress: '198.51.100.9',
          payload: lonely('Veel eenzame mensen in de Dorpsstraat.'),
        });
      for (let i = 0; i < 3; i++) assert.equal((await send()).statusCode, 201);
      const problem = assertProblem(await send(), 429, 'rate_limited');
      assert.match(problem.detail ?? '', /veel meldingen.*Bel 112/);

      // The form on the page: the resident gets a Dutch page, not a stack trace.
      const token = 'a-double-submit-token-for-this-test';
      const form = () =>
        limited.inject({
          method: 'POST',
          url: `/zorg-melden?tenant=${team.tenant.slug}`,
          remoteAddress: '198.51.100.10',
          headers: {
            cookie: `wk_csrf=${token}`,
            accept: 'text/html',
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: new URLSearchParams({
            _csrf: token,
            about: 'area',
            category: 'loneliness',
            description: 'Veel eenzame mensen in de Dorpsstraat.',
            area: 'Castricum',
          }).toString(),
        });
      for (let i = 0; i < 3; i++) assert.equal((await form()).statusCode, 303);
      const page = await form();
      assert.equal(page.statusCode, 429);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, /U probeert het te vaak/);
    } finally {
      await limited.close();
    }
  });
});

describe('signals: collective signals and the signalling meeting', () => {
  let app: App;
  let db: Database;
  let team: Team;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
  });

  test('five loneliness reports in one Castricum street form a cluster that the meeting turns into a koffie-inloop', async () => {
    const texts = [
      'Veel ouderen in de Dorpsstraat zitten alleen thuis en zijn eenzaam.',
      'Eenzame oudere bewoners in de Dorpsstraat komen de deur niet meer uit.',
      'Mijn buren in de Dorpsstraat zijn eenzaam sinds de soos dicht is.',
      'Ouderen in de Dorpsstraat vereenzamen, er is geen plek om koffie te drinken.',
      'In de Dorpsstraat wonen veel eenzame ouderen zonder familie dichtbij.',
    ];
    const reporters = [
      team.sessions.nurse,
      undefined,
      team.sessions.police,
      undefined,
      team.sessions.volunteer,
    ];
    for (const [i, text] of texts.entries())
      await report(
        app,
        team.tenant,
        reporters[i],
        lonely(text, ['Dorpsstraat, Castricum', 'Castricum', 'Dorpsstraat Castricum', '1901 AB'][i % 4]),
      );
    // Same category and area but other words, another category, another village: not in it.
    await report(app, team.tenant, undefined, lonely('Hondenpoep op het schoolplein, vies.', 'Castricum'));
    await report(app, team.tenant, undefined, {
      ...lonely('Ouderen in de Dorpsstraat zijn eenzaam.'),
      category: 'energy-bills',
    });
    await report(app, team.tenant, undefined, lonely('Ouderen in het dorp zijn eenzaam.', 'Heiloo'));

    const res = await call(app, team.sessions.coordinator, 'GET', '/api/v1/signal-clusters?area=Castricum');
    assert.equal(res.statusCode, 200, res.body);
    const clusters = res.json().clusters as {
      id: string;
      count: number;
      reports: number;
      on_agenda: boolean;
      category: { code: string };
      area: { name: string };
      words: string[];
      trend: { last_30_days: number; direction: string };
    }[];
    assert.equal(clusters.length, 1);
    const cluster = clusters[0]!;
    assert.equal(cluster.category.code, 'loneliness');
    assert.equal(cluster.area.name, 'Castricum');
    assert.equal(cluster.count, 5);
    assert.equal(cluster.on_agenda, true);
    assert.equal(cluster.trend.last_30_days, 5);
    assert.equal(cluster.trend.direction, 'up');
    assert.ok(cluster.words.includes('dorpsstraat'), cluster.words.join());
    assert.doesNotMatch(res.body, /soos|familie dichtbij/, 'no report text, only words many reports share');
    // Heiloo has no cluster: one report is not a collective signal.
    const heiloo = await call(app, team.sessions.coordinator, 'GET', '/api/v1/signal-clusters?area=Heiloo');
    assert.equal(heiloo.json().clusters.length, 0);
    assertProblem(
      await call(app, team.sessions.coordinator, 'GET', '/api/v1/signal-clusters?area=Atlantis'),
      400,
      'validation',
    );

    // The meeting decides on a collective offer; a link to an offer that is not in the directory is refused.
    const unknownOffer = await call(
      app,
      team.sessions.coordinator,
      'POST',
      `/api/v1/signal-clusters/${cluster.id}/decision`,
      {
        decision: 'collective-offer',
        offer_id: '00000000-0000-4000-8000-000000000000',
      },
    );
    assert.equal(assertProblem(unknownOffer, 400, 'validation').errors?.[0]?.field, 'offer_id');
    const decided = await call(
      app,
      team.sessions.coordinator,
      'POST',
      `/api/v1/signal-clusters/${cluster.id}/decision`,
      {
        decision: 'collective-offer',
        note: 'Buurtsoos start een wekelijkse koffie-inloop.',
      },
    );
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(decided.json().on_agenda, false);

    // The coordinator puts the new koffie-inloop in the directory (an HSDS import) and links it.
    const [template] = await readDemoServices();
    const offerId = '5d7c1f8e-2b1a-4c3d-9e8f-7a6b5c4d3e2f';
    const copy = JSON.parse(JSON.stringify(template).replaceAll(template!.id, offerId));
    await importHsds(db, team.tenant.id, [{ ...copy, name: 'Koffie-inloop Dorpsstraat Castricum' }]);
    const linked = await call(
      app,
      team.sessions.coordinator,
      'POST',
      `/api/v1/signal-clusters/${cluster.id}/decision`,
      {
        decision: 'collective-offer',
        offer_id: `http://localhost:3000/aanbod/${offerId}`,
      },
    );
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(linked.json().offer_id, offerId);
    assert.equal(linked.json().decision_note, 'Buurtsoos start een wekelijkse koffie-inloop.');
    const offer = await call(app, undefined, 'GET', `/api/v1/services/${offerId}?tenant=${team.tenant.slug}`);
    assert.equal(offer.json().name, 'Koffie-inloop Dorpsstraat Castricum');

    // Another decision on a decided cluster is a conflict; an area-plan decision needs its priority.
    assertProblem(
      await call(app, team.sessions.coordinator, 'POST', `/api/v1/signal-clusters/${cluster.id}/decision`, {
        decision: 'no-action',
      }),
      409,
      'conflict',
    );
    // A new report after the decision starts afresh instead of joining the decided cluster.
    await report(app, team.tenant, undefined, lonely('Nog steeds eenzame ouderen in de Dorpsstraat.'));
    const again = (
      await call(app, team.sessions.coordinator, 'GET', '/api/v1/signal-clusters?area=Castricum')
    ).json();
    assert.equal(again.clusters.find((c: { id: string }) => c.id === cluster.id).reports, 5);

    const audit = await auditOf(db, team.tenant, sql`record_type = 'signal-cluster'`);
    assert.equal(audit.length, 2);
    assert.equal(audit[0]!.actor_user_id, team.users.coordinator.id);
  });

  test('reports about the same household are linked and counted once', async () => {
    // A tenant of its own: the street above would otherwise share words with these reports.
    const team = await aTeam(app, db);
    const about = { postcode: '1902 CD', house_number: 5 };
    const first = await report(app, team.tenant, undefined, {
      category: 'loneliness',
      description: 'Meneer is erg eenzaam, niemand komt langs.',
      about: 'person',
      person: { ...about, name: 'meneer Vos' },
    });
    const second = await report(app, team.tenant, team.sessions.nurse, {
      category: 'loneliness',
      description: 'Meneer Vos zit eenzaam thuis, niemand komt langs.',
      about: 'person',
      person: about,
    });
    const third = await report(app, team.tenant, undefined, {
      category: 'loneliness',
      description: 'Mevrouw op nummer 7 is eenzaam, niemand komt langs bij haar.',
      about: 'person',
      person: { postcode: '1902 CD', house_number: 7 },
    });
    assert.equal(first.duplicate_of, null);
    assert.equal(second.duplicate_of, first.id);
    assert.equal(third.duplicate_of, null);
    const full = (await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${first.id}`)).json();
    assert.deepEqual(full.duplicates, [second.id]);
    const cluster = (await call(app, team.sessions.consultant, 'GET', '/api/v1/signal-clusters?area=1902'))
      .json()
      .clusters.find((c: { reports: number }) => c.reports === 3);
    assert.equal(cluster.count, 2, 'two households, three reports');

    // Triaging the first also answers the duplicate: its reporter hears "picked up".
    await call(app, team.sessions.consultant, 'POST', `/api/v1/signals/${first.id}/triage`, {
      decision: 'advice',
      reason: 'Buren gevraagd eens aan te bellen.',
    });
    const nurseView = (await call(app, team.sessions.nurse, 'GET', `/api/v1/signals/${second.id}`)).json();
    assert.equal(nurseView.status, 'picked-up');
  });
});

describe('signals: the scan — escalation and retention (fake clock)', () => {
  let app: App;
  let db: Database;
  let config: Config;
  let team: Team;

  before(async () => {
    ({ app, db, config } = await testApp());
    team = await aTeam(app, db);
    const set = await call(app, team.sessions.teamLead, 'PATCH', '/api/v1/signal-settings', {
      retention_days: 30,
    });
    assert.equal(set.json().retention_days, 30, set.body);
  });

  test('an untriaged signal past 48 hours escalates once to the team lead; urgent ones are due the same day', async () => {
    const signal = await report(app, team.tenant, team.sessions.nurse, mailPilingUp);
    const clock = fakeClock(new Date(Date.parse(signal.triage_before) - HOUR));
    const scan = () => scanSignals(db, config, clock.now(), { tenantIds: [team.tenant.id] });
    assert.equal((await scan()).escalated, 0, 'not yet');
    clock.advance(2 * HOUR);
    const r = await scan();
    assert.equal(r.escalated, 1);
    const mails = await outboxFor(db, team.users.teamLead.email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.subject, 'Signalen niet op tijd beoordeeld: 1');
    assert.doesNotMatch(mails[0]!.textBody, /post|Graaf|Schoorl/, 'no contents in the e-mail');
    const [marked] = await auditOf(db, team.tenant, sql`record_id = ${signal.id} and actor_user_id is null`);
    assert.equal(marked?.action, 'update');
    assert.equal(marked?.purpose, 'job signals.scan');
    clock.advance(HOUR);
    assert.equal((await scan()).escalated, 0, 'told once');
    const list = (await call(app, team.sessions.teamLead, 'GET', '/api/v1/signals')).json().signals;
    const item = list.find((s: { id: string }) => s.id === signal.id);
    assert.equal(item.escalated, true, 'the list marks it (the real clock says whether it is overdue now)');

    const urgent = await report(app, team.tenant, undefined, { ...mailPilingUp, urgency: 'urgent' });
    const told = await outboxFor(db, team.users.teamLead.email);
    assert.ok(
      told.some((m) => m.subject === 'Nieuw urgent signaal' && /signalen\/[0-9a-f-]{36}/.test(m.textBody)),
    );
    const due = Date.parse(urgent.triage_before);
    assert.ok(due - Date.now() <= 24 * HOUR && due - Date.now() >= 4 * HOUR - 5000, urgent.triage_before);
    const day = (d: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(d);
    assert.ok(
      day(due) === day(Date.now()) || due - Date.now() <= 4 * HOUR + 5000,
      'same day, or 4 hours late at night',
    );
  });

  test('the scheduler runs the scan: registered once, it escalates when the fake clock passes the deadline', async () => {
    const watched = await aTeam(app, db);
    const signal = await report(app, watched.tenant, undefined, mailPilingUp);
    const clock = fakeClock(new Date());
    const scheduler = createScheduler(db, { clock, logger: { error: () => undefined } });
    await registerSignalJobs(scheduler, db, config, { clock, tenantIds: [watched.tenant.id] });
    try {
      await scheduler.runDue();
      clock.advance(47 * HOUR);
      await scheduler.runDue();
      assert.equal((await outboxFor(db, watched.users.teamLead.email)).length, 0, 'not before the deadline');
      clock.advance(2 * HOUR);
      await scheduler.runDue();
      const mails = await outboxFor(db, watched.users.teamLead.email);
      assert.equal(mails.length, 1);
      const list = (await call(app, watched.sessions.teamLead, 'GET', '/api/v1/signals')).json().signals;
      assert.equal(list.find((s: { id: string }) => s.id === signal.id).escalated, true);
    } finally {
      // The scan is one job for the whole installation: other tests on this database must not run it.
      await db.system((tx) => scheduler.cancel(tx, SIGNAL_SCAN, SIGNAL_SCAN));
    }
  });

  test('signals without follow-up are deleted after the tenant’s period, leaving a record; follow-up stays', async () => {
    const noFollowUp = await report(app, team.tenant, undefined, {
      category: 'neglect',
      description: 'Rommel in de voortuin.',
      about: 'person',
      person: { postcode: '1931 AB', house_number: 40 },
    });
    await call(app, team.sessions.consultant, 'POST', `/api/v1/signals/${noFollowUp.id}/triage`, {
      decision: 'nothing',
      reason: 'Geen zorgen na navraag.',
    });
    const followedUp = await report(app, team.tenant, undefined, {
      category: 'neglect',
      description: 'Oude man eet slecht.',
      about: 'person',
      person: { postcode: '1931 AB', house_number: 41 },
    });
    await call(app, team.sessions.consultant, 'POST', `/api/v1/signals/${followedUp.id}/triage`, {
      new_household: {
        members: [{ given_name: 'Piet', family_name: 'Zeeman', birth_date: '1939-01-01' }],
        address: { postcode: '1931 AB', house_number: 41 },
      },
      decision: 'outreach-visit',
      reason: 'Huisbezoek.',
    });
    const untriaged = await report(app, team.tenant, undefined, lonely('Eenzaam in Egmond', 'Egmond'));

    const clock = fakeClock(new Date(Date.now() + 29 * DAY));
    const scan = () => scanSignals(db, config, clock.now(), { tenantIds: [team.tenant.id] });
    assert.equal((await scan()).deleted, 0, 'within the period');
    clock.advance(2 * DAY);
    assert.equal((await scan()).deleted, 1);
    assertProblem(await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${noFollowUp.id}`), 404);
    assert.equal(
      (await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${followedUp.id}`)).statusCode,
      200,
    );
    assert.equal(
      (await call(app, team.sessions.consultant, 'GET', `/api/v1/signals/${untriaged.id}`)).statusCode,
      200,
    );

    const [record] = await db.system((tx) =>
      rows<{ signal_id: string; reason: string; decision: string }>(
        tx,
        sql`select * from signal_deletions where tenant_id = ${team.tenant.id}`,
      ),
    );
    assert.equal(record?.signal_id, noFollowUp.id);
    assert.equal(record?.reason, 'retention-period');
    assert.equal(record?.decision, 'nothing');
    const [entry] = await auditOf(db, team.tenant, sql`action = 'delete' and record_id = ${noFollowUp.id}`);
    assert.equal(entry?.purpose, 'job signals.scan: retention period');
    assert.equal((await scan()).deleted, 0, 'deleted once');
  });
});

describe('signals: figures', () => {
  let app: App;
  let db: Database;
  let team: Team;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
  });

  test('per source, category, area and month, with small counts as "< 5"; CSV; aggregates only', async () => {
    for (let i = 0; i < 6; i++)
      await report(app, team.tenant, undefined, lonely(`Eenzame ouderen in de Dorpsstraat ${i}`));
    const partner = await report(app, team.tenant, team.sessions.nurse, mailPilingUp);
    await call(app, team.sessions.consultant, 'POST', `/api/v1/signals/${partner.id}/triage`, {
      decision: 'advice',
      reason: 'Advies.',
    });
    const res = await call(app, team.sessions.policy, 'GET', '/api/v1/signal-figures');
    assert.equal(res.statusCode, 200, res.body);
    const f = res.json();
    assert.deepEqual(f.total, { count: 7, shown: '7' });
    assert.deepEqual(
      f.per_source.map((x: { label: string; shown: string; count: number | null }) => [
        x.label,
        x.shown,
        x.count,
      ]),
      [
        ['Inwoner', '6', 6],
        ['Partner (referring-partner)', '< 5', null],
      ],
    );
    assert.deepEqual(
      f.per_area.find((x: { label: string }) => x.label === 'Castricum'),
      {
        label: 'Castricum',
        count: 6,
        shown: '6',
      },
    );
    const month = new Date().toISOString().slice(0, 7);
    assert.equal(f.over_time.months.at(-1), month);
    assert.equal(f.over_time.months.length, 12);
    const castricum = f.over_time.per_area.find((x: { label: string }) => x.label === 'Castricum');
    assert.deepEqual(castricum.months.at(-1), { count: 6, shown: '6' });
    assert.deepEqual(castricum.months.at(-2), { count: 0, shown: '0' });
    const schoorl = f.over_time.per_area.find((x: { label: string }) => x.label === 'Schoorl');
    assert.deepEqual(schoorl.months.at(-1), { count: null, shown: '< 5' });
    assert.equal(f.time_to_triage_hours.median, null, 'one triaged signal: too few to show');
    assert.equal(f.share_leading_to_contact, null);
    assert.equal(f.clusters.total.shown, '< 5');
    assert.doesNotMatch(res.body, /Dorpsstraat|Graaf/);

    const csv = await call(app, team.sessions.policy, 'GET', '/signalen/cijfers.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /Signalen per bron;Partner \(referring-partner\);< 5/);
    assert.match(csv.body, new RegExp(`Signalen per gebied, per maand;Castricum ${month};6`));
    assertProblem(
      await call(app, team.sessions.consultant, 'GET', '/api/v1/signal-figures'),
      403,
      'forbidden',
    );
  });
});
