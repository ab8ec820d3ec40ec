// `npm run bench`: every benchmark in this folder, one after the other.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

for (const f of fs
  .readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .sort()) {
  console.log(`\n## ${f}`);
  await import(pathToFileURL(path.join(import.meta.dirname, f)).href);
}
