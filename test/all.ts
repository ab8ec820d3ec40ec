// One process for the whole suite, so the database and the application are created once.
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { pathToFileURL } from 'node:url';
import { closeTestApp } from './helpers/app.js';
import { closeBrowser } from './helpers/browser.js';
import { closeTestDatabase } from './helpers/db.js';

const root = path.resolve(import.meta.dirname, '..');
const only = process.env.TEST_FILES?.split(',').filter(Boolean);
const selected = (f: string) => !only?.length || only.some((o) => f.includes(o));
const files = ['src', 'test']
  .flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(root, dir, f)),
  )
  .filter((f) => /\.test\.tsx?$/.test(f))
  .filter(selected)
  .sort();

for (const file of files) await import(pathToFileURL(file).href);

after(async () => {
  await closeBrowser();
  await closeTestApp();
  await closeTestDatabase();
});
