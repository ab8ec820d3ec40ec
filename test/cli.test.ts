import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { testDbKind } from './helpers/db.js';

// The CLI on the embedded database, as an administrator runs it. Each run opens PGlite anew (seconds), so
// this file runs once, on the PGlite pass.
describe('administrators CLI', { skip: testDbKind !== 'pglite' }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-cli-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, WIJKKRACHT_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' },
    });

  test('creates a tenant and a user with several roles, and changes tenant settings', () => {
    const t = cli('tenant:create', '--slug', 'heemstede', '--name', 'Gemeente Heemstede');
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /Gemeente Heemstede \(heemstede\) toegevoegd/);

    const u = cli(
      'user:create',
      '--tenant',
      'heemstede',
      '--email',
      'wijkcoach@heemstede.example',
      '--role',
      'consultant',
      'team-lead',
      '--password',
      'een lang wachtwoord',
    );
    assert.equal(u.status, 0, u.stderr);
    assert.match(u.stdout, /consultant, team-lead/);

    const s = cli(
      'tenant:settings',
      '--tenant',
      'heemstede',
      '--require-2fa',
      'team-lead',
      '--response-hours',
      '24',
    );
    assert.equal(s.status, 0, s.stderr);
    const settings = JSON.parse(s.stdout);
    assert.deepEqual(settings.requireTwoFactorForRoles, ['team-lead']);
    assert.equal(settings.responseDeadlineHours, 24);
  });

  test('explains mistakes in Dutch and exits non-zero', () => {
    const unknownTenant = cli(
      'user:create',
      '--tenant',
      'nergens',
      '--email',
      'a@b.nl',
      '--role',
      'resident',
    );
    assert.notEqual(unknownTenant.status, 0);
    assert.match(unknownTenant.stderr, /Gemeente \(tenant\) "nergens" bestaat niet/);

    const shortPassword = cli(
      'user:create',
      '--tenant',
      'heemstede',
      '--email',
      'b@b.nl',
      '--role',
      'resident',
      '--password',
      'kort',
    );
    assert.notEqual(shortPassword.status, 0);
    assert.match(shortPassword.stderr, /minstens 12 tekens/);
  });

  test('says so clearly when the server holds the embedded database', () => {
    // This test process is alive, so its pid in the lock file stands for a running server.
    fs.writeFileSync(path.join(dataDir, 'pgdata.lock'), String(process.pid));
    try {
      const r = cli('tenant:list');
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /wordt nu gebruikt door een ander proces .*Stop de server eerst/);
    } finally {
      fs.rmSync(path.join(dataDir, 'pgdata.lock'), { force: true });
    }
  });
});
