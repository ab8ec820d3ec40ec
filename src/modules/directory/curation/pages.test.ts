// The pages of keeping the directory current, as forms post them: Mijn aanbod, the edit form with its
// errors, the queue with its diff, approving and rejecting, and linking providers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../../app.js';
import type { Database } from '../../../platform/db/index.js';
import type { Session } from '../../../../test/helpers/factories.js';
import { formBody } from '../../../../test/api/support.js';
import { testApp } from '../../../../test/helpers/app.js';
import type { CompiledService } from '../schemas.js';
import { ORG, OWN_OFFER, curationWorld, sessions, type World } from './test-fixtures.js';

describe('directory curation: pages', () => {
  let app: App;
  let db: Database;
  let w: World;
  let as: Awaited<ReturnType<typeof sessions>>;
  let original: CompiledService;

  const get = (who: Session | undefined, url: string) =>
    app.inject({ url, headers: { accept: 'text/html', ...(who ? { cookie: who.cookie } : {}) } });
  const post = (who: Session, url: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: who.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: formBody({ _csrf: who.csrfToken, ...fields }),
    });
  const live = async () =>
    (
      await app.inject({ url: `/api/v1/services/${OWN_OFFER}?tenant=${w.tenant.slug}` })
    ).json<CompiledService>();

  /** The edit form as the page fills it, with some fields changed. */
  function editForm(changes: Record<string, string>): Record<string, string> {
    const s = original.schedules![0]!;
    return {
      name: original.name,
      description: original.description ?? '',
      eligibility_description: original.eligibility_description ?? '',
      minimum_age: '',
      maximum_age: '',
      application_process: original.application_process ?? '',
      fees_description: original.fees_description ?? '',
      phone: original.phones?.[0]?.number ?? '',
      email: original.email ?? '',
      url: original.url ?? '',
      note: '',
      'schedules.0.id': s.id,
      'schedules.0.freq': 'WEEKLY',
      'schedules.0.day.TH': 'ja',
      'schedules.0.opens_at': '10:00',
      'schedules.0.closes_at': '11:30',
      'schedules.0.description': s.description ?? '',
      'schedules.1.freq': '',
      'schedules.1.opens_at': '',
      'schedules.1.closes_at': '',
      'schedules.1.description': '',
      ...changes,
    };
  }

  before(async () => {
    ({ app, db } = await testApp());
    w = await curationWorld(db);
    as = await sessions(app, w);
    original = await live();
  });

  test('Mijn aanbod lists the organisation offers with times, last check and actions', async () => {
    const res = await get(as.provider, '/mijn-aanbod');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /<h2[^>]*>Stichting Welzijn Kustdorpen<\/h2>/);
    assert.match(res.body, /Aanbod van Stichting Welzijn Kustdorpen \(29\)/);
    assert.match(res.body, /Koffie-inloop Schoorl/);
    assert.match(res.body, /Elke donderdag, van 10:00 tot 11:30/);
    assert.match(
      res.body,
      /Te lang niet gecontroleerd/,
      'the corpus was last changed more than six months ago',
    );
    assert.match(res.body, new RegExp(`href="/mijn-aanbod/${OWN_OFFER}/bewerken"`));
    const stranger = await get(as.stranger, '/mijn-aanbod');
    assert.match(stranger.body, /U bent nog niet gekoppeld aan een organisatie/);
    assert.equal((await get(as.resident, '/mijn-aanbod')).statusCode, 403);
  });

  test('the edit form starts from the offer; another organisation’s offer is refused', async () => {
    const res = await get(as.provider, `/mijn-aanbod/${OWN_OFFER}/bewerken`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Koffie-inloop Schoorl wijzigen/);
    assert.match(res.body, /<legend[^>]*>Tijd 1<\/legend>/);
    assert.match(
      res.body,
      /id="schedules\.0\.opens_at"[^>]*value="10:00"|value="10:00"[^>]*id="schedules\.0\.opens_at"/,
    );
    assert.match(res.body, /id="schedules\.0\.day\.TH"[^>]*checked|checked[^>]*id="schedules\.0\.day\.TH"/);
    assert.match(res.body, /<legend[^>]*>Nieuwe tijd toevoegen<\/legend>/);
    const other = w.corpus.find((s) => s.organization_id !== ORG)!;
    assert.equal((await get(as.provider, `/mijn-aanbod/${other.id}/bewerken`)).statusCode, 403);
    assert.equal(
      (await get(as.provider, '/mijn-aanbod/00000000-0000-4000-8000-000000000000/bewerken')).statusCode,
      404,
    );
  });

  test('bad input comes back on the form with Dutch errors at each field, as typed', async () => {
    const res = await post(
      as.provider,
      `/mijn-aanbod/${OWN_OFFER}/bewerken`,
      editForm({
        description: '',
        'schedules.0.opens_at': '25:00',
        'schedules.1.freq': 'MONTHLY',
        'schedules.1.day.SA': 'ja',
        'schedules.1.opens_at': '14:00',
      }),
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /Vul een beschrijving in: wat is het aanbod\?/);
    assert.match(res.body, /href="#description"/);
    assert.match(res.body, /href="#schedules\.0\.opens_at"/);
    assert.match(res.body, /Vul een tijd in als uu:mm, bijvoorbeeld 09:30\./);
    assert.match(res.body, /href="#schedules\.1\.byday"/);
    assert.match(res.body, /Kies ook welke week van de maand\./);
    assert.match(res.body, /value="25:00"/, 'what was typed stays');
    assert.deepStrictEqual(await live(), original, 'nothing changed');
    const queue = await get(as.coordinator, '/beheer/aanbod/wachtrij');
    assert.match(queue.body, /Er wachten geen wijzigingen\./);
  });

  test('a change without any difference is not sent', async () => {
    const res = await post(as.provider, `/mijn-aanbod/${OWN_OFFER}/bewerken`, editForm({}));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Er is niets veranderd/);
  });

  test('a valid change goes to the queue; the coordinator sees the diff and rejects it with a reason', async () => {
    const res = await post(
      as.provider,
      `/mijn-aanbod/${OWN_OFFER}/bewerken`,
      editForm({ 'schedules.0.opens_at': '09:30', note: 'Vanaf januari eerder open.' }),
    );
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/mijn-aanbod?melding=opgeslagen');
    const mine = await get(as.provider, '/mijn-aanbod?melding=opgeslagen');
    assert.match(mine.body, /Uw wijziging is opgeslagen/);
    assert.match(mine.body, /Wacht op goedkeuring/);
    // Editing again starts from the proposal that waits.
    const again = await get(as.provider, `/mijn-aanbod/${OWN_OFFER}/bewerken`);
    assert.match(again.body, /Er wacht al een wijziging/);
    assert.match(again.body, /value="09:30"/);

    const queue = await get(as.coordinator, '/beheer/aanbod/wachtrij');
    const link = /href="(\/beheer\/aanbod\/wachtrij\/[0-9a-f-]{36})"/.exec(queue.body)?.[1];
    assert.ok(link, queue.body);
    assert.match(queue.body, /Tijd 1: Van \(begintijd\)/);
    const detail = await get(as.coordinator, link);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /<del[^>]*>10:00<\/del>/);
    assert.match(detail.body, /<ins[^>]*>09:30<\/ins>/);
    assert.match(detail.body, /Vanaf januari eerder open\./);

    const noReason = await post(as.coordinator, `${link}/afwijzen`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Schrijf op waarom u de wijziging afwijst/);
    const rejected = await post(as.coordinator, `${link}/afwijzen`, {
      reason: 'Het dorpshuis is pas om 10 uur open.',
    });
    assert.equal(rejected.statusCode, 303);
    assert.equal(rejected.headers.location, '/beheer/aanbod/wachtrij?melding=afgewezen');
    assert.deepStrictEqual(await live(), original);
    const outcome = await get(as.provider, '/mijn-aanbod');
    assert.match(outcome.body, /Afgewezen op .*: Het dorpshuis is pas om 10 uur open\./);
    const decided = await get(as.coordinator, link);
    assert.doesNotMatch(decided.body, /Goedkeuren/);
    assert.match(decided.body, /Afgewezen/);
  });

  test('a new monthly time and a removed time, approved from the page, go live', async () => {
    const res = await post(
      as.provider,
      `/mijn-aanbod/${OWN_OFFER}/bewerken`,
      editForm({
        'schedules.0.remove': 'ja',
        'schedules.1.freq': 'MONTHLY',
        'schedules.1.week.1': 'ja',
        'schedules.1.week.3': 'ja',
        'schedules.1.day.TU': 'ja',
        'schedules.1.opens_at': '14:00',
        'schedules.1.closes_at': '16:00',
        'schedules.1.description': 'Elke eerste en derde dinsdagmiddag',
      }),
    );
    assert.equal(res.statusCode, 303, res.body);
    const queue = await get(as.coordinator, '/beheer/aanbod/wachtrij');
    const link = /href="(\/beheer\/aanbod\/wachtrij\/[0-9a-f-]{36})"/.exec(queue.body)![1]!;
    const detail = await get(as.coordinator, link);
    assert.match(detail.body, /Tijd 1 \(nieuw\)/);
    assert.match(detail.body, /Elke 1e en 3e dinsdag van de maand, van 14:00 tot 16:00/);
    assert.match(detail.body, /Tijd 1 \(verwijderd\)/);
    const approved = await post(as.coordinator, `${link}/goedkeuren`, {});
    assert.equal(approved.statusCode, 303, approved.body);
    const now = await live();
    assert.equal(now.schedules!.length, 1);
    assert.notEqual(now.schedules![0]!.id, original.schedules![0]!.id);
    assert.equal(now.schedules![0]!.byday, '1TU,3TU');
    assert.equal(now.schedules![0]!.freq, 'MONTHLY');
    assert.equal(now.service_at_locations![0]!.schedules![0]!.byday, '1TU,3TU');
    const mine = await get(as.provider, '/mijn-aanbod');
    assert.match(mine.body, /Elke 1e en 3e dinsdag van de maand, van 14:00 tot 16:00/);
    assert.match(mine.body, /Goedgekeurd op/);
  });

  test('"Alles klopt nog" from the page', async () => {
    const other = w.corpus.filter((s) => s.organization_id === ORG)[5]!;
    const res = await post(as.provider, `/mijn-aanbod/${other.id}/bevestigen`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/mijn-aanbod?melding=bevestigd');
    const page = await get(as.provider, res.headers.location as string);
    assert.match(page.body, /Het aanbod staat nu als gecontroleerd op vandaag/);
  });

  test('coordinators link and unlink providers on a page', async () => {
    const page = await get(as.coordinator, '/beheer/aanbieders');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Petra Aanbieder/);
    assert.match(page.body, /Sander Vreemd/, 'providers are among the choices');
    const empty = await post(as.coordinator, '/beheer/aanbieders', { user_id: '', organization_id: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Kies een gebruiker\./);
    assert.match(empty.body, /Kies een organisatie\./);
    const added = await post(as.coordinator, '/beheer/aanbieders', {
      user_id: w.stranger.id,
      organization_id: ORG,
    });
    assert.equal(added.statusCode, 303, added.body);
    const list = await get(as.coordinator, '/beheer/aanbieders?melding=gekoppeld');
    assert.match(list.body, /De gebruiker is gekoppeld\./);
    const removeAction =
      /action="(\/beheer\/aanbieders\/[0-9a-f-]{36}\/verwijderen)"(?:(?!action=)[^])*Ontkoppelen: Sander Vreemd/.exec(
        list.body,
      );
    assert.ok(removeAction);
    const strangerPage = await get(as.stranger, '/mijn-aanbod');
    assert.match(strangerPage.body, /Koffie-inloop Schoorl/);
    assert.equal((await post(as.coordinator, removeAction[1]!, {})).statusCode, 303);
    assert.match((await get(as.stranger, '/mijn-aanbod')).body, /nog niet gekoppeld/);
    assert.equal((await get(as.provider, '/beheer/aanbieders')).statusCode, 403);
  });
});
