// People and households: registering a household places it in its area and opens its case; possible
// duplicates are shown (only whom to contact) before anything is saved; bad input gets Dutch field errors and
// leaves nothing behind; the BSN is sealed at rest and shown only to roles that need it.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import { rows, type Database } from '../../platform/db/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { call } from '../../../test/helpers/factories.js';
import { assertProblem } from '../../../test/api/support.js';
import { aHouseholdBody, aTeam, auditOf, countAll, registerHousehold, type Team } from './test-fixtures.js';

describe('casework: households', () => {
  let app: App;
  let db: Database;
  let team: Team;

  before(async () => {
    ({ app, db } = await testApp());
    team = await aTeam(app, db);
  });

  test('a consultant registers a household in Egmond: placed in Egmond (Bergen), case opened with her as case lead', async () => {
    const body = aHouseholdBody();
    const res = await call(app, team.sessions.lead, 'POST', '/api/v1/households', body);
    assert.equal(res.statusCode, 201, res.body);
    const household = res.json();
    assert.match(household.id, /^[0-9a-f-]{36}$/);
    assert.equal(household.view, 'full');
    assert.equal(household.access, 'case-lead');
    assert.equal(household.area.name, 'Egmond');
    assert.equal(household.area.kind, 'core');
    assert.deepEqual(
      household.area.path.map((a: { name: string; kind: string }) => `${a.kind}:${a.name}`),
      ['core:Egmond', 'municipality:Bergen'],
    );
    assert.equal(household.address.postcode, '1931 AB');
    assert.deepEqual(
      household.members.map(
        (m: { given_name: string; relation: string }) => `${m.given_name} (${m.relation})`,
      ),
      ['Maryam (main-resident)', 'Tarik (partner)'],
    );
    assert.equal(household.case.status, 'open');
    assert.equal(household.case.case_lead.id, team.users.lead.id, 'first contact becomes case lead');
    assert.deepEqual(household.case.co_workers, []);
    assert.equal(household.contact.name, 'Samira Consulent');

    // Read back: the same file.
    const read = await call(app, team.sessions.lead, 'GET', `/api/v1/households/${household.id}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().area.name, 'Egmond');
    assert.equal(read.json().members.length, 2);

    // The registration is in the audit log: household, both persons and the case, with the route as purpose.
    const entries = await auditOf(
      db,
      team.tenant,
      sql`actor_user_id = ${team.users.lead.id} and action = 'create'`,
    );
    const created = entries.filter((e) =>
      [household.id, household.case.id, ...household.members.map((m: { id: string }) => m.id)].includes(
        e.record_id,
      ),
    );
    assert.deepEqual(created.map((e) => e.record_type).sort(), ['case', 'household', 'person', 'person']);
    assert.ok(created.every((e) => e.purpose === 'POST /api/v1/households'));
  });

  test('a postcode outside the tenant still registers, without an area; "1931ab" is read as 1931 AB', async () => {
    const outside = await registerHousehold(
      app,
      team.sessions.lead,
      aHouseholdBody({ address: { postcode: '1011 AB', house_number: 7 } }),
    );
    assert.equal((outside as unknown as { area: unknown }).area, null);
    const body = aHouseholdBody();
    body.address.postcode = '1931ab';
    const placed = await registerHousehold(app, team.sessions.lead, body);
    const read = await call(app, team.sessions.lead, 'GET', `/api/v1/households/${placed.id}`);
    assert.equal(read.json().address.postcode, '1931 AB');
    assert.equal(read.json().area.name, 'Egmond');
  });

  test('possible duplicates (same name and birth date; same address) stop the registration and show only whom to contact', async () => {
    const first = aHouseholdBody();
    const existing = await registerHousehold(app, team.sessions.lead, first);
    const before = await countAll(db, team.tenant);

    // Another consultant registers Maryam again, at another address, with slightly different spelling.
    const again = aHouseholdBody();
    again.members = [
      {
        ...first.members[0]!,
        given_name: ' maryam ',
        family_name: first.members[0]!.family_name.toUpperCase(),
      },
    ];
    const res = await call(app, team.sessions.colleague, 'POST', '/api/v1/households', again);
    const problem = assertProblem(res, 409, 'conflict');
    assert.match(problem.detail!, /misschien al bekend/);
    const duplicates = res.json().possible_duplicates;
    assert.equal(duplicates.length, 1);
    assert.deepEqual(duplicates[0], {
      household_id: existing.id,
      reasons: ['same-person'],
      members: [0],
      contact: { id: team.users.lead.id, name: 'Samira Consulent', email: team.users.lead.email },
    });
    assert.doesNotMatch(res.body, /Voorstraat|1984-05-12|Tarik/, 'nothing of the other household is shown');

    // Nothing was saved; the "known" read of the match is in the audit log.
    const after = await countAll(db, team.tenant);
    assert.deepEqual({ ...after, audit_log: 0 }, { ...before, audit_log: 0 });
    assert.equal(after.audit_log, before.audit_log! + 1);
    const [known] = await auditOf(
      db,
      team.tenant,
      sql`actor_user_id = ${team.users.colleague.id} and record_id = ${existing.id}`,
    );
    assert.equal(known?.record_type, 'household-known');

    // Same address, other people.
    const sameAddress = aHouseholdBody({ address: { ...first.address, postcode: '1931ab' } });
    const res2 = await call(app, team.sessions.colleague, 'POST', '/api/v1/households', sameAddress);
    assertProblem(res2, 409, 'conflict');
    assert.deepEqual(res2.json().possible_duplicates[0].reasons, ['same-address']);

    // After checking, the consultant confirms it is another household (e.g. a second family at the address).
    const confirmed = await call(app, team.sessions.colleague, 'POST', '/api/v1/households', {
      ...sameAddress,
      confirm_new_household: true,
    });
    assert.equal(confirmed.statusCode, 201, confirmed.body);
    assert.equal(confirmed.json().case.case_lead.id, team.users.colleague.id);

    // The lookup on its own answers the same, for someone who only wants to know.
    const lookup = await call(app, team.sessions.expert, 'POST', '/api/v1/households/lookup', {
      members: [
        { given_name: 'Maryam', family_name: first.members[0]!.family_name, birth_date: '1984-05-12' },
      ],
    });
    assert.equal(lookup.statusCode, 200, lookup.body);
    assert.deepEqual(
      lookup.json().matches.map((m: { household_id: string }) => m.household_id),
      [existing.id],
    );
    const empty = await call(app, team.sessions.expert, 'POST', '/api/v1/households/lookup', {});
    assertProblem(empty, 400, 'validation');
  });

  test('bad input gets a Dutch message per field and saves nothing', async () => {
    const before = await countAll(db, team.tenant);
    const post = (body: unknown) => call(app, team.sessions.lead, 'POST', '/api/v1/households', body);
    const fields = (res: Awaited<ReturnType<typeof post>>) =>
      Object.fromEntries(assertProblem(res, 400, 'validation').errors!.map((e) => [e.field, e.message]));

    // A household without members.
    const none = fields(await post(aHouseholdBody({ members: [] })));
    assert.equal(
      none.members,
      'Een huishouden heeft minstens 1 lid. Vul de gegevens van minstens 1 persoon in.',
    );

    // A birth date in the future, a BSN that fails the eleven test and an invalid postcode, all at once.
    const body = aHouseholdBody();
    body.members[1]!.birth_date = '2999-01-01';
    (body.members[0] as Record<string, unknown>).bsn = '123456789';
    body.address.postcode = '0931 AB';
    const many = fields(await post(body));
    assert.equal(many['members.1.birth_date'], 'Een geboortedatum kan niet in de toekomst liggen.');
    assert.equal(
      many['members.0.bsn'],
      'Dit is geen geldig BSN. Een BSN heeft 9 cijfers en klopt met de elfproef.',
    );
    assert.equal(
      many['address.postcode'],
      'Vul een geldige postcode in: 4 cijfers en 2 letters, bijvoorbeeld 1931 AB.',
    );

    // Schema errors are explained per field too: no date, no postcode letters, unknown relation, a stray field.
    const shape = aHouseholdBody();
    shape.members[0]!.birth_date = '12-05-1984';
    (shape.members[1] as Record<string, unknown>).relation = 'cousin';
    (shape.members[1] as Record<string, unknown>).shoe_size = 44;
    (shape.address as Record<string, unknown>).house_number = 0;
    const schema = fields(await post(shape));
    assert.equal(
      schema['members.0.birth_date'],
      'Vul een geldige geboortedatum in, bijvoorbeeld 1984-03-31.',
    );
    assert.match(schema['members.1.relation']!, /^Kies een van: main-resident, partner/);
    assert.equal(schema['members.1.shoe_size'], 'Dit veld kennen wij niet.');
    assert.equal(schema['address.house_number'], 'Vul een huisnummer in: een heel getal vanaf 1.');

    const noName = aHouseholdBody();
    noName.members[0]!.given_name = '   ';
    assert.equal(fields(await post(noName))['members.0.given_name'], 'Vul de voornaam in.');
    assert.equal(
      fields(await post({ address: aHouseholdBody().address })).members,
      'Een huishouden heeft minstens 1 lid. Vul de gegevens van minstens 1 persoon in.',
    );

    // Problems speak English to those who chose it.
    const en = await app.inject({
      method: 'POST',
      url: '/api/v1/households',
      headers: {
        cookie: `${team.sessions.lead.cookie}; wk_lang=en`,
        'x-csrf-token': team.sessions.lead.csrfToken,
      },
      payload: aHouseholdBody({ members: [] }),
    });
    assert.equal(
      assertProblem(en, 400, 'validation').errors![0]!.message,
      'A household has at least 1 member. Fill in at least 1 person.',
    );

    assert.deepEqual(await countAll(db, team.tenant), before, 'no row and no audit entry was written');
  });

  test('the BSN is sealed at rest; only an expert consultant who works on the file sees it, and that read is logged', async () => {
    const body = aHouseholdBody();
    (body.members[0] as Record<string, unknown>).bsn = '1112.22.333';
    const household = await registerHousehold(app, team.sessions.lead, body);
    const personId = household.members[0]!.id;

    // A copy of the database shows no BSN.
    const [raw] = await db.system((tx) =>
      rows<Record<string, unknown>>(tx, sql`select * from persons where id = ${personId}`),
    );
    const dump = JSON.stringify(raw);
    assert.doesNotMatch(dump, /111222333|1112\.22\.333/);
    assert.match(String(raw!.bsn_sealed), /^v1\./);

    // The case lead (consultant) sees that a BSN is recorded, not the number.
    const asLead = await call(app, team.sessions.lead, 'GET', `/api/v1/households/${household.id}`);
    assert.deepEqual(
      asLead.json().members.map((m: { has_bsn: boolean; bsn: string | null }) => [m.has_bsn, m.bsn]),
      [
        [true, null],
        [false, null],
      ],
    );

    // The expert consultant, once given access, sees it.
    const grant = await call(
      app,
      team.sessions.lead,
      'POST',
      `/api/v1/households/${household.id}/co-workers`,
      {
        user_id: team.users.expert.id,
        reason: 'Aanvraag maatwerkvoorziening Wmo',
      },
    );
    assert.equal(grant.statusCode, 201, grant.body);
    const asExpert = await call(app, team.sessions.expert, 'GET', `/api/v1/households/${household.id}`);
    assert.equal(asExpert.statusCode, 200, asExpert.body);
    assert.equal(asExpert.json().access, 'co-worker');
    assert.equal(asExpert.json().members[0].bsn, '111222333');
    const bsnReads = await auditOf(
      db,
      team.tenant,
      sql`record_type = 'person-bsn' and record_id = ${personId}`,
    );
    assert.deepEqual(
      bsnReads.map((e) => e.actor_user_id),
      [team.users.expert.id],
    );

    // The same BSN again, under another name, is a possible duplicate.
    const again = aHouseholdBody();
    (again.members[1] as Record<string, unknown>).bsn = '111222333';
    const dup = await call(app, team.sessions.colleague, 'POST', '/api/v1/households', again);
    assertProblem(dup, 409, 'conflict');
    assert.deepEqual(dup.json().possible_duplicates[0], {
      household_id: household.id,
      reasons: ['same-bsn'],
      members: [1],
      contact: { id: team.users.lead.id, name: 'Samira Consulent', email: team.users.lead.email },
    });
  });
});
