// Settings are checked once at start: a wrong value stops the start with every problem listed in Dutch.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

const productionBase = {
  NODE_ENV: 'production',
  WIJKKRACHT_SECRET_KEY: 'a-production-secret-of-some-length',
  DATABASE_URL: 'postgres://wijkkracht@db.internal:5432/wijkkracht',
  WIJKKRACHT_PUBLIC_URL: 'https://wijkkracht.gemeente.example',
};

/** The problems a configuration has, or a failure when it has none. */
function problemsOf(env: Record<string, string>): { error: ConfigError; problems: string[] } {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `a ConfigError, not ${String(err)}`);
    return { error: err, problems: err.problems };
  }
  assert.fail(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  test('without any setting it starts as a development demo on port 3000', () => {
    const config = loadConfig({});
    assert.equal(config.nodeEnv, 'development');
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.demo, true);
    assert.equal(config.defaultTenant, 'buch');
    assert.equal(config.databaseUrl, undefined, 'the embedded database');
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.trustProxy, false);
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.deepEqual(config.rateLimits, { login: 20, forms: 10 });
    assert.equal(config.smtp, undefined);
    assert.equal(config.oidc, undefined);
  });

  test('a correct production configuration is accepted: no demo, no default tenant', () => {
    const config = loadConfig({
      ...productionBase,
      PORT: '8080',
      WIJKKRACHT_TRUST_PROXY: 'ja',
      WIJKKRACHT_PUBLIC_URL: 'https://wijkkracht.gemeente.example/',
    });
    assert.equal(config.nodeEnv, 'production');
    assert.equal(config.port, 8080);
    assert.equal(config.demo, false);
    assert.equal(config.defaultTenant, undefined);
    assert.deepEqual(config.trustProxy, ['loopback'], '"ja": a proxy on this machine');
    assert.equal(
      config.publicUrl,
      'https://wijkkracht.gemeente.example',
      'no trailing slash, so links join cleanly',
    );
    assert.equal(config.logLevel, 'info');
  });

  test('an invalid PORT names the setting, the allowed range and the value given', () => {
    for (const port of ['abc', '70000', '-1', '80.5']) {
      const { problems } = problemsOf({ PORT: port });
      assert.deepEqual(problems, [`PORT moet een geheel getal tussen 0 en 65535 zijn (nu: "${port}")`]);
    }
  });

  test('the demo cannot be switched on in production', () => {
    const { problems } = problemsOf({ ...productionBase, WIJKKRACHT_DEMO: 'true' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^WIJKKRACHT_DEMO staat aan terwijl NODE_ENV=production/);
  });

  test('production needs a secret key of at least 16 characters; development has a fallback', () => {
    const { WIJKKRACHT_SECRET_KEY: _key, ...withoutKey } = productionBase;
    assert.deepEqual(problemsOf(withoutKey).problems, [
      'WIJKKRACHT_SECRET_KEY ontbreekt of is korter dan 16 tekens (verplicht in productie)',
    ]);
    assert.equal(problemsOf({ ...productionBase, WIJKKRACHT_SECRET_KEY: 'too-short' }).problems.length, 1);
    assert.equal(
      problemsOf({ ...productionBase, WIJKKRACHT_SECRET_KEY: '   ' }).problems.length,
      1,
      'blank counts as missing',
    );
    assert.ok(loadConfig({}).secretKey.length >= 16);
  });

  test('a DATABASE_URL that is not PostgreSQL is refused', () => {
    for (const url of ['mysql://db/wijkkracht', 'db.internal:5432', 'file:./data']) {
      assert.deepEqual(problemsOf({ DATABASE_URL: url }).problems, [
        'DATABASE_URL moet beginnen met postgres:// of postgresql://',
      ]);
    }
    assert.equal(
      loadConfig({ DATABASE_URL: 'postgresql://localhost/w' }).databaseUrl,
      'postgresql://localhost/w',
    );
  });

  test('all problems are reported at once, readably, in Dutch', () => {
    const { error, problems } = problemsOf({
      NODE_ENV: 'production',
      PORT: 'drieduizend',
      WIJKKRACHT_DEMO: 'true',
      DATABASE_URL: 'mysql://db/wijkkracht',
    });
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('PORT moet een geheel getal')));
    assert.ok(problems.some((p) => p.startsWith('DATABASE_URL moet beginnen met postgres://')));
    assert.ok(problems.some((p) => p.startsWith('WIJKKRACHT_DEMO staat aan terwijl NODE_ENV=production')));
    assert.ok(problems.some((p) => p.startsWith('WIJKKRACHT_SECRET_KEY ontbreekt')));
    assert.equal(error.message, `Ongeldige instellingen:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  });

  test('a yes/no setting accepts true/false, 1/0, yes/no and ja/nee, and refuses anything else', () => {
    for (const yes of ['true', 'TRUE', '1', 'yes', 'ja'])
      assert.equal(loadConfig({ WIJKKRACHT_DEMO: yes }).demo, true, yes);
    for (const no of ['false', '0', 'no', 'nee'])
      assert.equal(loadConfig({ WIJKKRACHT_DEMO: no }).demo, false, no);
    assert.deepEqual(problemsOf({ WIJKKRACHT_DEMO: 'misschien' }).problems, [
      'WIJKKRACHT_DEMO moet true of false zijn (nu: "misschien")',
    ]);
  });

  test('the trusted proxy is this machine ("true") or named by address or network; nothing else is trusted', () => {
    for (const yes of ['true', '1', 'ja'])
      assert.deepEqual(loadConfig({ WIJKKRACHT_TRUST_PROXY: yes }).trustProxy, ['loopback'], yes);
    for (const no of ['false', '0', 'nee', ''])
      assert.equal(loadConfig({ WIJKKRACHT_TRUST_PROXY: no }).trustProxy, false, no);
    assert.deepEqual(
      loadConfig({ WIJKKRACHT_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,2001:db8::1, loopback' }).trustProxy,
      ['10.0.0.5', '10.1.0.0/16', '2001:db8::1', 'loopback'],
    );
    // A typo must not silently mean "no proxy" (cookies would lose Secure behind TLS) nor "trust anyone".
    for (const wrong of [
      'ture',
      '10.0.0.0/33',
      '10.0.0.300',
      'proxy.internal',
      '10.0.0.5,,10.0.0.6',
      '10.0.0.0/8/8',
    ]) {
      assert.deepEqual(
        problemsOf({ WIJKKRACHT_TRUST_PROXY: wrong }).problems,
        [
          `WIJKKRACHT_TRUST_PROXY moet true, false of een lijst van IP-adressen of netwerken van de proxy zijn (nu: "${wrong}")`,
        ],
        wrong,
      );
    }
  });

  test('other settings are checked too', () => {
    assert.deepEqual(problemsOf({ NODE_ENV: 'staging' }).problems, [
      'NODE_ENV moet development, production of test zijn (nu: "staging")',
    ]);
    assert.deepEqual(problemsOf({ WIJKKRACHT_PUBLIC_URL: 'niet een url' }).problems, [
      'WIJKKRACHT_PUBLIC_URL is geen geldige URL (nu: "niet een url")',
    ]);
    assert.deepEqual(problemsOf({ LOG_LEVEL: 'loud' }).problems, ['LOG_LEVEL is onbekend (nu: "loud")']);
    assert.equal(problemsOf({ WIJKKRACHT_LOGIN_RATE_LIMIT: '0' }).problems.length, 1);
    assert.equal(problemsOf({ SMTP_HOST: 'smtp.example', SMTP_PORT: '0' }).problems.length, 1);
    const oidc = problemsOf({ OIDC_ISSUER: 'https://login.example' }).problems;
    assert.equal(oidc.length, 3, oidc.join('\n'));
    assert.ok(oidc.every((p) => /^OIDC_(CLIENT_ID|CLIENT_SECRET|TENANT) ontbreekt/.test(p)));
  });

  test('values are trimmed and an empty value counts as not set', () => {
    const config = loadConfig({ PORT: ' 4000 ', HOST: '', WIJKKRACHT_DEFAULT_TENANT: '  bergen ' });
    assert.equal(config.port, 4000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.defaultTenant, 'bergen');
  });
});
