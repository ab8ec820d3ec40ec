// Staleness: every offer has a last-checked date; offers not confirmed within the tenant's period are flagged,
// reported to coordinators, and their owners reminded by the daily job — never twice within four weeks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../../app.js';
import type { Config } from '../../../config.js';
import { rows, type Database } from '../../../platform/db/index.js';
import { createScheduler, fakeClock, type Scheduler } from '../../../platform/jobs/index.js';
import { call } from '../../../../test/helpers/factories.js';
import { assertProblem } from '../../../../test/api/support.js';
import { testApp } from '../../../../test/helpers/app.js';
import { readDemoServices } from '../demo.js';
import type { CompiledService } from '../schemas.js';
import { dateInNetherlands, monthsBefore } from './dates.js';
import { STALENESS_SCAN, cancelStalenessScan, registerCurationJobs } from './jobs.js';
import { curationTexts } from './messages.js';
import { confirmOffer } from './service.js';
import {
  ORG,
  OTHER_OFFER,
  OTHER_ORG_EMAIL,
  curationWorld,
  mailsTo,
  sessions,
  type World,
} from './test-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
/** Far before any real job of the shared test database, so the scheduler here only meets its own jobs. */
const T0 = new Date('2020-03-02T07:00:00Z');

function withDates(corpus: CompiledService[], dates: Map<string, string | null>, fallback: string | null) {
  return corpus.map((s) => {
    const copy = structuredClone(s);
    const date = dates.has(s.id) ? dates.get(s.id)! : fallback;
    if (date) copy.assured_date = date;
    else delete copy.assured_date;
    return copy;
  });
}

describe('directory curation: staleness reminders through the job scheduler', () => {
  let db: Database;
  let config: Config;
  let w: World;
  let own: CompiledService[];
  let scheduler: Scheduler;
  const clock = fakeClock(T0);
  const quiet = { error: () => undefined };

  before(async () => {
    ({ db, config } = await testApp());
    const corpus = await readDemoServices();
    own = corpus.filter((s) => s.organization_id === ORG);
    const dates = new Map<string, string | null>([
      [own[0]!.id, '2019-03-01'],
      [own[1]!.id, '2019-08-15'],
      [own[2]!.id, null], // never confirmed: counts from last_modified
      [own[3]!.id, '2019-09-02'], // exactly six months before T0: not yet stale
      [own[4]!.id, '2019-09-01'],
      [OTHER_OFFER, '2019-01-15'],
    ]);
    const data = withDates(corpus, dates, '2020-02-01');
    data.find((s) => s.id === own[2]!.id)!.last_modified = '2019-01-10T10:00:00Z';
    // An offer that no longer runs is not reminded about.
    const stopped = data.find((s) => s.organization_id !== ORG && s.id !== OTHER_OFFER)!;
    stopped.status = 'inactive';
    stopped.assured_date = '2018-01-01';
    w = await curationWorld(db, { corpus: data });
    scheduler = createScheduler(db, { clock, logger: quiet });
    await registerCurationJobs(scheduler, db, config, { clock, tenantIds: [w.tenant.id] });
  });

  after(async () => {
    await cancelStalenessScan(scheduler, db, w.tenant.id);
  });

  const reminders = async () =>
    Number(
      (
        await db.tenant(w.tenant.id, (tx) =>
          rows<{ n: number }>(tx, sql`select count(*)::int as n from directory_staleness_reminders`),
        )
      )[0]!.n,
    );
  const nextRun = async () => {
    const [job] = await db.system((tx) =>
      rows<{ run_at: string }>(
        tx,
        sql`select to_char(run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as run_at from jobs
            where kind = ${STALENESS_SCAN} and tenant_id = ${w.tenant.id} and done_at is null and failed_at is null`,
      ),
    );
    return job?.run_at;
  };

  test('the first scan reminds each owner once, listing all its stale offers', async () => {
    const result = await scheduler.runDue();
    assert.deepEqual(result, { ran: 1, failed: 0 });

    const toProvider = await mailsTo(db, w.tenant, w.provider.email);
    assert.equal(toProvider.length, 1, 'one e-mail for all offers of the organisation');
    assert.equal(toProvider[0]!.subject, 'Klopt uw aanbod in de sociale kaart nog?');
    for (const i of [0, 1, 2, 4])
      assert.ok(toProvider[0]!.textBody.includes(`- ${own[i]!.name} (`), own[i]!.name);
    assert.ok(
      !toProvider[0]!.textBody.includes(`- ${own[3]!.name} (`),
      'six months to the day is not stale yet',
    );
    assert.match(toProvider[0]!.textBody, /laatst gecontroleerd: 2019-03-01/);
    assert.match(toProvider[0]!.textBody, /laatst gecontroleerd: 2019-01-10/, 'from last_modified');
    assert.match(toProvider[0]!.textBody, /http:\/\/localhost:3000\/mijn-aanbod/);

    // An organisation without linked providers hears it at its own address.
    const toLibrary = await mailsTo(db, w.tenant, OTHER_ORG_EMAIL);
    assert.equal(toLibrary.length, 1);
    assert.match(toLibrary[0]!.textBody, /Digi-spreekuur Egmond aan Zee/);
    assert.equal(await reminders(), 5);
    assert.equal(await nextRun(), new Date(T0.getTime() + DAY).toISOString().replace('.000', ''));
  });

  test('the next day the job runs again: only the offer that has just become stale is new', async () => {
    assert.equal((await scheduler.runDue()).ran, 0, 'not before its time');
    clock.advance(DAY);
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 0 });
    const toProvider = await mailsTo(db, w.tenant, w.provider.email);
    assert.equal(toProvider.length, 2);
    const lines = toProvider[1]!.textBody.split('\n').filter((l) => l.startsWith('- '));
    assert.deepEqual(lines, [`- ${own[3]!.name} (laatst gecontroleerd: 2019-09-02)`]);
    assert.equal((await mailsTo(db, w.tenant, OTHER_ORG_EMAIL)).length, 1, 'no second reminder');
    assert.equal(await reminders(), 6);
    clock.advance(20 * DAY);
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 0 });
    assert.equal((await mailsTo(db, w.tenant, w.provider.email)).length, 2, 'still quiet after three weeks');
    assert.equal(await reminders(), 6);
  });

  test('four weeks after its reminder an offer still stale is reminded again; a confirmed offer is not', async () => {
    const ctx = {
      actor: {
        tenantId: w.tenant.id,
        userId: w.provider.id,
        roles: ['provider'],
        purpose: 'test',
      },
      texts: curationTexts('nl'),
      now: clock.now(),
      publicUrl: config.publicUrl,
    };
    await db.tenant(w.tenant.id, (tx) => confirmOffer(tx, ctx, own[0]!.id));
    clock.advance(7 * DAY);
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 0 });
    const toProvider = await mailsTo(db, w.tenant, w.provider.email);
    assert.equal(toProvider.length, 3);
    const third = toProvider[2]!.textBody;
    for (const i of [1, 2, 4]) assert.ok(third.includes(`- ${own[i]!.name} (`), own[i]!.name);
    assert.ok(!third.includes(`- ${own[0]!.name} (`), 'confirmed meanwhile');
    assert.ok(!third.includes(`- ${own[3]!.name} (`), 'its reminder is only 27 days old');
    assert.equal((await mailsTo(db, w.tenant, OTHER_ORG_EMAIL)).length, 2);
    assert.equal(await reminders(), 10);
  });
});

describe('directory curation: the staleness report', () => {
  let app: App;
  let db: Database;
  let w: World;
  let as: Awaited<ReturnType<typeof sessions>>;
  let own: CompiledService[];
  const today = dateInNetherlands(new Date());

  before(async () => {
    ({ app, db } = await testApp());
    const corpus = await readDemoServices();
    own = corpus.filter((s) => s.organization_id === ORG);
    const dates = new Map<string, string | null>([
      [own[0]!.id, monthsBefore(today, 7)],
      [own[1]!.id, monthsBefore(today, 5)],
      [OTHER_OFFER, monthsBefore(today, 13)],
    ]);
    w = await curationWorld(db, { corpus: withDates(corpus, dates, monthsBefore(today, 1)) });
    as = await sessions(app, w);
  });

  test('GET /api/v1/directory/stale lists offers not checked for six months, per organisation, with age', async () => {
    const res = await call(app, as.coordinator, 'GET', '/api/v1/directory/stale');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      stale_after_months: number;
      cutoff: string;
      total: number;
      contents: { id: string; organization_name: string; last_checked: string; age_days: number }[];
    }>();
    assert.equal(body.stale_after_months, 6);
    assert.equal(body.cutoff, monthsBefore(today, 6));
    assert.deepEqual(
      body.contents.map((c) => [c.id, c.organization_name, c.last_checked]),
      [
        [OTHER_OFFER, 'Bibliotheek De Duinrand', monthsBefore(today, 13)],
        [own[0]!.id, 'Stichting Welzijn Kustdorpen', monthsBefore(today, 7)],
      ],
    );
    assert.equal(body.total, 2);
    assert.ok(body.contents[1]!.age_days >= 181 && body.contents[1]!.age_days <= 215);
    const one = await call(app, as.administrator, 'GET', `/api/v1/directory/stale?organization_id=${ORG}`);
    assert.equal(one.json<{ total: number }>().total, 1);
    assertProblem(await call(app, as.provider, 'GET', '/api/v1/directory/stale'), 403, 'forbidden');
  });

  test('the coordinator report page groups stale offers by organisation', async () => {
    const res = await call(app, as.coordinator, 'GET', '/beheer/aanbod/verouderd');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /<h2[^>]*>Bibliotheek De Duinrand<\/h2>/);
    assert.match(res.body, /Stichting Welzijn Kustdorpen: 1 verouderd/);
    assert.match(res.body, new RegExp(own[0]!.name));
    assert.doesNotMatch(res.body, new RegExp(`>${own[1]!.name}<`));
    assert.match(res.body, /7 maanden|6 maanden/);
  });

  test('the provider sees which of its offers are stale and when each was last checked', async () => {
    const res = await call(app, as.provider, 'GET', '/api/v1/my/services');
    const offers = res
      .json<{ organizations: { services: { id: string; stale: boolean; last_checked: string }[] }[] }>()
      .organizations.flatMap((o) => o.services);
    assert.equal(offers.length, own.length);
    assert.deepEqual(
      offers.filter((o) => o.stale).map((o) => o.id),
      [own[0]!.id],
    );
    assert.equal(offers.find((o) => o.id === own[1]!.id)!.last_checked, monthsBefore(today, 5));
  });

  test('a tenant may set its own period', async () => {
    const corpus = await readDemoServices();
    const yearly = await curationWorld(db, {
      corpus: withDates(
        corpus,
        new Map([
          [OTHER_OFFER, monthsBefore(today, 13)],
          [own[0]!.id, monthsBefore(today, 7)],
        ]),
        today,
      ),
      tenant: { settings: { directoryStaleAfterMonths: 12 } },
    });
    const coordinator = (await sessions(app, yearly)).coordinator;
    const res = await call(app, coordinator, 'GET', '/api/v1/directory/stale');
    const body = res.json<{ stale_after_months: number; contents: { id: string }[] }>();
    assert.equal(body.stale_after_months, 12);
    assert.deepEqual(
      body.contents.map((c) => c.id),
      [OTHER_OFFER],
    );
  });
});
