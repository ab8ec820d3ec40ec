import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../db/index.js';
import { tenantBySlug } from '../tenancy/index.js';
import { AppError } from '../http/errors.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Stylesheets are read once at start and served with a long cache; the NL Design System CSS comes from node_modules. */
export function registerAssets(app: FastifyInstance, db: Database): void {
  const files: Record<string, string> = {
    'utrecht/components.css': fs.readFileSync(
      require.resolve('@utrecht/component-library-css/dist/index.css'),
      'utf8',
    ),
    'utrecht/design-tokens.css': fs.readFileSync(
      require.resolve('@utrecht/design-tokens/dist/index.css'),
      'utf8',
    ),
    'app.css': fs.readFileSync(path.join(here, 'app.css'), 'utf8'),
  };
  app.get(
    '/assets/*',
    { config: { access: 'public' }, schema: { hide: true, params: Type.Object({ '*': Type.String() }) } },
    async (req, reply) => {
      const name = (req.params as { '*': string })['*'];
      const body = files[name];
      if (body === undefined) throw new AppError('not_found');
      return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
    },
  );
  // The tenant's own colours on top of the design tokens.
  app.get(
    '/assets/theme/:slug.css',
    {
      config: { access: 'public' },
      schema: { hide: true, params: Type.Object({ slug: Type.String({ maxLength: 40 }) }) },
    },
    async (req, reply) => {
      const tenant = await tenantBySlug(db, (req.params as { slug: string }).slug);
      if (!tenant) throw new AppError('not_found');
      const hex = /^#[0-9a-fA-F]{6}$/;
      const primary = hex.test(tenant.theme.primaryColor) ? tenant.theme.primaryColor : '#1a5c8a';
      const onPrimary = hex.test(tenant.theme.primaryTextColor) ? tenant.theme.primaryTextColor : '#ffffff';
      const css = `.utrecht-theme {
  --wk-primary: ${primary};
  --wk-on-primary: ${onPrimary};
  --utrecht-button-primary-action-background-color: ${primary};
  --utrecht-button-primary-action-color: ${onPrimary};
  --utrecht-button-primary-action-border-color: ${primary};
  --utrecht-link-color: ${primary};
  --utrecht-heading-color: #1b1b1b;
}
`;
      return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css);
    },
  );
}
