import { defineConfig } from 'drizzle-kit';

// Tables live beside the module that owns them; drizzle-kit collects them into one migration history.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/tables.ts', './src/modules/**/tables.ts'],
  out: './migrations',
});
