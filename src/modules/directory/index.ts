// Directory (sociale kaart / Preventiekaart): providers, offers, locations, schedules and our classifications,
// stored as Open Referral HSDS 3.0, imported and exported as compiled-service JSON, and read through the HSDS API.
export { importHsds, invalidFile, type ImportCounts, type ImportOptions } from './hsds-import.js';
export { compileService, compileServices, exportHsds } from './hsds-export.js';
export {
  analyseCompiledServices,
  validateCompiledServices,
  type Problem,
  type ValidationResult,
} from './hsds-validate.js';
export {
  listOrganizations,
  listServiceAtLocations,
  listTaxonomies,
  listTaxonomyTerms,
  organizationWithServices,
  pageOf,
  DEFAULT_PER_PAGE,
  MAX_PER_PAGE,
  type Page,
  type PageRequest,
  type TermFilter,
} from './lists.js';
export { demoServicesFile, derivedUuid, loadDirectoryDemo, readDemoServices, repeatCorpus } from './demo.js';
export { registerDirectoryRoutes } from './routes.js';
export { registerDirectoryCommands, type WithDatabase } from './cli.js';
export type { CompiledService } from './schemas.js';
export * from './search/public.js';
