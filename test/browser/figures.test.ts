// The figures entry point in a real browser: a policy officer finds every module's figures from one menu item.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import {
  closeContexts,
  expectAccessible,
  logInWithPassword,
  newPage,
  tenantContext,
} from '../helpers/browser.js';
import { aTenant, aUser, type TestUser } from '../helpers/factories.js';

describe('browser: figures', () => {
  let tenant: Tenant;
  let policyOfficer: TestUser;
  let consultant: TestUser;

  before(async () => {
    const { db } = await testApp();
    tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
    policyOfficer = await aUser(db, tenant, { roles: ['policy-officer'] });
    consultant = await aUser(db, tenant, { roles: ['consultant'] });
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('a policy officer opens Cijfers and reaches the figures of referrals, signals and informal help', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, policyOfficer);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cijfers' }).click();
    assert.equal(new URL(page.url()).pathname, '/cijfers');
    const links = page.locator('main').getByRole('link');
    assert.deepEqual(await links.allTextContents(), ['Verwijzingen', 'Signalen', 'Vrijwillige hulp']);
    await expectAccessible(page, 'figures entry');
    await page.locator('main').getByRole('link', { name: 'Signalen' }).click();
    assert.equal(new URL(page.url()).pathname, '/signalen/cijfers');
  });

  test('a consultant has no figures menu item, and the page says there is nothing to open', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, consultant);
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    assert.equal(await menu.getByRole('link', { name: 'Cijfers' }).count(), 0);
    await page.goto('/cijfers');
    assert.match((await page.locator('main').textContent()) ?? '', /geen toegang tot cijfers/);
  });
});
