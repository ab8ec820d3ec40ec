// The team views and case conferences in a real browser. Samira leads the Jovanović household, Bram the Bakker
// household: each sees their own household by name and the other's only as known, with whom to contact; the
// workload page counts what each consultant carries. axe on every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import {
  closeContexts,
  expectAccessible,
  expectNoHorizontalScroll,
  logInWithPassword,
  newPage,
  tenantContext,
} from '../helpers/browser.js';
import { aTenant, aUser, call, logIn, type TestUser } from '../helpers/factories.js';

const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';

async function aHousehold(
  app: FastifyInstance,
  tenant: Tenant,
  user: TestUser,
  familyName: string,
  houseNumber: number,
) {
  const session = await logIn(app, tenant, user);
  const res = await call(app, session, 'POST', '/api/v1/households', {
    members: [{ given_name: 'Test', family_name: familyName, birth_date: '1980-05-01' }],
    address: { postcode: '1911 MJ', house_number: houseNumber, street: 'Middelweg', city: 'Uitgeest' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json<{ id: string }>().id;
  const request = await call(app, session, 'POST', '/api/v1/support-requests', {
    household_id: id,
    channel: 'phone',
    question: 'Ik heb hulp nodig bij mijn post.',
    life_domains: ['finances'],
  });
  assert.equal(request.statusCode, 201, request.body);
  return id;
}

describe('browser: team views and case conferences', () => {
  let tenant: Tenant;
  let samira: TestUser;
  let bram: TestUser;
  let samiraHousehold: string;
  let bramHousehold: string;

  before(async () => {
    const { app, db } = await testApp();
    tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
    samira = await aUser(db, tenant, { roles: ['consultant'], name: 'Samira El Amrani' });
    bram = await aUser(db, tenant, { roles: ['consultant'], name: 'Bram Visser' });
    samiraHousehold = await aHousehold(app, tenant, samira, 'Jovanović', 27);
    bramHousehold = await aHousehold(app, tenant, bram, 'Bakker', 31);
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('my households by name, the others only with whom to contact; the workload per consultant', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, samira);
    await page.goto('/sociaal-team');
    await page.getByRole('link', { name: 'Huishoudens' }).click();
    assert.match(await text(page, 'h1'), /Mijn huishoudens/);
    const mine = await text(page, '#mine-table');
    assert.match(mine, /Jovanović/);
    assert.match(mine, /regievoerder/);
    assert.doesNotMatch(mine, /Bakker/);
    const team = await text(page, '#team-table');
    assert.match(team, /Jovanović/);
    assert.doesNotMatch(team, /Bakker/, 'a household Samira does not work on shows no name');
    assert.match(team, /U werkt hier niet aan\..*Bram Visser/s);
    assert.equal(
      await page.locator(`#team-table a[href$="${bramHousehold}"]`).count(),
      0,
      'no link into a file she does not work on',
    );
    await page.locator(`#mine-table a[href$="${samiraHousehold}"]`).waitFor();
    await expectAccessible(page, 'my households');

    await page.getByRole('link', { name: 'Werkverdeling' }).click();
    assert.match(await text(page, 'h1'), /Werkverdeling/);
    const row = async (name: string) =>
      (await page.locator('#workload-table tr', { hasText: name }).textContent()) ?? '';
    // Name, case lead of 1, co-worker on 0, no actions, no aftercare.
    assert.match(await row('Samira El Amrani'), /Samira El Amrani1000/);
    assert.match(await row('Bram Visser'), /Bram Visser1000/);
    assert.match(await text(page, '#areas-table'), /2/);
    await expectAccessible(page, 'workload');
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page, 'workload on a phone');
  });
});
