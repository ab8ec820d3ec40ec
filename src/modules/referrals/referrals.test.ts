// Referrals through the HTTP interface: the Welzijn op Recept loop (GP → welfare coach → intake with a pathway →
// offers started → report back to the GP after the agreed period, fake clock), the deadline watch escalating to
// the team lead, a provider declining with a reason that the GP sees, bad input that changes nothing, the
// referrer who cannot open the case file, audit entries and small counts in the figures.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { fakeClock } from '../../platform/jobs/index.js';
import { outboxFor } from '../../platform/mail/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { aTenant, aUser, call, logIn } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { scanReferrals } from './jobs.js';
import {
  AANSCHUIF_EGMOND,
  BEZOEK_BERGEN,
  INACTIVE_OFFER,
  KOFFIE_EGMOND,
  aReferralWorld,
  aResident,
  auditOf,
  consent,
  type World,
} from './test-fixtures.js';

const HOUR = 60 * 60 * 1000;
const WEEK = 7 * 24 * HOUR;

describe('referrals: the closed loop over HTTP', () => {
  let app: App;
  let db: Database;
  let config: Config;
  let w: World;

  before(async () => {
    ({ app, db, config } = await testApp());
    w = await aReferralWorld(app, db);
  });

  const refer = (who: keyof World['sessions'], body: Record<string, unknown>) =>
    call(app, w.sessions[who], 'POST', '/api/v1/referrals', body);
  const status = (who: keyof World['sessions'], id: string, body: Record<string, unknown>) =>
    call(app, w.sessions[who], 'POST', `/api/v1/referrals/${id}/status`, body);
  const read = (who: keyof World['sessions'], id: string) =>
    call(app, w.sessions[who], 'GET', `/api/v1/referrals/${id}`);

  test('Welzijn op Recept: the GP in Egmond refers a lonely widower, the coach starts him at a koffie-inloop and with a buddy, the GP sees the outcome', async () => {
    const widower = aResident({ given_name: 'Gerrit', postcode: '1931 AB' });
    const sent = await refer('gp', {
      resident: widower,
      target: { kind: 'welfare-coach' },
      reason: 'Weduwnaar sinds een half jaar, voelt zich eenzaam, komt weinig buiten.',
      consent: consent(),
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const referral = sent.json();
    assert.equal(referral.status, 'sent');
    assert.equal(Date.parse(referral.respond_before) - Date.parse(referral.created_at), 48 * HOUR);
    assert.equal(referral.view, 'referrer');

    // The coach finds it in the inbox, with who and why.
    const inbox = (await call(app, w.sessions.coach, 'GET', '/api/v1/referrals?role=received')).json();
    assert.ok(inbox.referrals.some((r: { id: string }) => r.id === referral.id));
    const asCoach = (await read('coach', referral.id)).json();
    assert.equal(asCoach.view, 'receiver');
    assert.equal(asCoach.resident.birth_date, '1941-03-02');
    assert.match(asCoach.reason, /Weduwnaar/);
    assert.match(asCoach.consent.scope, /terugkoppeling aan de huisarts/);
    assert.equal((await status('coach', referral.id, { status: 'received' })).statusCode, 200);

    // The pathway resolves to offers near his postcode: the nearest koffie-inloop is the one in Egmond aan Zee.
    const route = (
      await call(app, w.sessions.coach, 'GET', `/api/v1/pathways/${w.pathwayId}?postcode=1931%20AB`)
    ).json();
    assert.equal(route.steps[0].offers[0].id, KOFFIE_EGMOND, JSON.stringify(route.steps[0].offers));
    assert.equal(route.steps[0].evaluate_after_weeks, 6);
    assert.equal(route.steps[1].offers[0].id, BEZOEK_BERGEN);

    const intakeBody = {
      pathway_id: w.pathwayId,
      service_ids: [KOFFIE_EGMOND, BEZOEK_BERGEN],
      report_after_weeks: 6,
      consent_given: false,
      note: 'Houdt van koffie en een praatje; loopt slecht, graag ophalen.',
    };
    const noConsent = await call(
      app,
      w.sessions.coach,
      'POST',
      `/api/v1/referrals/${referral.id}/intake`,
      intakeBody,
    );
    assert.match(
      JSON.stringify(assertProblem(noConsent, 400, 'validation')),
      /Zonder toestemming kan het niet/,
    );
    const intake = await call(app, w.sessions.coach, 'POST', `/api/v1/referrals/${referral.id}/intake`, {
      ...intakeBody,
      consent_given: true,
    });
    assert.equal(intake.statusCode, 200, intake.body);
    const started = intake.json();
    assert.equal(started.status, 'started');
    assert.deepEqual(
      started.offers.map((o: { service_id: string }) => o.service_id).sort(),
      [BEZOEK_BERGEN, KOFFIE_EGMOND].sort(),
    );

    // Each provider receives its own referral and moves it on.
    const coffee = started.offers.find((o: { service_id: string }) => o.service_id === KOFFIE_EGMOND);
    const buddy = started.offers.find((o: { service_id: string }) => o.service_id === BEZOEK_BERGEN);
    const providerInbox = (
      await call(app, w.sessions.provider, 'GET', '/api/v1/referrals?role=received')
    ).json();
    assert.ok(providerInbox.referrals.some((r: { id: string }) => r.id === coffee.id));
    assert.ok(!providerInbox.referrals.some((r: { id: string }) => r.id === buddy.id), 'not another org’s');
    // The provider reads the coach's note and the intake's consent, not what the GP wrote.
    const asProvider = (await read('provider', coffee.id)).json();
    assert.equal(asProvider.reason, 'Houdt van koffie en een praatje; loopt slecht, graag ophalen.');
    assert.match(asProvider.consent.scope, /Na de intake met de welzijnscoach/);
    assert.doesNotMatch(JSON.stringify(asProvider), /Weduwnaar/);
    for (const s of ['received', 'contacted', 'started']) {
      assert.equal((await status('provider', coffee.id, { status: s })).statusCode, 200);
      assert.equal((await status('buddyProvider', buddy.id, { status: s })).statusCode, 200);
    }

    // The GP sees status and outcome, and nothing beyond what the purpose needs.
    const asGp = (await read('gp', referral.id)).json();
    assert.equal(asGp.view, 'referrer');
    assert.equal(asGp.status, 'started');
    assert.deepEqual(
      asGp.history.map((e: { status: string }) => e.status),
      ['sent', 'received', 'contacted', 'started'],
    );
    assert.deepEqual(
      asGp.offers.map((o: { status: string }) => o.status),
      ['started', 'started'],
    );
    assert.equal(asGp.reason, null);
    assert.equal(asGp.consent, null);
    assert.equal(asGp.household_id, undefined);
    assert.deepEqual(Object.keys(asGp.resident).sort(), ['family_name', 'given_name']);
    // The GP cannot read the provider's referral that the coach made.
    assertProblem(await read('gp', coffee.id), 403, 'forbidden');

    // After the agreed six weeks the GP gets a short report (fake clock), once.
    const clock = fakeClock(new Date(Date.parse(started.report_due_at) - 60_000));
    const early = await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    assert.equal(early.reports, 0);
    clock.advance(2 * 60_000);
    const due = await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    assert.equal(due.reports, 1);
    const again = await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    assert.equal(again.reports, 0, 'reported once');
    const report = (await outboxFor(db, w.users.gp.email)).find(
      (m) => m.subject === 'Terugkoppeling Welzijn op Recept',
    );
    assert.ok(report, 'the GP got the report');
    assert.match(report.textBody, /Koffie-inloop Egmond aan Zee: Gestart/);
    assert.match(report.textBody, /Bezoekdienst aan huis Bergen: Gestart/);
    assert.doesNotMatch(report.textBody, /Gerrit|Duinmeijer/, 'no names in an e-mail');
    assert.ok(Date.parse(started.report_due_at) - Date.parse(started.created_at) >= 6 * WEEK - 60_000);

    // Every read and change of the referral is in the audit log, with who and why.
    const audit = await auditOf(db, w.tenant, referral.id);
    const by = (userId: string, action: string) =>
      audit.filter((a) => a.actor_user_id === userId && a.action === action).length;
    assert.ok(by(w.users.gp.id, 'create') === 1);
    assert.ok(by(w.users.gp.id, 'read') >= 1);
    assert.ok(by(w.users.coach.id, 'read') >= 2);
    assert.ok(by(w.users.coach.id, 'update') >= 2);
    assert.ok(audit.some((a) => a.purpose === 'GET /api/v1/referrals/:id'));
    assert.ok(
      audit.some((a) => a.actor_user_id === w.users.coach.id && a.purpose === 'GET /api/v1/referrals'),
      'the inbox list shows names: audited too',
    );
  });

  test('an overdue referral escalates to the team lead once (fake clock); contact in time does not', async () => {
    const late = (
      await refer('gp', {
        resident: aResident(),
        target: { kind: 'welfare-coach' },
        reason: 'Somber.',
        consent: consent(),
      })
    ).json();
    const inTime = (
      await refer('gp', {
        resident: aResident(),
        target: { service_id: KOFFIE_EGMOND },
        reason: 'Alleen.',
        consent: consent(),
      })
    ).json();
    assert.equal((await status('provider', inTime.id, { status: 'contacted' })).statusCode, 200);
    const clock = fakeClock(new Date(Date.parse(late.respond_before) - 60 * 60_000));
    const before = await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    assert.equal(before.overdue, 0);
    clock.advance(2 * 60 * 60_000);
    const after = await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    assert.ok(after.overdue >= 1);
    const mails = (await outboxFor(db, w.users.teamLead.email)).filter(
      (m) => m.subject === 'Verwijzing zonder contact na de termijn',
    );
    assert.ok(mails.some((m) => m.textBody.includes(late.id.slice(0, 8))));
    assert.ok(!mails.some((m) => m.textBody.includes(inTime.id.slice(0, 8))), 'contacted in time');
    const twice = await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    assert.equal(twice.overdue, 0, 'escalated once');
    const asCoach = (await read('coach', late.id)).json();
    assert.equal(asCoach.overdue, true);
  });

  test('a provider declines with a reason and the referrer sees it; a resident who asked for no contact gets no e-mail', async () => {
    const quiet = aResident({ email: 'stil@example.nl' });
    const sent = (
      await refer('gp', {
        resident: quiet,
        target: { service_id: AANSCHUIF_EGMOND },
        reason: 'Eet vaak alleen.',
        consent: consent(),
        no_contact: true,
      })
    ).json();
    assertProblem(await status('provider', sent.id, { status: 'declined' }), 400, 'validation');
    const declined = await status('provider', sent.id, {
      status: 'declined',
      reason_code: 'full',
      reason: 'De aanschuiftafel zit tot de zomer vol.',
    });
    assert.equal(declined.statusCode, 200, declined.body);
    const asGp = (await read('gp', sent.id)).json();
    assert.equal(asGp.status, 'declined');
    const last = asGp.history.at(-1);
    assert.equal(last.reason_code, 'full');
    assert.equal(last.reason, 'De aanschuiftafel zit tot de zomer vol.');
    assert.equal(last.actor, 'Petra de Wit');
    const toGp = await outboxFor(db, w.users.gp.email);
    assert.ok(
      toGp.some(
        (m) => m.subject === 'Uw verwijzing is afgesloten' && m.textBody.includes(sent.id.slice(0, 8)),
      ),
    );
    assert.equal((await outboxFor(db, 'stil@example.nl')).length, 0, 'no contact means no e-mail');
  });

  test('bad input: no consent, illegal jump, not the receiver, inactive offer, duplicate within a week', async () => {
    const resident = aResident();
    const noConsent = await refer('gp', {
      resident,
      target: { kind: 'welfare-coach' },
      reason: 'Eenzaam.',
      consent: { given: false, scope: 'contact' },
    });
    const problem = assertProblem(noConsent, 400, 'validation');
    assert.match(JSON.stringify(problem), /Zonder toestemming van de inwoner kunt u niet verwijzen/);
    const missing = await refer('gp', { resident, target: { kind: 'welfare-coach' }, reason: 'Eenzaam.' });
    assert.match(JSON.stringify(assertProblem(missing, 400, 'validation')), /Zonder toestemming/);

    const inactive = await refer('gp', {
      resident,
      target: { service_id: INACTIVE_OFFER },
      reason: 'x',
      consent: consent(),
    });
    assert.match(assertProblem(inactive, 409, 'conflict').detail ?? '', /niet actief/);

    const sent = (
      await refer('gp', {
        resident,
        target: { service_id: KOFFIE_EGMOND },
        reason: 'Alleen.',
        consent: consent(),
      })
    ).json();
    const jump = await status('provider', sent.id, { status: 'completed' });
    assert.match(
      assertProblem(jump, 409, 'conflict').detail ?? '',
      /Van "Verstuurd" naar "Afgerond" kan niet/,
    );
    assertProblem(await status('buddyProvider', sent.id, { status: 'received' }), 403, 'forbidden');
    assertProblem(await status('otherGp', sent.id, { status: 'received' }), 403, 'forbidden');
    assertProblem(await status('gp', sent.id, { status: 'received' }), 403, 'forbidden');
    assertProblem(await read('otherGp', sent.id), 403, 'forbidden');
    assert.equal((await read('gp', sent.id)).json().status, 'sent', 'nothing changed');

    const dup = await refer('gp', {
      resident,
      target: { service_id: KOFFIE_EGMOND },
      reason: 'Nog eens.',
      consent: consent(),
    });
    assert.equal(dup.statusCode, 409, dup.body);
    assert.equal(dup.json().existing.id, sent.id);
    assert.equal(dup.json().existing.url, `/verwijzingen/${sent.id}`);
    const anyway = await refer('gp', {
      resident,
      target: { service_id: KOFFIE_EGMOND },
      reason: 'Nog eens.',
      consent: consent(),
      confirm_duplicate: true,
    });
    assert.equal(anyway.statusCode, 201);
    // The GP withdraws on the resident's behalf; then it is closed.
    assert.equal((await status('gp', sent.id, { status: 'withdrawn' })).statusCode, 200);
    assertProblem(await status('provider', sent.id, { status: 'received' }), 409, 'conflict');
  });

  test('a referral to the social team becomes a support request; the referrer cannot open the case file', async () => {
    const noNumber = await refer('gp', {
      resident: aResident(),
      target: { kind: 'social-team' },
      reason: 'Schulden.',
      consent: consent(),
    });
    assert.match(JSON.stringify(assertProblem(noNumber, 400, 'validation')), /huisnummer/);
    const sent = (
      await refer('gp', {
        resident: aResident({ house_number: 12 }),
        target: { kind: 'social-team' },
        reason: 'Schulden en de post stapelt zich op.',
        consent: consent(),
      })
    ).json();
    const taken = await status('coach', sent.id, { status: 'received' });
    assert.equal(taken.statusCode, 200, taken.body);
    const householdId = taken.json().household_id;
    assert.match(householdId, /^[0-9a-f-]{36}$/);
    const file = await call(app, w.sessions.coach, 'GET', `/api/v1/households/${householdId}`);
    assert.equal(file.statusCode, 200);
    const request = file.json().support_requests[0];
    assert.equal(request.channel, 'referral');
    assert.equal(request.question, 'Schulden en de post stapelt zich op.');

    assertProblem(await call(app, w.sessions.gp, 'GET', `/api/v1/households/${householdId}`), 403);
    const asGp = (await read('gp', sent.id)).json();
    assert.equal(asGp.status, 'received');
    assert.ok(!JSON.stringify(asGp).includes(householdId), 'the referrer does not learn the household');
  });

  test('a pathway step has its evaluation moment, and after closure the receiver is reminded to call (fake clock)', async () => {
    const sent = (
      await refer('gp', {
        resident: aResident(),
        target: { service_id: KOFFIE_EGMOND },
        reason: 'Alleen sinds de verhuizing.',
        consent: consent(),
        pathway_id: w.pathwayId,
        pathway_step: 1,
      })
    ).json();
    assert.deepEqual(sent.pathway, { id: w.pathwayId, title: 'Eenzaamheid', step: 1 });
    await status('provider', sent.id, { status: 'contacted' });
    const started = (await status('provider', sent.id, { status: 'started' })).json();
    assert.equal(Date.parse(started.evaluate_at) - Date.parse(started.history.at(-1).at), 6 * WEEK);

    const clock = fakeClock(new Date(Date.parse(started.evaluate_at) + 60_000));
    await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    const asked = (await outboxFor(db, w.users.gp.email)).filter(
      (m) => m.subject === 'Evaluatiemoment van een verwijzing' && m.textBody.includes(sent.id.slice(0, 8)),
    );
    assert.equal(asked.length, 1);
    assert.match(asked[0]!.textBody, /stap 1 van de routekaart Eenzaamheid/);
    assert.match(asked[0]!.textBody, new RegExp(`/routekaarten/${w.pathwayId}`));

    const completed = (
      await status('provider', sent.id, { status: 'completed', outcome: 'Komt elke week.' })
    ).json();
    assert.equal(Date.parse(completed.follow_up_at) - Date.parse(completed.closed_at), 6 * WEEK);
    clock.set(new Date(Date.parse(completed.follow_up_at) + 60_000));
    await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    await scanReferrals(db, config, clock.now(), { tenantIds: [w.tenant.id] });
    const calls = (await outboxFor(db, w.users.provider.email)).filter(
      (m) => m.subject === 'Nabellen na afsluiting' && m.textBody.includes(sent.id.slice(0, 8)),
    );
    assert.equal(calls.length, 1, 'one reminder per follow-up moment');
    const next = (await read('gp', sent.id)).json();
    assert.equal(Date.parse(next.follow_up_at) - Date.parse(completed.closed_at), 13 * WEEK);
    assert.equal(next.outcome, 'Komt elke week.');
  });

  test('a consultant refers a household they work on; a partner cannot refer by household id', async () => {
    const registered = await call(app, w.sessions.coach, 'POST', '/api/v1/households', {
      members: [{ given_name: 'Fenna', family_name: `Strandvlo-${Date.now()}`, birth_date: '1944-04-04' }],
      address: { postcode: '1931 AB', house_number: 77 },
    });
    assert.equal(registered.statusCode, 201, registered.body);
    const householdId = registered.json().id;
    const sent = await refer('coach', {
      household_id: householdId,
      target: { service_id: KOFFIE_EGMOND },
      reason: 'Zoekt aansluiting in het dorp.',
      consent: consent(),
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const asProvider = (await read('provider', sent.json().id)).json();
    assert.equal(asProvider.resident.given_name, 'Fenna');
    assert.equal(asProvider.resident.postcode, '1931 AB');
    const byGp = await refer('gp', {
      household_id: householdId,
      target: { service_id: KOFFIE_EGMOND },
      reason: 'x',
      consent: consent(),
    });
    assertProblem(byGp, 403, 'forbidden');
  });

  test('the response deadline is the tenant setting', async () => {
    const tenant = await aTenant(db, {
      withAreas: true,
      settings: { requireTwoFactorForRoles: [], responseDeadlineHours: 24 },
    });
    const gp = await aUser(db, tenant, { roles: ['referring-partner'] });
    const res = await call(app, await logIn(app, tenant, gp), 'POST', '/api/v1/referrals', {
      resident: aResident(),
      target: { kind: 'welfare-coach' },
      reason: 'Eenzaam.',
      consent: consent(),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(Date.parse(res.json().respond_before) - Date.parse(res.json().created_at), 24 * HOUR);
  });

  test('figures: counts under 5 are shown as "< 5", and only for roles with figures', async () => {
    const res = await call(app, w.sessions.policy, 'GET', '/api/v1/referrals/figures?per=offer');
    assert.equal(res.statusCode, 200, res.body);
    const figures = res.json();
    // One referral went to the buddy offer (the Welzijn op Recept loop): too few to show.
    const buddy = figures.groups.find((g: { group: string }) => g.group === 'Bezoekdienst aan huis Bergen');
    assert.equal(buddy.referrals, '< 5');
    assert.equal(buddy.median_hours, null, 'no time over fewer than 5');
    assert.equal(buddy.within_48h_percent, null);
    assert.ok(Number(figures.total.referrals) >= 5);
    assertProblem(await call(app, w.sessions.gp, 'GET', '/api/v1/referrals/figures'), 403);
    const lastYear = await call(
      app,
      w.sessions.policy,
      'GET',
      '/api/v1/referrals/figures?from=2020-01-01&to=2020-12-31',
    );
    assert.equal(lastYear.json().total.referrals, '0', 'only the period asked for');
    const backwards = await call(
      app,
      w.sessions.policy,
      'GET',
      '/api/v1/referrals/figures?from=2026-02-01&to=2026-01-01',
    );
    assert.match(
      JSON.stringify(assertProblem(backwards, 400, 'validation')),
      /begindatum moet vóór de einddatum/,
    );
    const openapi = (await call(app, undefined, 'GET', '/api/openapi.json')).json();
    for (const route of [
      '/api/v1/pathways',
      '/api/v1/referrals',
      '/api/v1/referrals/{id}',
      '/api/v1/referrals/{id}/status',
    ])
      assert.ok(openapi.paths[route], `${route} is in the OpenAPI document`);
  });
});
