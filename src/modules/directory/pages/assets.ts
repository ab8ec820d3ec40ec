// The module's own static files under /assets/directory/: its stylesheet and script, and Leaflet from
// node_modules (script, stylesheet, marker images). Read once at start; nothing is served by path from disk.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  png: 'image/png',
};

export function directoryAssetFiles(): Map<string, { body: Buffer; type: string }> {
  const leaflet = path.dirname(require.resolve('leaflet/dist/leaflet.css'));
  const sources: Record<string, string> = {
    'directory.css': path.join(here, 'assets', 'directory.css'),
    'directory.js': path.join(here, 'assets', 'directory.js'),
    'leaflet.css': path.join(leaflet, 'leaflet.css'),
    'leaflet.js': path.join(leaflet, 'leaflet.js'),
  };
  // leaflet.css points at images/…, relative to itself.
  for (const image of [
    'marker-icon.png',
    'marker-icon-2x.png',
    'marker-shadow.png',
    'layers.png',
    'layers-2x.png',
  ])
    sources[`images/${image}`] = path.join(leaflet, 'images', image);
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const [name, file] of Object.entries(sources))
    files.set(name, { body: fs.readFileSync(file), type: types[path.extname(name).slice(1)]! });
  return files;
}

export function registerDirectoryAssets(app: FastifyInstance): void {
  const files = directoryAssetFiles();
  app.get(
    '/assets/directory/*',
    {
      config: { access: 'public' },
      schema: { hide: true, params: Type.Object({ '*': Type.String({ maxLength: 100 }) }) },
    },
    async (req, reply) => {
      const file = files.get((req.params as { '*': string })['*']);
      if (!file) throw new AppError('not_found');
      return reply.type(file.type).header('cache-control', 'public, max-age=3600').send(file.body);
    },
  );
}
