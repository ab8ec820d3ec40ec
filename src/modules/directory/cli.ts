// Administrators' commands for the directory: HSDS 3.0 import and export (npm run cli -- hsds:import …), and
// rebuilding a tenant's search index.
import fs from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { tenantBySlug, type Tenant } from '../../platform/tenancy/index.js';
import { exportHsds } from './hsds-export.js';
import { importHsds } from './hsds-import.js';
import { countRows } from './queries.js';
import { refreshSearchIndex } from './search/index.js';

export type WithDatabase = <T>(fn: (db: Database, config: Config) => Promise<T>) => Promise<T>;

/** Prints the reason and makes the command end with exit code 1. */
function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

async function findTenant(db: Database, slug: string): Promise<Tenant | undefined> {
  const tenant = await tenantBySlug(db, slug);
  if (!tenant)
    fail(`Gemeente (tenant) "${slug}" bestaat niet. Bekijk de lijst met: npm run cli -- tenant:list`);
  return tenant;
}

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('nl-NL')} ${n === 1 ? one : many}`;

export function registerDirectoryCommands(program: Command, withDatabase: WithDatabase): void {
  program
    .command('hsds:import')
    .description(
      'Sociale kaart inlezen uit een HSDS 3.0-bestand (JSON-lijst van compiled services); alles of niets',
    )
    .requiredOption('--tenant <slug>', 'gemeente (tenant), bijv. buch')
    .argument('<file>', 'JSON-bestand')
    .action(async (file: string, opts: { tenant: string }) => {
      let json: unknown;
      try {
        json = JSON.parse(await fs.readFile(file, 'utf8'));
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        return fail(
          e.code === 'ENOENT'
            ? `Het bestand ${file} bestaat niet.`
            : `Het bestand ${file} is geen geldige JSON: ${e.message}`,
        );
      }
      await withDatabase(async (db) => {
        const tenant = await findTenant(db, opts.tenant);
        if (!tenant) return;
        const bar = process.stdout.isTTY
          ? new cliProgress.SingleBar(
              { format: 'Inlezen |{bar}| {percentage}% | {value}/{total} diensten', hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        const started = performance.now();
        try {
          const counts = await importHsds(db, tenant.id, json, {
            onProgress: (done, total) => {
              if (!bar) return;
              if (done === 0) bar.start(total, 0);
              else bar.update(done);
            },
          });
          bar?.stop();
          const seconds = (performance.now() - started) / 1000;
          console.log(
            `${count(counts.services, 'dienst', 'diensten')} in het bestand voor ${tenant.slug}: ` +
              `${counts.created} nieuw, ${counts.updated} bijgewerkt, ${counts.unchanged} ongewijzigd ` +
              `(${seconds.toFixed(1)} s, ${Math.round(counts.services / seconds)} diensten per seconde).`,
          );
        } catch (err) {
          bar?.stop();
          if (!(err instanceof AppError) || err.code !== 'validation') throw err;
          const problems = err.fields ?? [];
          fail(
            `Niets ingelezen: het bestand bevat ${count(problems.length, 'probleem', 'problemen')}.\n` +
              problems.map((p) => `  ${p.field}: ${p.message}`).join('\n'),
          );
        }
      });
    });

  program
    .command('search:reindex')
    .description(
      'Zoekindex van de sociale kaart opnieuw opbouwen (na het wijzigen van bestaande aanbod bijvoorbeeld)',
    )
    .requiredOption('--tenant <slug>', 'gemeente (tenant), bijv. buch')
    .action((opts: { tenant: string }) =>
      withDatabase(async (db) => {
        const tenant = await findTenant(db, opts.tenant);
        if (!tenant) return;
        const started = performance.now();
        const offers = await db.tenant(tenant.id, async (tx) => {
          await refreshSearchIndex(tx);
          return countRows(tx, 'services');
        });
        console.log(
          `Zoekindex van ${tenant.slug} opnieuw opgebouwd: ${count(offers, 'dienst', 'diensten')} ` +
            `(${((performance.now() - started) / 1000).toFixed(1)} s).`,
        );
      }),
    );

  program
    .command('hsds:export')
    .description('Sociale kaart uitvoeren als HSDS 3.0-bestand (JSON-lijst van compiled services)')
    .requiredOption('--tenant <slug>', 'gemeente (tenant), bijv. buch')
    .option('--out <file>', 'naar dit bestand schrijven in plaats van naar het scherm')
    .action((opts: { tenant: string; out?: string }) =>
      withDatabase(async (db) => {
        const tenant = await findTenant(db, opts.tenant);
        if (!tenant) return;
        const services = await db.tenant(tenant.id, (tx) => exportHsds(tx));
        const text = `${JSON.stringify(services, null, 2)}\n`;
        if (!opts.out) {
          // `hsds:export … | head` closes the pipe early: that is not an error worth a stack trace.
          process.stdout.on('error', (err: NodeJS.ErrnoException) => {
            if (err.code !== 'EPIPE') throw err;
          });
          process.stdout.write(text);
          return;
        }
        await fs.writeFile(opts.out, text);
        console.log(
          `${count(services.length, 'dienst', 'diensten')} van ${tenant.slug} geschreven naar ${opts.out}.`,
        );
      }),
    );
}
