import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { authenticator } from 'otplib';
import type { App } from '../../src/app.js';
import { createAreaTree } from '../../src/modules/areas/index.js';
import type { Role } from '../../src/platform/auth/permissions.js';
import { createUser, type UserRow } from '../../src/platform/auth/service.js';
import type { Database } from '../../src/platform/db/index.js';
import { buchAreas } from '../../src/platform/demo/index.js';
import { createTenant, type NewTenant, type Tenant } from '../../src/platform/tenancy/index.js';

export const PASSWORD = 'correct horse battery staple';

const unique = () => randomBytes(4).toString('hex');

/** A tenant of its own per test keeps tests independent on the shared database. */
export async function aTenant(
  db: Database,
  input: Partial<NewTenant> & { withAreas?: boolean } = {},
): Promise<Tenant> {
  return db.system(async (tx) => {
    const tenant = await createTenant(tx, {
      slug: `t-${unique()}`,
      name: `Testgemeente ${unique()}`,
      ...input,
    });
    if (input.withAreas) await createAreaTree(tx, tenant.id, buchAreas);
    return tenant;
  });
}

export interface TestUser extends UserRow {
  password: string;
  roles: Role[];
}

export async function aUser(
  db: Database,
  tenant: Tenant,
  input: { roles?: Role[]; email?: string; name?: string; password?: string } = {},
): Promise<TestUser> {
  const roles = input.roles ?? ['resident'];
  const password = input.password ?? PASSWORD;
  const user = await db.system((tx) =>
    createUser(tx, tenant.id, {
      email: input.email ?? `user-${unique()}@example.nl`,
      name: input.name ?? `Test ${roles.join(' ')}`,
      roles,
      password,
    }),
  );
  return { ...user, password, roles };
}

/** A logged-in API client: the session cookie plus the CSRF token, as a browser or script would hold them. */
export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
}

export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const c = res.cookies.find((c) => c.name === 'wk_session');
  return c ? `wk_session=${c.value}` : undefined;
}

export async function logIn(app: App, tenant: Tenant, user: TestUser, totp?: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { tenant: tenant.slug, email: user.email, password: user.password, ...(totp ? { totp } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookie(res)!, csrfToken: res.json().csrfToken, userId: res.json().user.id };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request as the logged-in user, with the CSRF header on state-changing calls. */
export function call(app: App, session: Session | undefined, method: Method, url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: {
      ...(session ? { cookie: session.cookie } : {}),
      ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
    },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/**
 * A household with its first question to the social team, made over the API by a consultant (who becomes its
 * case lead); the household's id. `request` is the support request without the household.
 */
export async function aHouseholdWithQuestion(
  app: App,
  session: Session,
  household: Record<string, unknown>,
  request: Record<string, unknown>,
): Promise<string> {
  const made = await call(app, session, 'POST', '/api/v1/households', household);
  assert.equal(made.statusCode, 201, made.body);
  const id = made.json<{ id: string }>().id;
  const asked = await call(app, session, 'POST', '/api/v1/support-requests', {
    household_id: id,
    ...request,
  });
  assert.equal(asked.statusCode, 201, asked.body);
  return id;
}

/** A TOTP code for a time step relative to now; each login needs a fresh step (codes are single use). */
export function totpCode(secret: string, stepOffset = 0): string {
  return authenticator.clone({ epoch: Date.now() + stepOffset * 30000 }).generate(secret);
}

/** Turns on two-factor login for a logged-in user through the API; returns the secret. */
export async function enableTwoFactor(app: App, session: Session): Promise<string> {
  const setup = await call(app, session, 'POST', '/api/v1/me/two-factor/setup');
  if (setup.statusCode !== 200) throw new Error(`setup failed: ${setup.body}`);
  const secret: string = setup.json().secret;
  const confirm = await call(app, session, 'POST', '/api/v1/me/two-factor/confirm', {
    code: totpCode(secret, -1),
  });
  if (confirm.statusCode !== 204) throw new Error(`confirm failed: ${confirm.body}`);
  return secret;
}
