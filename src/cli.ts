// Administrators' command line: `npm run cli -- <command>`. Works on the embedded database while the
// server is stopped (PGlite is single-process) and on PostgreSQL at any time.
import { isEmailAddress } from './platform/mail/index.js';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from './config.js';
import { isRole, roles, type Role } from './platform/auth/permissions.js';
import { createUser, requestPasswordReset, setPassword } from './platform/auth/service.js';
import { DatabaseBusyError, openDatabase, type Database } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';
import { loadDemo } from './platform/demo/index.js';
import { AppError } from './platform/http/errors.js';
import { translator } from './platform/i18n/index.js';
import { randomToken } from './platform/privacy/crypto.js';
import {
  createTenant,
  listTenants,
  slugPattern,
  tenantBySlug,
  updateTenantSettings,
  type Tenant,
  type TenantSettings,
} from './platform/tenancy/index.js';
import { and, eq, sql } from 'drizzle-orm';
import { users } from './platform/auth/tables.js';
import { recordAccess } from './platform/audit/index.js';
import { registerDirectoryCommands } from './modules/directory/index.js';
import { checkOidcProvider, configureTenantOidc, OidcSettingsError } from './platform/auth/oidc.js';

class CliError extends Error {}

async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

async function requireTenant(db: Database, slug: string): Promise<Tenant> {
  const tenant = await tenantBySlug(db, slug);
  if (!tenant)
    throw new CliError(
      `Gemeente (tenant) "${slug}" bestaat niet. Bekijk de lijst met: npm run cli -- tenant:list`,
    );
  return tenant;
}

async function findUser(db: Database, tenant: Tenant, email: string) {
  const [user] = await db.drizzle
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenant.id), sql`lower(${users.email}) = lower(${email})`));
  if (!user) throw new CliError(`Er is geen gebruiker ${email} bij ${tenant.slug}.`);
  return user;
}

/** CLI actions are audited like any other change, with the CLI as purpose. */
function cliActor(tenant: Tenant, purpose: string) {
  return { tenantId: tenant.id, userId: null, roles: ['administrator'], purpose: `cli ${purpose}` };
}

const program = new Command()
  .name('npm run cli --')
  .description('Wijkkracht beheer: gemeenten, gebruikers en database')
  .showHelpAfterError();

program
  .command('migrate')
  .description('Database bijwerken naar de nieuwste versie (veilig om vaker te draaien)')
  .action(() =>
    withDatabase(async (db) => {
      console.log(`Database is bijgewerkt (${db.kind}).`);
    }),
  );

program
  .command('demo:load')
  .description('Demogegevens laden (tenant buch met demo-accounts), als ze er nog niet zijn')
  .action(() =>
    withDatabase(async (db, config) => {
      if (config.nodeEnv === 'production') throw new CliError('Demogegevens horen niet in productie.');
      const { loaded } = await loadDemo(db, config);
      console.log(loaded ? 'Demogegevens geladen.' : 'Demogegevens stonden er al.');
    }),
  );

program
  .command('tenant:list')
  .description('Alle gemeenten (tenants)')
  .action(() =>
    withDatabase(async (db) => {
      for (const t of await listTenants(db))
        console.log(`${t.slug.padEnd(20)} ${t.name}${t.oidc ? '  (OIDC)' : ''}`);
    }),
  );

program
  .command('tenant:create')
  .description('Een gemeente of samenwerkingsverband toevoegen')
  .requiredOption('--slug <slug>', 'korte naam in URLs, bijv. buch')
  .requiredOption('--name <name>', 'volledige naam')
  .option('--host <host...>', 'hostnamen die naar deze gemeente wijzen')
  .action((opts: { slug: string; name: string; host?: string[] }) =>
    withDatabase(async (db) => {
      if (!slugPattern.test(opts.slug)) {
        throw new CliError('De slug mag alleen kleine letters, cijfers en streepjes bevatten (2–40 tekens).');
      }
      if (await tenantBySlug(db, opts.slug)) throw new CliError(`Gemeente "${opts.slug}" bestaat al.`);
      const t = await db.system((tx) =>
        createTenant(tx, { slug: opts.slug, name: opts.name, hostnames: opts.host }),
      );
      console.log(`Gemeente ${t.name} (${t.slug}) toegevoegd.`);
    }),
  );

program
  .command('tenant:settings')
  .description('Instellingen van een gemeente bekijken of veranderen')
  .requiredOption('--tenant <slug>')
  .addOption(
    new Option('--require-2fa <role...>', 'rollen die alleen met tweestapsverificatie dossiers zien').choices(
      [...roles, 'none'],
    ),
  )
  .option('--response-hours <hours>', 'standaard reactietermijn in uren (bijv. 48)')
  .action((opts: { tenant: string; require2fa?: string[]; responseHours?: string }) =>
    withDatabase(async (db) => {
      const tenant = await requireTenant(db, opts.tenant);
      const patch: Partial<TenantSettings> = {};
      if (opts.require2fa) patch.requireTwoFactorForRoles = opts.require2fa.filter(isRole);
      if (opts.responseHours !== undefined) {
        const hours = Number(opts.responseHours);
        if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 30) {
          throw new CliError('--response-hours moet een geheel aantal uren zijn, tussen 1 en 720.');
        }
        patch.responseDeadlineHours = hours;
      }
      const settings = await db.system((tx) => updateTenantSettings(tx, tenant.id, patch));
      console.log(JSON.stringify(settings, null, 2));
    }),
  );

program
  .command('tenant:oidc')
  .description('Inloggen via de identity provider van de gemeente (OpenID Connect) instellen of uitzetten')
  .requiredOption('--tenant <slug>')
  .option('--issuer <url>', 'issuer-URL van de identity provider')
  .option('--client-id <id>')
  .option('--client-secret <secret>')
  .option('--label <text>', 'tekst op de inlogknop')
  .option('--disable', 'OIDC uitzetten')
  .option('--check', 'eerst controleren of de identity provider bereikbaar is')
  .action(
    (opts: {
      tenant: string;
      issuer?: string;
      clientId?: string;
      clientSecret?: string;
      label?: string;
      disable?: boolean;
      check?: boolean;
    }) =>
      withDatabase(async (db, config) => {
        if (opts.disable) {
          await configureTenantOidc(db, config.secretKey, opts.tenant, null);
          console.log(`OIDC staat uit voor ${opts.tenant}.`);
          return;
        }
        if (!opts.issuer || !opts.clientId || !opts.clientSecret) {
          throw new CliError('Geef --issuer, --client-id en --client-secret op (of --disable).');
        }
        const settings = {
          issuer: opts.issuer,
          clientId: opts.clientId,
          clientSecret: opts.clientSecret,
          label: opts.label,
        };
        if (opts.check) {
          const found = await checkOidcProvider(settings);
          console.log(`Identity provider gevonden; inlogadres: ${found.authorizationEndpoint}`);
        }
        await configureTenantOidc(db, config.secretKey, opts.tenant, settings);
        console.log(
          `OIDC ingesteld voor ${opts.tenant}. Redirect-URI bij de provider: ${config.publicUrl}/inloggen/oidc/callback`,
        );
      }),
  );

program
  .command('user:create')
  .description('Een gebruiker met een of meer rollen toevoegen')
  .requiredOption('--tenant <slug>')
  .requiredOption('--email <email>')
  .addOption(new Option('--role <role...>', 'rol(len)').choices([...roles]).makeOptionMandatory())
  .option('--name <name>', 'naam (standaard het deel voor de @)')
  .option('--password <password>', 'eerste wachtwoord (minstens 12 tekens); zonder: een resetlink per e-mail')
  .action((opts: { tenant: string; email: string; role: string[]; name?: string; password?: string }) =>
    withDatabase(async (db, config) => {
      const tenant = await requireTenant(db, opts.tenant);
      const userRoles = opts.role.filter(isRole) as Role[];
      if (!isEmailAddress(opts.email)) throw new CliError(`"${opts.email}" is geen geldig e-mailadres.`);
      const user = await db.tenant(tenant.id, async (tx) => {
        const u = await createUser(tx, tenant.id, {
          email: opts.email,
          name: opts.name ?? opts.email.split('@')[0]!,
          roles: userRoles,
          password: opts.password,
        });
        await recordAccess(tx, cliActor(tenant, 'user:create'), {
          action: 'create',
          recordType: 'user',
          recordId: u.id,
          subjectUserId: u.id,
        });
        return u;
      });
      if (!opts.password) await requestPasswordReset(db, tenant, user.email, config.publicUrl);
      console.log(
        `Gebruiker ${user.email} toegevoegd bij ${tenant.slug} met rol(len): ${userRoles.join(', ')}.` +
          (opts.password ? '' : ' Er staat een e-mail met een link om een wachtwoord te maken klaar.'),
      );
    }),
  );

program
  .command('user:password')
  .description('Wachtwoord van een gebruiker herstellen: nieuw wachtwoord zetten, of een resetlink mailen')
  .requiredOption('--tenant <slug>')
  .requiredOption('--email <email>')
  .option('--password <password>', 'nieuw wachtwoord; zonder deze optie gaat er een resetlink per e-mail')
  .option('--generate', 'maak een willekeurig nieuw wachtwoord en toon het')
  .action((opts: { tenant: string; email: string; password?: string; generate?: boolean }) =>
    withDatabase(async (db, config) => {
      const tenant = await requireTenant(db, opts.tenant);
      const user = await findUser(db, tenant, opts.email);
      const password = opts.generate ? randomToken(12) : opts.password;
      if (!password) {
        await requestPasswordReset(db, tenant, user.email, config.publicUrl);
        console.log(`Resetlink verstuurd naar ${user.email} (zonder SMTP: zie de tabel mail_outbox).`);
        return;
      }
      await db.tenant(tenant.id, async (tx) => {
        await setPassword(tx, user.id, password);
        await recordAccess(tx, cliActor(tenant, 'user:password'), {
          action: 'update',
          recordType: 'user-password',
          recordId: user.id,
          subjectUserId: user.id,
        });
      });
      console.log(
        `Nieuw wachtwoord gezet voor ${user.email}; alle sessies zijn beëindigd.` +
          (opts.generate ? `\nWachtwoord: ${password}` : ''),
      );
    }),
  );

registerDirectoryCommands(program, withDatabase);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const t = translator('nl');
  if (
    err instanceof ConfigError ||
    err instanceof DatabaseBusyError ||
    err instanceof CliError ||
    err instanceof OidcSettingsError
  ) {
    console.error(err.message);
  } else if (err instanceof AppError) {
    const fields = err.fields?.map((f) => `${f.field}: ${t(f.message as never)}`).join('; ');
    console.error(err.detail && err.code !== 'validation' ? err.detail : fields || err.code);
  } else {
    console.error(`Er ging iets mis: ${(err as Error).message}`);
  }
  process.exitCode = 1;
}
