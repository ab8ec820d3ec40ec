// "Klopt er iets niet?": a resident's report reaches the owner (e-mail and Mijn aanbod) and the coordinators
// (queue), who mark it handled. Anonymous: no IP address is stored anywhere.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../../app.js';
import { rows, type Database } from '../../../platform/db/index.js';
import { call } from '../../../../test/helpers/factories.js';
import { assertProblem, formBody } from '../../../../test/api/support.js';
import { customTestApp, testApp } from '../../../../test/helpers/app.js';
import {
  OTHER_OFFER,
  OTHER_ORG_EMAIL,
  OWN_OFFER,
  curationWorld,
  mailsTo,
  sessions,
  type World,
} from './test-fixtures.js';

interface Report {
  id: string;
  service_id: string;
  service_name: string;
  message: string;
  contact_email: string | null;
  status: string;
}

describe('directory curation: residents report what is not right', () => {
  let app: App;
  let db: Database;
  let w: World;
  let as: Awaited<ReturnType<typeof sessions>>;
  const CLIENT_IP = '203.0.113.77';

  const report = (id: string, body: unknown, tenant = w.tenant.slug) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/services/${id}/feedback?tenant=${tenant}`,
      payload: body as object,
      remoteAddress: CLIENT_IP,
    });

  before(async () => {
    ({ app, db } = await testApp());
    w = await curationWorld(db);
    as = await sessions(app, w);
  });

  test('a report reaches the linked provider by e-mail and in Mijn aanbod, and the coordinator', async () => {
    const res = await report(OWN_OFFER, {
      message: 'De koffie-inloop is nu op vrijdag, niet op donderdag.',
      email: 'ria@example.nl',
    });
    assert.equal(res.statusCode, 201, res.body);
    const { id } = res.json<{ id: string }>();

    const [mail] = await mailsTo(db, w.tenant, w.provider.email);
    assert.equal(mail?.subject, 'Melding over uw aanbod: Koffie-inloop Schoorl');
    assert.match(mail!.textBody, /nu op vrijdag, niet op donderdag/);
    assert.match(mail!.textBody, /antwoord op: ria@example\.nl/);

    const mine = await call(app, as.provider, 'GET', '/api/v1/my/services');
    assert.deepEqual(
      mine.json<{ feedback: Report[] }>().feedback.map((f) => [f.id, f.service_name, f.contact_email]),
      [[id, 'Koffie-inloop Schoorl', 'ria@example.nl']],
    );
    const strangers = await call(app, as.stranger, 'GET', '/api/v1/my/services');
    assert.deepEqual(strangers.json<{ feedback: Report[]; organizations: unknown[] }>().feedback, []);

    const queue = await call(app, as.coordinator, 'GET', '/api/v1/feedback');
    assert.equal(queue.statusCode, 200, queue.body);
    assert.deepEqual(
      queue.json<{ contents: Report[] }>().contents.map((f) => [f.id, f.status]),
      [[id, 'open']],
    );
    const page = await call(app, as.coordinator, 'GET', '/beheer/aanbod/wachtrij');
    assert.match(page.body, /nu op vrijdag, niet op donderdag/);
    const minePage = await call(app, as.provider, 'GET', '/mijn-aanbod');
    assert.match(minePage.body, /nu op vrijdag, niet op donderdag/);
  });

  test('no IP address is stored: not with the report, not in the audit log', async () => {
    const res = await report(OTHER_OFFER, { message: 'Het spreekuur is verhuisd.' });
    assert.equal(res.statusCode, 201, res.body);
    const { id } = res.json<{ id: string }>();
    const columns = await db.system((tx) =>
      rows<{ column_name: string }>(
        tx,
        sql`select column_name from information_schema.columns where table_name = 'directory_feedback'`,
      ),
    );
    assert.ok(columns.length > 0);
    assert.ok(!columns.some((c) => /ip|addr|agent/i.test(c.column_name)), JSON.stringify(columns));
    const stored = await db.tenant(w.tenant.id, (tx) =>
      rows<Record<string, unknown>>(tx, sql`select * from directory_feedback where id = ${id}`),
    );
    assert.equal(stored.length, 1);
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(CLIENT_IP.replace(/\./g, '\\.')));
    const audit = await db.tenant(w.tenant.id, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_log where record_id = ${id} or ip = ${CLIENT_IP}`,
      ),
    );
    assert.equal(Number(audit[0]!.n), 0);
    // Nobody is linked to the library: its own address gets the report.
    const [mail] = await mailsTo(db, w.tenant, OTHER_ORG_EMAIL);
    assert.match(mail?.textBody ?? '', /Het spreekuur is verhuisd\./);
    assert.match(mail!.textBody, /geen e-mailadres achtergelaten/);
  });

  test('bad input gets Dutch field errors and stores nothing', async () => {
    const before = await call(app, as.coordinator, 'GET', '/api/v1/feedback');
    const empty = assertProblem(
      await report(OWN_OFFER, { message: '   ', email: 'geen-adres' }),
      400,
      'validation',
    );
    assert.deepEqual(empty.errors, [
      { field: 'message', message: 'Schrijf op wat er niet klopt.' },
      { field: 'email', message: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.' },
    ]);
    assertProblem(await report(OWN_OFFER, {}), 400, 'validation');
    assertProblem(await report(OWN_OFFER, { message: 'x'.repeat(3000) }), 400, 'validation');
    assertProblem(
      await report('00000000-0000-4000-8000-000000000000', { message: 'Weg?' }),
      404,
      'not_found',
    );
    assertProblem(await report(OWN_OFFER, { message: 'Weg?' }, 'bestaat-niet'), 404, 'unknown_tenant');
    const after = await call(app, as.coordinator, 'GET', '/api/v1/feedback');
    assert.equal(
      after.json<{ contents: unknown[] }>().contents.length,
      before.json<{ contents: unknown[] }>().contents.length,
    );
  });

  test('a coordinator marks a report handled; providers and residents may not', async () => {
    const [first] = (await call(app, as.coordinator, 'GET', '/api/v1/feedback')).json<{
      contents: Report[];
    }>().contents;
    assertProblem(
      await call(app, as.provider, 'PATCH', `/api/v1/feedback/${first!.id}`, { status: 'handled' }),
      403,
      'forbidden',
    );
    assertProblem(
      await call(app, as.resident, 'PATCH', `/api/v1/feedback/${first!.id}`, { status: 'handled' }),
      403,
      'forbidden',
    );
    const res = await call(app, as.coordinator, 'PATCH', `/api/v1/feedback/${first!.id}`, {
      status: 'handled',
    });
    assert.equal(res.statusCode, 204, res.body);
    const open = (await call(app, as.coordinator, 'GET', '/api/v1/feedback')).json<{ contents: Report[] }>()
      .contents;
    assert.ok(!open.some((f) => f.id === first!.id));
    const handled = (await call(app, as.coordinator, 'GET', '/api/v1/feedback?status=handled')).json<{
      contents: Report[];
    }>().contents;
    assert.ok(handled.some((f) => f.id === first!.id));
    assertProblem(
      await call(app, as.coordinator, 'PATCH', '/api/v1/feedback/00000000-0000-4000-8000-000000000000', {
        status: 'handled',
      }),
      404,
      'not_found',
    );
  });

  test('the public form: B1 Dutch, CSRF-protected, errors at the field, thanks after sending', async () => {
    const token = 'a-form-token-of-enough-length-123';
    const headers = {
      cookie: `wk_csrf=${token}; wk_tenant=${w.tenant.slug}`,
      'content-type': 'application/x-www-form-urlencoded',
    };
    const page = await app.inject({ url: `/aanbod/${OWN_OFFER}/melding?tenant=${w.tenant.slug}` });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /<h1[^>]*>Klopt er iets niet\?<\/h1>/);
    assert.match(page.body, /Koffie-inloop Schoorl/);
    assert.match(page.body, /name="_csrf"/);

    const noToken = await app.inject({
      method: 'POST',
      url: `/aanbod/${OWN_OFFER}/melding`,
      headers,
      payload: formBody({ message: 'Zonder token' }),
    });
    assert.equal(noToken.statusCode, 403);

    const empty = await app.inject({
      method: 'POST',
      url: `/aanbod/${OWN_OFFER}/melding`,
      headers: { ...headers, accept: 'text/html' },
      payload: formBody({ _csrf: token, message: '', email: '' }),
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Schrijf op wat er niet klopt\./);
    assert.match(empty.body, /href="#message"/);

    const sent = await app.inject({
      method: 'POST',
      url: `/aanbod/${OWN_OFFER}/melding`,
      headers,
      payload: formBody({ _csrf: token, message: 'Het adres klopt niet.', email: '' }),
    });
    assert.equal(sent.statusCode, 303, sent.body);
    assert.equal(sent.headers.location, `/aanbod/${OWN_OFFER}/melding?melding=verstuurd`);
    const thanks = await app.inject({
      url: sent.headers.location as string,
      headers: { cookie: headers.cookie },
    });
    assert.match(thanks.body, /Dank u wel! Uw melding is verstuurd/);
    const open = (await call(app, as.coordinator, 'GET', '/api/v1/feedback')).json<{ contents: Report[] }>()
      .contents;
    assert.ok(open.some((f) => f.message === 'Het adres klopt niet.' && f.contact_email === null));
  });

  test('reports are rate limited per address', async () => {
    const limited = await customTestApp({ WIJKKRACHT_FORM_RATE_LIMIT: '2' });
    try {
      const send = () =>
        limited.app.inject({
          method: 'POST',
          url: `/api/v1/services/${OWN_OFFER}/feedback?tenant=${w.tenant.slug}`,
          payload: { message: 'Spam' },
        });
      assert.equal((await send()).statusCode, 201);
      assert.equal((await send()).statusCode, 201);
      assertProblem(await send(), 429, 'rate_limited');
    } finally {
      await limited.app.close();
    }
  });
});
