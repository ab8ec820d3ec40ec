// Casework: the social team's work with households ("1 huishouden, 1 plan") — people and households, support
// requests with their response deadline, ZRM and Positieve Gezondheid assessments, and who may see a case.
export { registerCaseworkRoutes } from './routes.js';
export {
  registerCaseworkJobs,
  scanDeadlines,
  DEADLINE_SCAN,
  DEFAULT_SCAN_INTERVAL_MS,
  type CaseworkJobOptions,
  type ScanResult,
} from './jobs.js';
export { currentItemSet, itemSets, itemSetById, lifeDomainCodes, type ItemSet } from './instruments.js';
export {
  accessOf,
  createSupportRequest,
  deadlineHours,
  lookupHouseholds,
  readHousehold,
  registerHousehold,
  type Access,
  type CaseworkContext,
  type HouseholdView,
  type RegisterResult,
  type SupportRequestView,
} from './service.js';
export { loadCaseworkDemo } from './demo.js';
export { caseworkTexts } from './messages.js';
export { nameKey, normalisePostcode, sealer, type Sealer } from './privacy.js';
// For modules that act through casework (signals): the texts and sealer a CaseworkContext needs, the body schema.
export { sealer as caseworkSealer } from './privacy.js';
export { HouseholdBody } from './schemas.js';
export { registerCaseworkPages } from './pages/index.js';
// The support plan, scaling up, closure and aftercare: use cases (fn(tx, ctx, …)) and their views.
export {
  addAction,
  addGoal,
  agreeToPlan,
  changeAction,
  changeCaseLead,
  changeGoal,
  commentAsResident,
  commentOnPlan,
  linkResidentAccount,
  readOwnPlan,
  readPlan,
  type PlanView,
} from './plan.js';
export {
  changeProvision,
  escalateCase,
  readEscalations,
  recordProvision,
  returnCase,
  type EscalationsView,
  type ProvisionView,
} from './escalation.js';
export {
  closeCase,
  readAftercare,
  recordCheckIn,
  DEFAULT_CHECK_IN_WEEKS,
  type AftercareView,
} from './closure.js';
export { scanAftercare, AFTERCARE_SCAN } from './jobs.js';
export type {
  ActionBody,
  ActionPatch,
  CaseLeadBody,
  CheckInBody,
  ClosureBody,
  CommentBody,
  EscalationBody,
  GoalBody,
  GoalPatch,
  ProvisionBody,
  ProvisionPatch,
  ReturnBody,
} from './plan-schemas.js';
export {
  actionStatuses,
  checkInResults,
  expertiseAreas,
  goalStatuses,
  openActionFates,
  outcomes,
  performers,
  provisionStatuses,
} from './plan.tables.js';
// Case conferences: meetings, series, agenda and outcomes that land in the plan.
export {
  addAgendaItem,
  listConferences,
  readConference,
  recordConferenceOutcome,
  scheduleConference,
  scheduleConferenceSeries,
  type ConferenceView,
} from './conferences.js';
export type {
  AgendaBody,
  ConferenceBody,
  ConferenceListQuery,
  OutcomeBody,
  SeriesBody,
} from './conference-schemas.js';
export { writeAction, writeGoal, type ActionFields } from './plan.js';
// Consent (hasConsent for referrals and other modules), retention, team views.
export { hasConsent, listConsents, recordConsent, withdrawConsent, type ConsentList } from './consent.js';
export { consentScopes, type ConsentScope } from './consent.tables.js';
export {
  anonymiseExpiredCases,
  deletionsOf,
  retentionMonths,
  retentionRecordTypes,
  DEFAULT_RETENTION_MONTHS,
  REMOVED_TEXT,
  type RetentionRecordType,
} from './retention.js';
export { scanRetention, RETENTION_SCAN } from './jobs.js';
export { casesPerArea, listCases, searchCases, teamWorkload } from './team.js';
export type { CaseListQuery, ConsentBody, SearchQuery } from './team-schemas.js';
