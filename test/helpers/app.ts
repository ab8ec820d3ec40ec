import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/platform/db/index.js';
import { testDatabase } from './db.js';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    WIJKKRACHT_DEMO: 'false',
    WIJKKRACHT_SECRET_KEY: 'test-secret-key-0123456789',
    WIJKKRACHT_PUBLIC_URL: 'http://localhost:3000',
    // Tests log in hundreds of times from one address; the limits themselves are tested separately.
    WIJKKRACHT_LOGIN_RATE_LIMIT: '100000',
    WIJKKRACHT_FORM_RATE_LIMIT: '100000',
    ...env,
  });
}

export interface TestApp {
  app: App;
  db: Database;
  config: Config;
}

let shared: Promise<TestApp> | undefined;

/** The shared application on the shared test database. */
export function testApp(): Promise<TestApp> {
  shared ??= (async () => {
    const db = await testDatabase();
    const config = testConfig();
    return { app: await buildApp({ config, db }), db, config };
  })();
  return shared;
}

/** An application with its own settings (e.g. low rate limits) on the shared database. */
export async function customTestApp(env: Record<string, string>): Promise<TestApp> {
  const db = await testDatabase();
  const config = testConfig(env);
  return { app: await buildApp({ config, db }), db, config };
}

let listening: Promise<string> | undefined;
/** Base URL of the shared app on a real port, for browser tests. */
export function testServerUrl(): Promise<string> {
  listening ??= (async () => {
    const { app } = await testApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  })();
  return listening;
}

export async function closeTestApp(): Promise<void> {
  if (!shared) return;
  const { app } = await shared;
  shared = undefined;
  listening = undefined;
  await app.close();
}
