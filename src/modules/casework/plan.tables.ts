// The support plan of a case ("1 huishouden, 1 plan") and what happens around it: goals per life domain in the
// resident's words, actions with who does them, the resident's agreement and comments, scaling up to an expert
// consultant with custom provisions, closure with an outcome, and aftercare check-ins. Texts written about the
// household are sealed with the field cipher, like the questions of support requests. Every change to the plan
// raises cases.version (optimistic locking), so two consultants never overwrite each other.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.js';
import { tenants } from '../../platform/tenancy/tables.js';
import { cases, households, persons } from './tables.js';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });
const caseFk = (name: string, t: { tenantId: AnyPgColumn; caseId: AnyPgColumn }) =>
  foreignKey({ name, columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] });

export const goalStatuses = ['open', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

/** What the household wants to reach in one life domain, in the resident's own words (sealed). */
export const planGoals = pgTable(
  'plan_goals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    /** ZRM life domain code. */
    lifeDomain: text('life_domain').notNull(),
    textSealed: text('text_sealed').notNull(),
    status: text('status').$type<GoalStatus>().notNull().default('open'),
    position: smallint('position').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: userRef('created_by'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'plan_goals_pk', columns: [t.tenantId, t.id] }),
    caseFk('plan_goals_case_fk', t),
    index('plan_goals_case').on(t.tenantId, t.caseId),
    check('plan_goals_status', sql`${t.status} in ('open','achieved','dropped')`),
  ],
);

export const performers = [
  'resident',
  'own-network',
  'volunteer',
  'basic-service',
  'custom-provision',
  'professional',
] as const;
export type Performer = (typeof performers)[number];
export const actionStatuses = ['planned', 'in-progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
/** What happens to actions still open when a case is closed: said explicitly, never left hanging. */
export const openActionFates = ['resident-continues', 'cancelled', 'handed-over'] as const;
export type OpenActionFate = (typeof openActionFates)[number];

/** A step of the plan: what (sealed), who does it, by when, how far it is. */
export const planActions = pgTable(
  'plan_actions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    goalId: uuid('goal_id'),
    descriptionSealed: text('description_sealed').notNull(),
    performer: text('performer').$type<Performer>().notNull(),
    /** Who exactly, in words ("buurvrouw Ans", "jeugd- en gezinscoach"); optional. */
    performerName: text('performer_name'),
    /** A directory offer (HSDS service id) for a basic service; checked through the directory module. */
    directoryServiceId: uuid('directory_service_id'),
    /** The professional (user) who does it, when it is one of us. */
    professionalId: userRef('professional_id'),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status').$type<ActionStatus>().notNull().default('planned'),
    /** Set at closure when the action was still open. */
    fateAtClosure: text('fate_at_closure').$type<OpenActionFate>(),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: userRef('created_by'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'plan_actions_pk', columns: [t.tenantId, t.id] }),
    caseFk('plan_actions_case_fk', t),
    foreignKey({
      name: 'plan_actions_goal_fk',
      columns: [t.tenantId, t.goalId],
      foreignColumns: [planGoals.tenantId, planGoals.id],
    }),
    index('plan_actions_case').on(t.tenantId, t.caseId),
    check(
      'plan_actions_performer',
      sql`${t.performer} in ('resident','own-network','volunteer','basic-service','custom-provision','professional')`,
    ),
    check('plan_actions_status', sql`${t.status} in ('planned','in-progress','done','cancelled')`),
  ],
);

/** The resident agreed to the plan as it was at this version: "niet óver maar mét". */
export const planAgreements = pgTable(
  'plan_agreements',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    personId: uuid('person_id').notNull(),
    userId: userRef('user_id'),
    planVersion: integer('plan_version').notNull(),
    agreedAt: at('agreed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'plan_agreements_pk', columns: [t.tenantId, t.id] }),
    caseFk('plan_agreements_case_fk', t),
    foreignKey({
      name: 'plan_agreements_person_fk',
      columns: [t.tenantId, t.personId],
      foreignColumns: [persons.tenantId, persons.id],
    }),
    index('plan_agreements_case').on(t.tenantId, t.caseId),
  ],
);

/** A comment on the plan, by the resident or a professional (sealed). */
export const planComments = pgTable(
  'plan_comments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    authorId: userRef('author_id'),
    /** The household member who wrote it, for comments of the resident. */
    personId: uuid('person_id'),
    textSealed: text('text_sealed').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'plan_comments_pk', columns: [t.tenantId, t.id] }),
    caseFk('plan_comments_case_fk', t),
    index('plan_comments_case').on(t.tenantId, t.caseId, t.createdAt),
  ],
);

export const expertiseAreas = ['wmo', 'youth'] as const;
export type ExpertiseArea = (typeof expertiseAreas)[number];

/**
 * Scaling up (opschalen): the case lead moved from the front-line consultant to an expert consultant, with a
 * hand-over note (sealed). The front-line consultant stays a co-worker and gets the case back (returnedAt).
 */
export const escalations = pgTable(
  'escalations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    area: text('area').$type<ExpertiseArea>().notNull(),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id),
    noteSealed: text('note_sealed').notNull(),
    escalatedAt: at('escalated_at').notNull(),
    returnedAt: at('returned_at'),
    returnNoteSealed: text('return_note_sealed'),
  },
  (t) => [
    primaryKey({ name: 'escalations_pk', columns: [t.tenantId, t.id] }),
    caseFk('escalations_case_fk', t),
    index('escalations_case').on(t.tenantId, t.caseId),
    check('escalations_area', sql`${t.area} in ('wmo','youth')`),
  ],
);

export const provisionStatuses = ['requested', 'granted', 'refused'] as const;
export type ProvisionStatus = (typeof provisionStatuses)[number];

/** A custom provision (maatwerkvoorziening) requested and perhaps granted: enough for the prevention case. */
export const customProvisions = pgTable(
  'custom_provisions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    area: text('area').$type<ExpertiseArea>().notNull(),
    /** What kind, in words or a local code: "huishoudelijke hulp", "ambulante jeugdhulp". */
    kind: text('kind').notNull(),
    status: text('status').$type<ProvisionStatus>().notNull().default('requested'),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    createdBy: userRef('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'custom_provisions_pk', columns: [t.tenantId, t.id] }),
    caseFk('custom_provisions_case_fk', t),
    index('custom_provisions_case').on(t.tenantId, t.caseId),
    check('custom_provisions_status', sql`${t.status} in ('requested','granted','refused')`),
    check(
      'custom_provisions_period',
      sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`,
    ),
  ],
);

export const outcomes = [
  'solved-in-social-base',
  'custom-provision',
  'referred-elsewhere',
  'stopped-by-resident',
  'moved-away',
] as const;
export type Outcome = (typeof outcomes)[number];

/** How a case ended; a reopened case keeps its earlier closures as history. */
export const caseClosures = pgTable(
  'case_closures',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    outcome: text('outcome').$type<Outcome>().notNull(),
    noteSealed: text('note_sealed'),
    openActionFate: text('open_action_fate').$type<OpenActionFate>(),
    closedAt: at('closed_at').notNull(),
    closedBy: userRef('closed_by'),
    /** The consultant responsible for aftercare: the front-line consultant after scaling up. */
    aftercareById: userRef('aftercare_by_id'),
  },
  (t) => [
    primaryKey({ name: 'case_closures_pk', columns: [t.tenantId, t.id] }),
    caseFk('case_closures_case_fk', t),
    index('case_closures_case').on(t.tenantId, t.caseId),
    check(
      'case_closures_outcome',
      sql`${t.outcome} in ('solved-in-social-base','custom-provision','referred-elsewhere','stopped-by-resident','moved-away')`,
    ),
  ],
);

export const checkInResults = ['fine', 'reopen', 'no-contact'] as const;
export type CheckInResult = (typeof checkInResults)[number];

/**
 * An aftercare check-in (nazorg) after closure, so it does not "disappear": due at a moment, reminded once by
 * the aftercare scan (jobs.ts), done with a result. A check-in that reopens the plan cancels the others.
 */
export const aftercareCheckIns = pgTable(
  'aftercare_check_ins',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    householdId: uuid('household_id').notNull(),
    closureId: uuid('closure_id').notNull(),
    responsibleId: userRef('responsible_id'),
    dueAt: at('due_at').notNull(),
    remindedAt: at('reminded_at'),
    doneAt: at('done_at'),
    doneBy: userRef('done_by'),
    result: text('result').$type<CheckInResult>(),
    noteSealed: text('note_sealed'),
    cancelledAt: at('cancelled_at'),
  },
  (t) => [
    primaryKey({ name: 'aftercare_check_ins_pk', columns: [t.tenantId, t.id] }),
    caseFk('aftercare_check_ins_case_fk', t),
    foreignKey({
      name: 'aftercare_check_ins_household_fk',
      columns: [t.tenantId, t.householdId],
      foreignColumns: [households.tenantId, households.id],
    }),
    foreignKey({
      name: 'aftercare_check_ins_closure_fk',
      columns: [t.tenantId, t.closureId],
      foreignColumns: [caseClosures.tenantId, caseClosures.id],
    }),
    index('aftercare_check_ins_case').on(t.tenantId, t.caseId),
    index('aftercare_check_ins_due')
      .on(t.tenantId, t.dueAt)
      .where(sql`${t.doneAt} is null and ${t.cancelledAt} is null and ${t.remindedAt} is null`),
    check(
      'aftercare_check_ins_result',
      sql`${t.result} is null or ${t.result} in ('fine','reopen','no-contact')`,
    ),
  ],
);
