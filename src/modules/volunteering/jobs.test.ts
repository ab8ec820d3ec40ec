// The daily follow-up watch with a fake clock: the coordinator hears once of an evaluation that fell due and of a
// VOG that will lapse within 60 days — by count and link only, no personal data in the mail.
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
import { registerVolunteeringJobs, scanFollowUp } from './jobs.js';
import { aRequest, aTeam, aVolunteer, daysFromNow, type Team } from './test-fixtures.js';

const DAY = 86_400_000;

describe('volunteering: the daily follow-up watch', () => {
  let app: App;
  let db: Database;
  let config: Config;
  let team: Team;

  before(async () => {
    ({ app, db, config } = await testApp());
    team = await aTeam(app, db);
  });

  test('an evaluation falling due and a VOG entering its last 60 days are mailed to the coordinator once', async () => {
    const start = new Date();
    const clock = fakeClock(start);
    const issued = new Date(start.getTime() + 61 * DAY);
    issued.setUTCFullYear(issued.getUTCFullYear() - 3);
    // The VOG lapses 61 days from now; the odd-jobs helper needs none, so the match itself is unaffected.
    const vol = await aVolunteer(app, team, {
      name: 'Lies Lapst',
      place: 'Heiloo',
      kinds: ['odd-jobs', 'company'],
      vog_issued_on: issued.toISOString().slice(0, 10),
    });
    const req = await aRequest(app, team.sessions.resident, { kind: 'odd-jobs', place: 'Heiloo' });
    const m = (
      await call(app, team.sessions.coordinator, 'POST', '/api/v1/matches', {
        request_id: req.id,
        volunteer_id: vol.id,
      })
    ).json();
    await call(app, team.sessions.coordinator, 'POST', `/api/v1/matches/${m.id}/status`, {
      status: 'confirmed',
    });
    await db.tenant(team.tenant.id, (tx) =>
      tx.execute(sql`update matches set evaluation_due_on = ${daysFromNow(1)} where id = ${m.id}`),
    );

    const scheduler = createScheduler(db, { clock, logger: { error: () => undefined } });
    await registerVolunteeringJobs(scheduler, db, config, { clock, tenantIds: [team.tenant.id] });
    const mails = () => outboxFor(db, team.users.coordinator.email);

    await scheduler.runDue();
    clock.advance(DAY);
    await scheduler.runDue();
    assert.equal((await mails()).length, 0, 'nothing due yet');

    clock.advance(DAY);
    await scheduler.runDue();
    const sent = await mails();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.subject, 'Vrijwilligerswerk: er is iets na te kijken');
    assert.match(sent[0]!.textBody, /Evaluaties die nu moeten: 1\./);
    assert.match(sent[0]!.textBody, /VOG's die binnen 60 dagen verlopen: 1\./);
    assert.match(sent[0]!.textBody, /\/vrijwilligerswerk$/m);
    assert.ok(!sent[0]!.textBody.includes('Lies'), 'no names in the mail');

    clock.advance(DAY);
    await scheduler.runDue();
    clock.advance(DAY);
    await scheduler.runDue();
    assert.equal((await mails()).length, 1, 'each item is mailed once');
    const today = clock.now().toISOString().slice(0, 10);
    assert.deepEqual(await scanFollowUp(db, config, today, today, { tenantIds: [team.tenant.id] }), {
      tenants: 1,
      evaluations: 0,
      vogs: 0,
      mails: 0,
      failed: 0,
    });
  });
});
