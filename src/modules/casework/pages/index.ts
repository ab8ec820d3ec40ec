// Pages of casework: the social team's overview, household files with their assessment charts and forms, and
// the resident's "Een vraag stellen". app.ts registers them with registerCaseworkPages(app, db, config).
export { registerCaseworkPages } from './routes.js';
