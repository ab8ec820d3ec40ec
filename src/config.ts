import net from 'node:net';
import path from 'node:path';

/** Every setting the application reads, validated once at start so a wrong value fails fast and readably. */
export interface Config {
  port: number;
  host: string;
  nodeEnv: 'development' | 'production' | 'test';
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  /** Public base URL, used in e-mail links and OIDC redirects. */
  publicUrl: string;
  /**
   * Reverse proxies whose X-Forwarded-* headers count (needed for Secure cookies and HSTS behind TLS, and for
   * the client address in rate limits and the audit log), as addresses, networks or "loopback"; false for none.
   * Only these are trusted: trusting every hop would let a client write its own address into the audit log.
   */
  trustProxy: false | string[];
  /** Tenant used when a request names none (single-municipality installs, the demo). */
  defaultTenant: string | undefined;
  logLevel: string;
  smtp:
    | { host: string; port: number; user?: string; password?: string; from: string; secure: boolean }
    | undefined;
  mailFrom: string;
  oidc: { tenant: string; issuer: string; clientId: string; clientSecret: string; label: string } | undefined;
  /** Key material for encrypting secrets at rest (TOTP secrets, later BSN). */
  secretKey: string;
  /** Requests per minute per IP address on login and on public forms. */
  rateLimits: { login: number; forms: number };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Ongeldige instellingen:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} moet een geheel getal tussen ${min} en ${max} zijn (nu: "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'ja'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'nee'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} moet true of false zijn (nu: "${raw}")`);
    return fallback;
  };
  const url = (name: string): string | undefined => {
    const raw = str(name);
    if (raw === undefined) return undefined;
    try {
      new URL(raw);
      return raw;
    } catch {
      problems.push(`${name} is geen geldige URL (nu: "${raw}")`);
      return undefined;
    }
  };

  /** "true" means a proxy on this machine; other proxies are named: 10.0.0.5, 10.0.0.0/24, 2001:db8::1. */
  const proxies = (name: string): false | string[] => {
    const raw = str(name);
    if (raw === undefined || ['0', 'false', 'no', 'nee'].includes(raw.toLowerCase())) return false;
    if (['1', 'true', 'yes', 'ja'].includes(raw.toLowerCase())) return ['loopback'];
    const list = raw.split(',').map((a) => a.trim());
    const valid = (a: string) => {
      if (a === 'loopback') return true;
      const [ip, bits, ...rest] = a.split('/');
      const version = net.isIP(ip ?? '');
      if (!version || rest.length) return false;
      return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
    };
    if (list.every(valid)) return list;
    problems.push(
      `${name} moet true, false of een lijst van IP-adressen of netwerken van de proxy zijn (nu: "${raw}")`,
    );
    return false;
  };

  const nodeEnvRaw = str('NODE_ENV') ?? 'development';
  let nodeEnv: Config['nodeEnv'] = 'development';
  if (nodeEnvRaw === 'development' || nodeEnvRaw === 'production' || nodeEnvRaw === 'test')
    nodeEnv = nodeEnvRaw;
  else problems.push(`NODE_ENV moet development, production of test zijn (nu: "${nodeEnvRaw}")`);

  const port = int('PORT', 3000, 0, 65535);
  const host = str('HOST') ?? '127.0.0.1';
  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL moet beginnen met postgres:// of postgresql://');
  }
  const demo = bool('WIJKKRACHT_DEMO', nodeEnv !== 'production');
  if (demo && nodeEnv === 'production') {
    problems.push(
      'WIJKKRACHT_DEMO staat aan terwijl NODE_ENV=production: demo-accounts horen niet in productie',
    );
  }
  const publicUrl = url('WIJKKRACHT_PUBLIC_URL') ?? `http://localhost:${port}`;
  const trustProxy = proxies('WIJKKRACHT_TRUST_PROXY');

  const secretKey =
    str('WIJKKRACHT_SECRET_KEY') ?? (nodeEnv === 'production' ? '' : 'development-only-secret-key');
  if (secretKey.length < 16) {
    problems.push('WIJKKRACHT_SECRET_KEY ontbreekt of is korter dan 16 tekens (verplicht in productie)');
  }

  let smtp: Config['smtp'];
  const smtpHost = str('SMTP_HOST');
  const mailFrom = str('MAIL_FROM') ?? 'Wijkkracht <noreply@wijkkracht.invalid>';
  if (smtpHost) {
    smtp = {
      host: smtpHost,
      port: int('SMTP_PORT', 587, 1, 65535),
      user: str('SMTP_USER'),
      password: str('SMTP_PASSWORD'),
      secure: bool('SMTP_SECURE', false),
      from: mailFrom,
    };
  }

  let oidc: Config['oidc'];
  const issuer = url('OIDC_ISSUER');
  if (issuer) {
    const clientId = str('OIDC_CLIENT_ID');
    const clientSecret = str('OIDC_CLIENT_SECRET');
    const tenant = str('OIDC_TENANT') ?? str('WIJKKRACHT_DEFAULT_TENANT');
    if (!clientId) problems.push('OIDC_CLIENT_ID ontbreekt (nodig als OIDC_ISSUER is gezet)');
    if (!clientSecret) problems.push('OIDC_CLIENT_SECRET ontbreekt (nodig als OIDC_ISSUER is gezet)');
    if (!tenant) problems.push('OIDC_TENANT ontbreekt: voor welke gemeente geldt deze inlog?');
    if (clientId && clientSecret && tenant) {
      oidc = {
        issuer,
        clientId,
        clientSecret,
        tenant,
        label: str('OIDC_LABEL') ?? 'Inloggen via uw organisatie',
      };
    }
  }

  const logLevel = str('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL is onbekend (nu: "${logLevel}")`);
  }

  const rateLimits = {
    login: int('WIJKKRACHT_LOGIN_RATE_LIMIT', 20, 1, 1_000_000),
    forms: int('WIJKKRACHT_FORM_RATE_LIMIT', 10, 1, 1_000_000),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    nodeEnv,
    dataDir: path.resolve(str('WIJKKRACHT_DATA_DIR') ?? './data'),
    databaseUrl,
    demo,
    publicUrl: publicUrl.replace(/\/$/, ''),
    trustProxy,
    defaultTenant: str('WIJKKRACHT_DEFAULT_TENANT') ?? (demo ? 'buch' : undefined),
    logLevel,
    smtp,
    mailFrom,
    oidc,
    secretKey,
    rateLimits,
  };
}
