import { defineConfig } from 'drizzle-kit';

// Tables live beside the module that owns them (tables.ts, or <part>.tables.ts in a large module);
// drizzle-kit collects them into one migration history.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/tables.ts', './src/modules/**/tables.ts', './src/modules/**/*.tables.ts'],
  out: './migrations',
});
