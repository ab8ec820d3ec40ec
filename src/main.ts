import fs from 'node:fs';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { applyOidcFromConfig, OidcSettingsError } from './platform/auth/oidc.js';
import { DatabaseBusyError, openDatabase } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';
import { DEMO_PASSWORD, demoAccounts, loadDemo } from './platform/demo/index.js';
import { createScheduler } from './platform/jobs/index.js';
import { registerPlatformJobs } from './platform/jobs/platform-jobs.js';
import { registerCurationJobs } from './modules/directory/curation/index.js';
import { registerCaseworkJobs } from './modules/casework/index.js';
import { registerReferralJobs } from './modules/referrals/index.js';
import { registerSignalJobs } from './modules/signals/index.js';
import { registerVolunteeringJobs } from './modules/volunteering/index.js';

const started = Date.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

if (!config.databaseUrl) fs.mkdirSync(config.dataDir, { recursive: true });
let db;
try {
  db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (err) {
  console.error(
    err instanceof DatabaseBusyError
      ? err.message
      : `De database is niet bereikbaar: ${(err as Error).message}`,
  );
  process.exit(1);
}
await migrate(db);
const demo = config.demo ? await loadDemo(db, config) : undefined;
try {
  const oidc = await applyOidcFromConfig(db, config);
  if (oidc?.changed) console.log(`OIDC ingesteld voor ${oidc.tenant.slug}.`);
} catch (err) {
  if (err instanceof OidcSettingsError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

const app = await buildApp({ config, db });
const scheduler = createScheduler(db, { logger: app.log });
await registerPlatformJobs(scheduler, db, config, app.log);
await registerCurationJobs(scheduler, db, config, { logger: app.log });
await registerCaseworkJobs(scheduler, db, config, { logger: app.log });
await registerReferralJobs(scheduler, db, config, { logger: app.log });
await registerSignalJobs(scheduler, db, config, { logger: app.log });
await registerVolunteeringJobs(scheduler, db, config, { logger: app.log });
await app.listen({ port: config.port, host: config.host });
scheduler.start();

const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
console.log(`\nWijkkracht draait op ${url}  (klaar in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`Database: ${db.kind === 'pglite' ? `ingebouwd (PGlite) in ${config.dataDir}` : 'PostgreSQL'}`);
if (demo) {
  console.log(demo.loaded ? 'Demogegevens geladen.' : 'Demogegevens stonden er al.');
  console.log(`\nDemo-accounts (gemeente "buch", wachtwoord "${DEMO_PASSWORD}"):`);
  for (const a of demoAccounts) console.log(`  ${a.email.padEnd(26)} ${a.roles.join(', ')}`);
}
console.log('');

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10000);
  force.unref();
  await scheduler.stop();
  await app.close();
  await db!.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
