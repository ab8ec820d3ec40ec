// Keeping the directory current (issue 3, part 6): providers edit their own organisation's offers, which go
// live after a coordinator approves; last-checked dates, staleness reminders, and residents' reports.
export { registerCurationRoutes, type CurationOptions } from './routes.js';
export {
  registerCurationJobs,
  scanTenant,
  scheduleStalenessScan,
  cancelStalenessScan,
  STALENESS_SCAN,
  type CurationJobOptions,
} from './jobs.js';
export {
  DEFAULT_STALE_AFTER_MONTHS,
  REMINDER_INTERVAL_WEEKS,
  isStale,
  lastChecked,
  staleAfterMonths,
  staleCutoff,
} from './dates.js';
export { scheduleText, offerFields, type OfferFields, type ScheduleFields } from './offer-fields.js';
export { linkProviderToOrganization } from './service.js';
export { curationTexts } from './messages.js';

/**
 * The demo account aanbieder@buch.demo keeps this organisation's offers: Stichting Welzijn Kustdorpen, 29
 * offers in the demo corpus (Egmond, Bergen, Schoorl).
 */
export const DEMO_PROVIDER_ORGANIZATION_ID = '1fe9ee3f-856e-572e-b23d-fa9212840c72';
export { organizationsOfUser, memberEmails } from './queries.js';
