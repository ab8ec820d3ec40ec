// Use cases of volunteering. Each takes the tenant transaction and a context (who acts, in which language, at
// what moment), checks what the route's permission cannot (is this my match? is this volunteer at capacity?),
// and writes the change with its audit entries in that one transaction: a use case that fails leaves nothing.
//
// Who sees what: the public listing shows a first name or initials, the village, the kind and when — never the
// address or contact details. The coordinator sees everything of volunteering (not of casework: household and
// plan action references are opaque ids). A volunteer sees their own matches; the exact address and contact
// details of the requester only once the match is confirmed, and never a case file.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAccess, type Actor } from '../../platform/audit/index.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type { FieldCipher } from '../../platform/privacy/crypto.js';
import { isEmailAddress } from '../../platform/mail/index.js';
import { listUsers } from '../../platform/auth/service.js';
import { listPlaces, matchPlace, type Place } from '../areas/index.js';
import { reportSignalOnBehalf, type SignalContext } from '../signals/index.js';
import {
  assignBatch,
  components,
  defaultWeights,
  exclusions,
  scorePair,
  type ComponentScore,
  type Exclusion,
  type MatchRequest,
  type MatchVolunteer,
  type PairScore,
  type Weights,
} from './matcher.js';
import type { Texts, VolunteeringKey } from './messages.js';
import {
  appreciations,
  contactLog,
  evaluations,
  helpOffers,
  helpRequests,
  matches,
  matchingRuns,
  volunteerCredentials,
  volunteers,
  type MatchReasons,
} from './tables.js';
import {
  busyStatuses,
  helpKinds,
  kindRules,
  minutesOf,
  nextStatuses,
  shortTaskKinds,
  trainings,
  volunteerCategories,
  type Frequency,
  type Gender,
  type HelpKind,
  type MatchStatus,
  type Training,
  type Urgency,
  type VolunteerCategory,
  type Window,
} from './vocabulary.js';

export interface VolunteeringContext {
  actor: Actor;
  texts: Texts;
  now: Date;
  cipher: FieldCipher;
  /** The signals module's context for the same request: a worry passed on becomes a signal. */
  signals(): SignalContext;
}

type RequestRow = typeof helpRequests.$inferSelect;
type VolunteerRow = typeof volunteers.$inferSelect;
type MatchRow = typeof matches.$inferSelect;

const DAY = 86_400_000;
export const todayOf = (now: Date) => now.toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const laterOf = (a: string, b: string) => (a > b ? a : b);
const isDate = (v: unknown): v is string =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) &&
  new Date(`${v}T12:00:00Z`).toISOString().slice(0, 10) === v;

// ---- explaining ----

export function windowText(texts: Texts, w: Window): string {
  return texts('window', { day: texts(`day.${w.day}` as VolunteeringKey), from: w.from, to: w.to });
}

export function kindText(texts: Texts, kind: string): string {
  return texts(`kind.${kind}` as VolunteeringKey);
}

/** One hard filter a volunteer failed, as the coordinator reads it. */
export function explainExclusion(texts: Texts, e: Exclusion): string {
  const d = e.detail;
  switch (e.filter) {
    case 'kind':
      return texts('exclusion.kind', { kind: kindText(texts, String(d.kind)) });
    case 'vog':
      return d.expiredOn ? texts('exclusion.vogExpired', d) : texts('exclusion.vog');
    case 'training':
      return d.expiredOn ? texts('exclusion.trainingExpired', d) : texts('exclusion.training', d);
    case 'gender':
      return texts('exclusion.gender', { wanted: texts(`gender.${d.wanted}` as VolunteeringKey) });
    default:
      return texts(`exclusion.${e.filter}` as VolunteeringKey, d);
  }
}

/** One component of a proposal's score, as the coordinator reads it. */
export function explainComponent(texts: Texts, c: ComponentScore): string {
  const d = c.detail;
  switch (c.component) {
    case 'interests':
      return !d.asked
        ? texts('component.interestsNone')
        : d.shared
          ? texts('component.interests', d)
          : texts('component.interestsNoShared');
    case 'language':
      return d.language ? texts('component.language', d) : texts('component.languageNone');
    case 'waiting':
      return texts('component.waiting', { ...d, urgency: texts(`urgency.${d.urgency}` as VolunteeringKey) });
    case 'continuity':
      return c.value ? texts('component.continuity') : texts('component.noContinuity');
    default:
      return texts(`component.${c.component}` as VolunteeringKey, d);
  }
}

export interface ReasonView {
  component: string;
  value: number;
  weight: number;
  text: string;
}

export function reasonsView(texts: Texts, reasons: MatchReasons): ReasonView[] {
  return reasons.components.map((c) => ({
    component: c.component,
    value: c.value,
    weight: c.weight,
    text: explainComponent(texts, c as ComponentScore),
  }));
}

// ---- validation ----

class Problems {
  readonly list: FieldError[] = [];
  constructor(private texts: Texts) {}
  add(field: string, key: VolunteeringKey) {
    if (!this.list.some((f) => f.field === field)) this.list.push({ field, message: this.texts(key) });
  }
  throwIfAny() {
    if (this.list.length) throw new AppError('validation', this.list[0]!.message, this.list);
  }
}

const timeOk = (t: unknown): t is string => typeof t === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(t);

function checkWindows(p: Problems, field: string, input: unknown, required: boolean): Window[] {
  const list = Array.isArray(input) ? (input as Partial<Window>[]) : [];
  if (required && !list.length) p.add(field, 'field.windowsRequired');
  const out: Window[] = [];
  list.forEach((w, i) => {
    if (!Number.isInteger(w.day) || w.day! < 1 || w.day! > 7 || !timeOk(w.from) || !timeOk(w.to))
      return p.add(`${field}.${i}`, 'field.window');
    if (minutesOf(w.to) <= minutesOf(w.from)) return p.add(`${field}.${i}`, 'field.windowOrder');
    out.push({ day: w.day!, from: w.from, to: w.to });
  });
  return out;
}

async function placeOf(tx: TenantTx, p: Problems, field: string, input: unknown): Promise<Place | undefined> {
  if (typeof input !== 'string' || !input.trim()) {
    p.add(field, 'field.place');
    return undefined;
  }
  const place = matchPlace(await listPlaces(tx), input);
  if (!place) p.add(field, 'field.placeUnknown');
  return place;
}

const clean = (s: unknown) => (typeof s === 'string' ? s.trim() : '');
const cleanList = (xs: unknown) =>
  Array.isArray(xs) ? [...new Set(xs.map((x) => clean(x).toLowerCase()).filter(Boolean))] : [];

// ---- places ----

async function placeMap(tx: TenantTx): Promise<Map<string, Place>> {
  return new Map((await listPlaces(tx)).map((p) => [p.id, p]));
}

// ---- help requests ----

export interface HelpRequestInput {
  kind?: string;
  description?: string;
  display_name?: string;
  place?: string;
  address?: string | null;
  contact?: string | null;
  starts_on?: string;
  ends_on?: string | null;
  when?: Window[];
  frequency?: Frequency;
  duration_minutes?: number;
  languages?: string[];
  gender_preference?: Gender | null;
  gender_required?: boolean;
  no_pets?: boolean;
  interests?: string[];
  urgency?: Urgency;
  listed_publicly?: boolean;
  household_ref?: string | null;
  plan_action_ref?: string | null;
}

export async function createHelpRequest(
  tx: TenantTx,
  ctx: VolunteeringContext,
  input: HelpRequestInput,
): Promise<RequestRow> {
  const p = new Problems(ctx.texts);
  if (!input.kind || !(helpKinds as readonly string[]).includes(input.kind)) p.add('kind', 'field.kind');
  if (!clean(input.description)) p.add('description', 'field.description');
  if (!clean(input.display_name)) p.add('display_name', 'field.displayName');
  const place = await placeOf(tx, p, 'place', input.place);
  const startsOn = input.starts_on ?? todayOf(ctx.now);
  if (!isDate(startsOn)) p.add('starts_on', 'field.date');
  if (input.ends_on != null && !isDate(input.ends_on)) p.add('ends_on', 'field.date');
  else if (input.ends_on && isDate(startsOn) && input.ends_on < startsOn)
    p.add('ends_on', 'field.endsBeforeStart');
  const when = checkWindows(p, 'when', input.when, true);
  const duration = input.duration_minutes ?? 60;
  if (!Number.isInteger(duration) || duration < 15 || duration > 1440)
    p.add('duration_minutes', 'field.duration');
  p.throwIfAny();
  const onBehalf = !ctx.actor.roles.includes('resident');
  const [row] = await tx
    .insert(helpRequests)
    .values({
      tenantId: ctx.actor.tenantId,
      kind: input.kind as HelpKind,
      description: clean(input.description),
      displayName: clean(input.display_name),
      addressSealed: clean(input.address) ? ctx.cipher.encrypt(clean(input.address)) : null,
      contactSealed: clean(input.contact) ? ctx.cipher.encrypt(clean(input.contact)) : null,
      placeId: place!.id,
      areaId: place!.areaId,
      startsOn,
      endsOn: input.ends_on ?? null,
      when,
      frequency: input.frequency ?? 'once',
      durationMinutes: duration,
      languages: cleanList(input.languages),
      genderPreference: input.gender_preference ?? null,
      genderRequired: !!input.gender_preference && !!input.gender_required,
      noPets: !!input.no_pets,
      interests: cleanList(input.interests),
      urgency: input.urgency ?? 'normal',
      listedPublicly: input.listed_publicly ?? true,
      requesterUserId: onBehalf ? null : ctx.actor.userId,
      postedBy: ctx.actor.userId,
      // A consultant posting from a support plan keeps the references; volunteering never reads casework.
      householdRef: onBehalf ? (input.household_ref ?? null) : null,
      planActionRef: onBehalf ? (input.plan_action_ref ?? null) : null,
      createdAt: ctx.now,
    })
    .returning();
  await recordAccess(tx, ctx.actor, {
    action: 'create',
    recordType: 'help_request',
    recordId: row!.id,
    subjectUserId: row!.requesterUserId,
  });
  return row!;
}

export interface PublicRequestView {
  id: string;
  display_name: string;
  village: string;
  kind: HelpKind;
  kind_text: string;
  when: string[];
  starts_on: string;
  frequency: Frequency;
}

/** The public listing: first name or initials, village, kind and when. Nothing that identifies the requester. */
export async function publicRequests(tx: TenantTx, texts: Texts): Promise<PublicRequestView[]> {
  const places = await placeMap(tx);
  const rows = await tx
    .select()
    .from(helpRequests)
    .where(and(eq(helpRequests.status, 'open'), eq(helpRequests.listedPublicly, true)))
    .orderBy(helpRequests.startsOn, helpRequests.createdAt)
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    display_name: r.displayName,
    village: places.get(r.placeId)?.name ?? '',
    kind: r.kind,
    kind_text: kindText(texts, r.kind),
    when: r.when.map((w) => windowText(texts, w)),
    starts_on: r.startsOn,
    frequency: r.frequency,
  }));
}

export interface RequestView {
  id: string;
  kind: HelpKind;
  description: string;
  display_name: string;
  village: string;
  area_id: string | null;
  address: string | null;
  contact: string | null;
  starts_on: string;
  ends_on: string | null;
  when: Window[];
  frequency: Frequency;
  duration_minutes: number;
  languages: string[];
  gender_preference: Gender | null;
  gender_required: boolean;
  no_pets: boolean;
  interests: string[];
  urgency: Urgency;
  status: RequestRow['status'];
  listed_publicly: boolean;
  on_behalf: boolean;
  household_ref: string | null;
  plan_action_ref: string | null;
  created_at: string;
  matched_at: string | null;
}

function requestView(
  r: RequestRow,
  places: Map<string, Place>,
  cipher: FieldCipher,
  withAddress: boolean,
): RequestView {
  return {
    id: r.id,
    kind: r.kind,
    description: r.description,
    display_name: r.displayName,
    village: places.get(r.placeId)?.name ?? '',
    area_id: r.areaId,
    address: withAddress && r.addressSealed ? cipher.decrypt(r.addressSealed) : null,
    contact: withAddress && r.contactSealed ? cipher.decrypt(r.contactSealed) : null,
    starts_on: r.startsOn,
    ends_on: r.endsOn,
    when: r.when,
    frequency: r.frequency,
    duration_minutes: r.durationMinutes,
    languages: r.languages,
    gender_preference: r.genderPreference,
    gender_required: r.genderRequired,
    no_pets: r.noPets,
    interests: r.interests,
    urgency: r.urgency,
    status: r.status,
    listed_publicly: r.listedPublicly,
    on_behalf: r.requesterUserId === null,
    household_ref: r.householdRef,
    plan_action_ref: r.planActionRef,
    created_at: r.createdAt.toISOString(),
    matched_at: r.matchedAt?.toISOString() ?? null,
  };
}

async function requestRow(tx: TenantTx, ctx: VolunteeringContext, id: string): Promise<RequestRow> {
  const [row] = await tx.select().from(helpRequests).where(eq(helpRequests.id, id));
  if (!row) throw new AppError('not_found', ctx.texts('problem.requestNotFound'));
  return row;
}

/** The coordinator's view of one request, address included (audited). */
export async function readHelpRequest(
  tx: TenantTx,
  ctx: VolunteeringContext,
  id: string,
): Promise<RequestView> {
  const row = await requestRow(tx, ctx, id);
  await recordAccess(tx, ctx.actor, {
    action: 'read',
    recordType: 'help_request',
    recordId: id,
    subjectUserId: row.requesterUserId,
  });
  return requestView(row, await placeMap(tx), ctx.cipher, true);
}

/** Open requests for the coordinator (no addresses in a list). */
export async function listHelpRequests(
  tx: TenantTx,
  ctx: VolunteeringContext,
  status: RequestRow['status'] | undefined,
): Promise<RequestView[]> {
  const places = await placeMap(tx);
  const rows = await tx
    .select()
    .from(helpRequests)
    .where(status ? eq(helpRequests.status, status) : undefined)
    .orderBy(desc(helpRequests.urgency), helpRequests.createdAt)
    .limit(500);
  // The list has no addresses, but the requests' own words may say something personal.
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'help_request', recordId: 'list' });
  return rows.map((r) => requestView(r, places, ctx.cipher, false));
}

/** A resident's own requests, with their own address. */
export async function myHelpRequests(tx: TenantTx, ctx: VolunteeringContext): Promise<RequestView[]> {
  if (!ctx.actor.userId) return [];
  const places = await placeMap(tx);
  const rows = await tx
    .select()
    .from(helpRequests)
    .where(eq(helpRequests.postedBy, ctx.actor.userId))
    .orderBy(desc(helpRequests.createdAt));
  return rows.map((r) => requestView(r, places, ctx.cipher, true));
}

// ---- help offers ----

export interface HelpOfferInput {
  kind?: string;
  description?: string;
  place?: string;
  when?: Window[];
  organization_name?: string | null;
}

export interface OfferView {
  id: string;
  kind: HelpKind;
  description: string;
  village: string;
  when: Window[];
  by: string;
  status: 'open' | 'closed';
}

export async function createHelpOffer(
  tx: TenantTx,
  ctx: VolunteeringContext,
  input: HelpOfferInput,
): Promise<OfferView> {
  const p = new Problems(ctx.texts);
  if (!input.kind || !(helpKinds as readonly string[]).includes(input.kind)) p.add('kind', 'field.kind');
  if (!clean(input.description)) p.add('description', 'field.description');
  const place = await placeOf(tx, p, 'place', input.place);
  const when = checkWindows(p, 'when', input.when, false);
  const asVolunteer = ctx.actor.roles.includes('volunteer');
  const volunteer = asVolunteer ? await ownVolunteer(tx, ctx) : undefined;
  if (!asVolunteer && !clean(input.organization_name)) p.add('organization_name', 'field.organization');
  p.throwIfAny();
  const [row] = await tx
    .insert(helpOffers)
    .values({
      tenantId: ctx.actor.tenantId,
      volunteerId: volunteer?.id ?? null,
      organizationName: volunteer ? null : clean(input.organization_name),
      kind: input.kind as HelpKind,
      description: clean(input.description),
      placeId: place!.id,
      when,
      postedBy: ctx.actor.userId,
      createdAt: ctx.now,
    })
    .returning();
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'help_offer', recordId: row!.id });
  return {
    id: row!.id,
    kind: row!.kind,
    description: row!.description,
    village: place!.name,
    when,
    by: volunteer?.name ?? row!.organizationName!,
    status: 'open',
  };
}

export async function listHelpOffers(
  tx: TenantTx,
  ctx: VolunteeringContext,
  own = false,
): Promise<OfferView[]> {
  const places = await placeMap(tx);
  const volunteer = own ? await ownVolunteer(tx, ctx) : undefined;
  const rows = await tx
    .select({ offer: helpOffers, volunteerName: volunteers.name })
    .from(helpOffers)
    .leftJoin(
      volunteers,
      and(eq(volunteers.tenantId, helpOffers.tenantId), eq(volunteers.id, helpOffers.volunteerId)),
    )
    .where(volunteer ? eq(helpOffers.volunteerId, volunteer.id) : eq(helpOffers.status, 'open'))
    .orderBy(desc(helpOffers.createdAt))
    .limit(500);
  return rows.map(({ offer, volunteerName }) => ({
    id: offer.id,
    kind: offer.kind,
    description: offer.description,
    village: places.get(offer.placeId)?.name ?? '',
    when: offer.when,
    by: volunteerName ?? offer.organizationName ?? '',
    status: offer.status,
  }));
}

// ---- volunteers ----

export interface VolunteerInput {
  name?: string;
  email?: string | null;
  phone?: string | null;
  birth_date?: string;
  gender?: Gender | null;
  place?: string;
  categories?: string[];
  fields?: string[];
  kinds?: string[];
  skills?: string[];
  interests?: string[];
  languages?: string[];
  availability?: Window[];
  max_distance_km?: number;
  capacity_at_once?: number;
  capacity_per_month?: number;
  user_id?: string | null;
  /** Link the account with this e-mail address (it must have the volunteer role). */
  account_email?: string | null;
  vog_issued_on?: string | null;
  trainings?: { training: string; issued_on: string; valid_until?: string | null }[];
}

export interface CredentialView {
  id: string;
  kind: 'vog' | 'training';
  training: string | null;
  issued_on: string;
  valid_until: string | null;
  valid: boolean;
}

export interface VolunteerView {
  id: string;
  user_id: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  birth_date: string;
  gender: Gender | null;
  village: string;
  categories: VolunteerCategory[];
  fields: string[];
  kinds: HelpKind[];
  skills: string[];
  interests: string[];
  languages: string[];
  availability: Window[];
  max_distance_km: number;
  capacity_at_once: number;
  capacity_per_month: number;
  load: number;
  active: boolean;
  intake_on: string;
  credentials: CredentialView[];
  appreciations: { kind: string; given_on: string; note: string | null }[];
}

function checkCredentialDate(p: Problems, field: string, value: unknown, today: string): value is string {
  if (!isDate(value)) return (p.add(field, 'field.date'), false);
  if (value > today) return (p.add(field, 'field.issuedFuture'), false);
  return true;
}

export async function registerVolunteer(
  tx: TenantTx,
  ctx: VolunteeringContext,
  input: VolunteerInput,
): Promise<VolunteerView> {
  const p = new Problems(ctx.texts);
  const today = todayOf(ctx.now);
  if (!clean(input.name)) p.add('name', 'field.name');
  if (input.email && !isEmailAddress(input.email)) p.add('email', 'field.email');
  if (!isDate(input.birth_date) || input.birth_date >= today) p.add('birth_date', 'field.birthDate');
  const place = await placeOf(tx, p, 'place', input.place);
  const categories = cleanList(input.categories);
  if (!categories.length || categories.some((c) => !(volunteerCategories as readonly string[]).includes(c)))
    p.add('categories', 'field.categories');
  const kinds = cleanList(input.kinds);
  if (!kinds.length || kinds.some((k) => !(helpKinds as readonly string[]).includes(k)))
    p.add('kinds', 'field.kinds');
  const availability = checkWindows(p, 'availability', input.availability, false);
  const max = input.max_distance_km ?? 5;
  if (typeof max !== 'number' || !(max >= 0 && max <= 200)) p.add('max_distance_km', 'field.maxDistance');
  const atOnce = input.capacity_at_once ?? 1;
  const perMonth = input.capacity_per_month ?? 2;
  if (
    !Number.isInteger(atOnce) ||
    atOnce < 0 ||
    atOnce > 20 ||
    !Number.isInteger(perMonth) ||
    perMonth < 0 ||
    perMonth > 50
  )
    p.add('capacity_at_once', 'field.capacity');
  if (input.vog_issued_on != null) checkCredentialDate(p, 'vog_issued_on', input.vog_issued_on, today);
  let userId = input.user_id ?? null;
  if (!userId && clean(input.account_email)) {
    const email = clean(input.account_email).toLowerCase();
    const account = (await listUsers(tx, ctx.actor)).find((u) => u.email.toLowerCase() === email);
    if (account?.roles.includes('volunteer')) userId = account.id;
    else p.add('account_email', 'field.account');
  }
  // One account, one volunteer: "my volunteering" must know whose matches to show.
  if (
    userId &&
    (await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.userId, userId))).length
  )
    p.add(input.user_id ? 'user_id' : 'account_email', 'field.accountTaken');
  (input.trainings ?? []).forEach((t, i) => {
    if (!(trainings as readonly string[]).includes(t.training))
      p.add(`trainings.${i}.training`, 'field.training');
    checkCredentialDate(p, `trainings.${i}.issued_on`, t.issued_on, today);
    if (t.valid_until != null && !isDate(t.valid_until)) p.add(`trainings.${i}.valid_until`, 'field.date');
  });
  p.throwIfAny();
  const [row] = await tx
    .insert(volunteers)
    .values({
      tenantId: ctx.actor.tenantId,
      userId,
      name: clean(input.name),
      email: clean(input.email) || null,
      phone: clean(input.phone) || null,
      birthDate: input.birth_date!,
      gender: input.gender ?? null,
      placeId: place!.id,
      categories: categories as VolunteerCategory[],
      fields: cleanList(input.fields),
      kinds: kinds as HelpKind[],
      skills: cleanList(input.skills),
      interests: cleanList(input.interests),
      languages: cleanList(input.languages).length ? cleanList(input.languages) : ['nl'],
      availability,
      maxDistanceKm: max,
      capacityAtOnce: atOnce,
      capacityPerMonth: perMonth,
      intakeOn: today,
      intakeBy: ctx.actor.userId,
      createdAt: ctx.now,
    })
    .returning();
  const credentialRows = [
    ...(input.vog_issued_on
      ? [{ kind: 'vog' as const, training: null, issuedOn: input.vog_issued_on, validUntil: null }]
      : []),
    ...(input.trainings ?? []).map((t) => ({
      kind: 'training' as const,
      training: t.training,
      issuedOn: t.issued_on,
      validUntil: t.valid_until ?? null,
    })),
  ];
  if (credentialRows.length)
    await tx.insert(volunteerCredentials).values(
      credentialRows.map((c) => ({
        ...c,
        tenantId: ctx.actor.tenantId,
        volunteerId: row!.id,
        recordedBy: ctx.actor.userId,
      })),
    );
  await recordAccess(tx, ctx.actor, {
    action: 'create',
    recordType: 'volunteer',
    recordId: row!.id,
    subjectUserId: row!.userId,
  });
  return (await volunteerViews(tx, ctx, [row!]))[0]!;
}

export async function addCredential(
  tx: TenantTx,
  ctx: VolunteeringContext,
  volunteerId: string,
  input: {
    kind: 'vog' | 'training';
    training?: string | null;
    issued_on: string;
    valid_until?: string | null;
  },
): Promise<VolunteerView> {
  const vol = await volunteerRow(tx, ctx, volunteerId);
  const p = new Problems(ctx.texts);
  checkCredentialDate(p, 'issued_on', input.issued_on, todayOf(ctx.now));
  if (input.kind === 'training' && !(trainings as readonly string[]).includes(input.training ?? ''))
    p.add('training', 'field.training');
  if (input.valid_until != null && !isDate(input.valid_until)) p.add('valid_until', 'field.date');
  p.throwIfAny();
  await tx.insert(volunteerCredentials).values({
    tenantId: ctx.actor.tenantId,
    volunteerId,
    kind: input.kind,
    training: input.kind === 'training' ? input.training! : null,
    issuedOn: input.issued_on,
    validUntil: input.kind === 'training' ? (input.valid_until ?? null) : null,
    recordedBy: ctx.actor.userId,
  });
  await recordAccess(tx, ctx.actor, {
    action: 'update',
    recordType: 'volunteer',
    recordId: volunteerId,
    subjectUserId: vol.userId,
  });
  return (await volunteerViews(tx, ctx, [vol]))[0]!;
}

export async function addAppreciation(
  tx: TenantTx,
  ctx: VolunteeringContext,
  volunteerId: string,
  input: {
    kind: 'thank-you' | 'anniversary' | 'volunteer-of-the-year';
    given_on?: string;
    note?: string | null;
  },
): Promise<VolunteerView> {
  const vol = await volunteerRow(tx, ctx, volunteerId);
  const givenOn = input.given_on ?? todayOf(ctx.now);
  if (!isDate(givenOn))
    throw new AppError('validation', ctx.texts('field.date'), [
      { field: 'given_on', message: ctx.texts('field.date') },
    ]);
  await tx.insert(appreciations).values({
    tenantId: ctx.actor.tenantId,
    volunteerId,
    kind: input.kind,
    givenOn,
    note: clean(input.note) || null,
    recordedBy: ctx.actor.userId,
  });
  await recordAccess(tx, ctx.actor, {
    action: 'update',
    recordType: 'volunteer',
    recordId: volunteerId,
    subjectUserId: vol.userId,
  });
  return (await volunteerViews(tx, ctx, [vol]))[0]!;
}

async function volunteerRow(tx: TenantTx, ctx: VolunteeringContext, id: string): Promise<VolunteerRow> {
  const [row] = await tx.select().from(volunteers).where(eq(volunteers.id, id));
  if (!row) throw new AppError('not_found', ctx.texts('problem.volunteerNotFound'));
  return row;
}

async function ownVolunteer(tx: TenantTx, ctx: VolunteeringContext): Promise<VolunteerRow> {
  const [row] = ctx.actor.userId
    ? await tx.select().from(volunteers).where(eq(volunteers.userId, ctx.actor.userId)).limit(1)
    : [];
  if (!row) throw new AppError('not_found', ctx.texts('problem.notAVolunteer'));
  return row;
}

/** Busy matches now, and matches proposed in the last 30 days, per volunteer. */
async function loads(
  tx: TenantTx,
  now: Date,
  ids: string[],
): Promise<Map<string, { busy: number; month: number }>> {
  const out = new Map<string, { busy: number; month: number }>();
  if (!ids.length) return out;
  const since = new Date(now.getTime() - 30 * DAY);
  const rows = await tx
    .select({
      volunteerId: matches.volunteerId,
      busy: sql<number>`count(*) filter (where ${inArray(matches.status, [...busyStatuses])})`.mapWith(
        Number,
      ),
      month:
        sql<number>`count(*) filter (where ${matches.proposedAt} >= ${since.toISOString()} and ${matches.status} <> 'declined')`.mapWith(
          Number,
        ),
    })
    .from(matches)
    .where(inArray(matches.volunteerId, ids))
    .groupBy(matches.volunteerId);
  for (const r of rows) out.set(r.volunteerId, { busy: r.busy, month: r.month });
  return out;
}

async function volunteerViews(
  tx: TenantTx,
  ctx: VolunteeringContext,
  rows: VolunteerRow[],
): Promise<VolunteerView[]> {
  const ids = rows.map((r) => r.id);
  const places = await placeMap(tx);
  const creds = ids.length
    ? await tx.select().from(volunteerCredentials).where(inArray(volunteerCredentials.volunteerId, ids))
    : [];
  const thanks = ids.length
    ? await tx.select().from(appreciations).where(inArray(appreciations.volunteerId, ids))
    : [];
  const load = await loads(tx, ctx.now, ids);
  const today = todayOf(ctx.now);
  return rows.map((r) => ({
    id: r.id,
    user_id: r.userId,
    name: r.name,
    email: r.email,
    phone: r.phone,
    birth_date: r.birthDate,
    gender: r.gender,
    village: places.get(r.placeId)?.name ?? '',
    categories: r.categories,
    fields: r.fields,
    kinds: r.kinds,
    skills: r.skills,
    interests: r.interests,
    languages: r.languages,
    availability: r.availability,
    max_distance_km: r.maxDistanceKm,
    capacity_at_once: r.capacityAtOnce,
    capacity_per_month: r.capacityPerMonth,
    load: load.get(r.id)?.busy ?? 0,
    active: r.active,
    intake_on: r.intakeOn,
    credentials: creds
      .filter((c) => c.volunteerId === r.id)
      .sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))
      .map((c) => {
        const until = c.kind === 'vog' ? vogUntil(c.issuedOn) : c.validUntil;
        return {
          id: c.id,
          kind: c.kind,
          training: c.training,
          issued_on: c.issuedOn,
          valid_until: until,
          valid: until === null || until > today,
        };
      }),
    appreciations: thanks
      .filter((a) => a.volunteerId === r.id)
      .map((a) => ({ kind: a.kind, given_on: a.givenOn, note: a.note })),
  }));
}

const vogUntil = (issuedOn: string) => `${Number(issuedOn.slice(0, 4)) + 3}${issuedOn.slice(4)}`;

export async function listVolunteers(tx: TenantTx, ctx: VolunteeringContext): Promise<VolunteerView[]> {
  const rows = await tx.select().from(volunteers).orderBy(volunteers.name).limit(1000);
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'volunteer', recordId: 'list' });
  return volunteerViews(tx, ctx, rows);
}

export async function readVolunteer(
  tx: TenantTx,
  ctx: VolunteeringContext,
  id: string,
): Promise<VolunteerView> {
  const row = await volunteerRow(tx, ctx, id);
  await recordAccess(tx, ctx.actor, {
    action: 'read',
    recordType: 'volunteer',
    recordId: id,
    subjectUserId: row.userId,
  });
  return (await volunteerViews(tx, ctx, [row]))[0]!;
}

// ---- matching ----

/** What the matcher needs to know of volunteers: place, credentials, load. */
async function matchVolunteers(
  tx: TenantTx,
  ctx: VolunteeringContext,
  rows: VolunteerRow[],
): Promise<MatchVolunteer[]> {
  const places = await placeMap(tx);
  const ids = rows.map((r) => r.id);
  const creds = ids.length
    ? await tx.select().from(volunteerCredentials).where(inArray(volunteerCredentials.volunteerId, ids))
    : [];
  const load = await loads(tx, ctx.now, ids);
  return rows.flatMap((r) => {
    const place = places.get(r.placeId);
    if (!place) return [];
    const mine = creds.filter((c) => c.volunteerId === r.id);
    const vog =
      mine
        .filter((c) => c.kind === 'vog')
        .map((c) => c.issuedOn)
        .sort()
        .pop() ?? null;
    const l = load.get(r.id) ?? { busy: 0, month: 0 };
    return [
      {
        id: r.id,
        kinds: r.kinds,
        location: place,
        maxDistanceKm: r.maxDistanceKm,
        availability: r.availability,
        languages: r.languages,
        gender: r.gender,
        birthDate: r.birthDate,
        vogIssuedOn: vog,
        trainings: mine
          .filter((c) => c.kind === 'training')
          .map((c) => ({ training: c.training as Training, validUntil: c.validUntil })),
        capacityAtOnce: r.capacityAtOnce,
        load: l.busy,
        capacityLeft: Math.max(0, Math.min(r.capacityAtOnce - l.busy, r.capacityPerMonth - l.month)),
        interests: r.interests,
      },
    ];
  });
}

/** Requester key: the resident's account, else the household reference, else the request itself. */
const requesterOf = (r: RequestRow) => r.requesterUserId ?? r.householdRef ?? r.id;

async function matchRequests(
  tx: TenantTx,
  ctx: VolunteeringContext,
  rows: RequestRow[],
): Promise<MatchRequest[]> {
  const places = await placeMap(tx);
  const keys = [...new Set(rows.map(requesterOf))];
  // Earlier helpers and declined pairs of the same requester (any of their requests).
  const history = keys.length
    ? await tx
        .select({ status: matches.status, volunteerId: matches.volunteerId, request: helpRequests })
        .from(matches)
        .innerJoin(
          helpRequests,
          and(eq(helpRequests.tenantId, matches.tenantId), eq(helpRequests.id, matches.requestId)),
        )
        .where(
          sql`coalesce(${helpRequests.requesterUserId}, ${helpRequests.householdRef}, ${helpRequests.id}) in (${sql.join(
            keys.map((k) => sql`${k}::uuid`),
            sql`, `,
          )})`,
        )
    : [];
  return rows.flatMap((r) => {
    const place = places.get(r.placeId);
    if (!place) return [];
    const mine = history.filter((h) => requesterOf(h.request) === requesterOf(r));
    return [
      {
        id: r.id,
        kind: r.kind,
        location: place,
        when: r.when,
        durationMinutes: r.durationMinutes,
        languages: r.languages,
        genderPreference: r.genderPreference,
        genderRequired: r.genderRequired,
        interests: r.interests,
        urgency: r.urgency,
        waitingDays: Math.max(0, Math.floor((ctx.now.getTime() - r.createdAt.getTime()) / DAY)),
        earlierVolunteerIds: mine
          .filter((h) => ['confirmed', 'active', 'completed'].includes(h.status))
          .map((h) => h.volunteerId),
        declinedVolunteerIds: mine.filter((h) => h.status === 'declined').map((h) => h.volunteerId),
      },
    ];
  });
}

export interface CandidateView {
  volunteer_id: string;
  name: string;
  village: string;
  eligible: boolean;
  score: number | null;
  reasons: ReasonView[];
  exclusions: { filter: string; text: string }[];
}

/**
 * Every active volunteer for one request: those who pass the hard filters ranked by score (buddies: on shared
 * interests first, as a shortlist for an introduction), and the others with the filters they fail.
 */
export async function candidates(
  tx: TenantTx,
  ctx: VolunteeringContext,
  requestId: string,
  weights: Weights = defaultWeights,
): Promise<CandidateView[]> {
  const row = await requestRow(tx, ctx, requestId);
  const [req] = await matchRequests(tx, ctx, [row]);
  const rows = await tx.select().from(volunteers).where(eq(volunteers.active, true));
  const vols = await matchVolunteers(tx, ctx, rows);
  const places = await placeMap(tx);
  const today = todayOf(ctx.now);
  const alreadyProposed = new Set(
    (
      await tx
        .select({ v: matches.volunteerId })
        .from(matches)
        .where(and(eq(matches.requestId, requestId), inArray(matches.status, [...busyStatuses])))
    ).map((m) => m.v),
  );
  const out = vols
    .filter((v) => !alreadyProposed.has(v.id))
    .map((v) => {
      const r = rows.find((x) => x.id === v.id)!;
      const ex = req ? exclusions(req, v, today) : [];
      const ps = req && !ex.length ? scorePair(req, v, weights) : undefined;
      return {
        volunteer_id: v.id,
        name: r.name,
        village: places.get(r.placeId)?.name ?? '',
        eligible: !!ps,
        score: ps?.score ?? null,
        reasons: ps ? reasonsView(ctx.texts, ps) : [],
        exclusions: ex.map((e) => ({ filter: e.filter, text: explainExclusion(ctx.texts, e) })),
        interests: ps?.components.find((c) => c.component === 'interests')?.value ?? 0,
      };
    });
  const buddy = row.kind === 'buddy';
  out.sort((a, b) =>
    a.eligible !== b.eligible
      ? Number(b.eligible) - Number(a.eligible)
      : buddy && a.interests !== b.interests
        ? b.interests - a.interests
        : (b.score ?? 0) - (a.score ?? 0) || a.name.localeCompare(b.name),
  );
  await recordAccess(tx, ctx.actor, {
    action: 'read',
    recordType: 'help_request',
    recordId: requestId,
    subjectUserId: row.requesterUserId,
  });
  return out.map(({ interests: _, ...c }) => c);
}

export interface MatchView {
  id: string;
  request_id: string;
  volunteer_id: string;
  volunteer_name: string;
  kind: HelpKind;
  display_name: string;
  village: string;
  status: MatchStatus;
  score: number;
  reasons: ReasonView[];
  run_id: string | null;
  proposed_at: string;
  meeting_place: string | null;
  introduced_at: string | null;
  confirmed_at: string | null;
  trial_until: string | null;
  ends_on: string | null;
  evaluation_due_on: string | null;
  end_reason: string | null;
  declined_by: string | null;
}

async function matchViews(tx: TenantTx, ctx: VolunteeringContext, rows: MatchRow[]): Promise<MatchView[]> {
  if (!rows.length) return [];
  const places = await placeMap(tx);
  const reqs = await tx
    .select()
    .from(helpRequests)
    .where(inArray(helpRequests.id, [...new Set(rows.map((r) => r.requestId))]));
  const vols = await tx
    .select({ id: volunteers.id, name: volunteers.name })
    .from(volunteers)
    .where(inArray(volunteers.id, [...new Set(rows.map((r) => r.volunteerId))]));
  return rows.map((m) => {
    const r = reqs.find((x) => x.id === m.requestId)!;
    return {
      id: m.id,
      request_id: m.requestId,
      volunteer_id: m.volunteerId,
      volunteer_name: vols.find((v) => v.id === m.volunteerId)?.name ?? '',
      kind: r.kind,
      display_name: r.displayName,
      village: places.get(r.placeId)?.name ?? '',
      status: m.status,
      score: m.reasons.score,
      reasons: reasonsView(ctx.texts, m.reasons),
      run_id: m.runId,
      proposed_at: m.proposedAt.toISOString(),
      meeting_place: m.meetingPlace,
      introduced_at: m.introducedAt?.toISOString() ?? null,
      confirmed_at: m.confirmedAt?.toISOString() ?? null,
      trial_until: m.trialUntil,
      ends_on: m.endsOn,
      evaluation_due_on: m.evaluationDueOn,
      end_reason: m.endReason,
      declined_by: m.declinedBy,
    };
  });
}

async function matchRow(tx: TenantTx, ctx: VolunteeringContext, id: string): Promise<MatchRow> {
  const [row] = await tx.select().from(matches).where(eq(matches.id, id));
  if (!row) throw new AppError('not_found', ctx.texts('problem.matchNotFound'));
  return row;
}

export async function readMatch(tx: TenantTx, ctx: VolunteeringContext, id: string): Promise<MatchView> {
  const row = await matchRow(tx, ctx, id);
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'match', recordId: id });
  return (await matchViews(tx, ctx, [row]))[0]!;
}

export async function listMatches(
  tx: TenantTx,
  ctx: VolunteeringContext,
  filter: { status?: MatchStatus; runId?: string } = {},
): Promise<MatchView[]> {
  const rows = await tx
    .select()
    .from(matches)
    .where(
      and(
        filter.status ? eq(matches.status, filter.status) : undefined,
        filter.runId ? eq(matches.runId, filter.runId) : undefined,
      ),
    )
    .orderBy(desc(matches.proposedAt))
    .limit(500);
  return matchViews(tx, ctx, rows);
}

const toReasons = (ps: PairScore): MatchReasons => ({ score: ps.score, components: ps.components });

/**
 * A coordinator proposes one volunteer for one request. Every hard filter is checked again: a volunteer at
 * capacity, or one who fails another filter, is refused with the reasons, and nothing is saved.
 */
export async function proposeMatch(
  tx: TenantTx,
  ctx: VolunteeringContext,
  input: { request_id: string; volunteer_id: string },
): Promise<MatchView> {
  const row = await requestRow(tx, ctx, input.request_id);
  if (row.status !== 'open') throw new AppError('conflict', ctx.texts('problem.requestNotOpen'));
  const volRow = await volunteerRow(tx, ctx, input.volunteer_id);
  const busy = await tx
    .select({ id: matches.id })
    .from(matches)
    .where(
      and(
        eq(matches.requestId, row.id),
        eq(matches.volunteerId, volRow.id),
        inArray(matches.status, [...busyStatuses]),
      ),
    );
  if (busy.length) throw new AppError('conflict', ctx.texts('problem.alreadyProposed'));
  const [req] = await matchRequests(tx, ctx, [row]);
  const [vol] = await matchVolunteers(tx, ctx, [volRow]);
  const ex = exclusions(req!, vol!, todayOf(ctx.now));
  if (ex.some((e) => e.filter === 'capacity'))
    throw new AppError(
      'conflict',
      ctx.texts('problem.atCapacity', { name: volRow.name, load: vol!.load, capacity: vol!.capacityAtOnce }),
    );
  if (ex.length)
    throw new AppError(
      'conflict',
      ctx.texts('problem.excluded', { reasons: ex.map((e) => explainExclusion(ctx.texts, e)).join('; ') }),
    );
  const [m] = await tx
    .insert(matches)
    .values({
      tenantId: ctx.actor.tenantId,
      requestId: row.id,
      volunteerId: volRow.id,
      reasons: toReasons(scorePair(req!, vol!, defaultWeights)),
      proposedAt: ctx.now,
      proposedBy: ctx.actor.userId,
    })
    .returning();
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'match', recordId: m!.id });
  return (await matchViews(tx, ctx, [m!]))[0]!;
}

export interface StatusInput {
  status: MatchStatus;
  meeting_place?: string | null;
  reason?: string | null;
  declined_by?: 'requester' | 'volunteer' | 'coordinator' | null;
}

/** Moves a match along proposed → introduced → confirmed → active → completed / ended early, or declined. */
export async function changeMatchStatus(
  tx: TenantTx,
  ctx: VolunteeringContext,
  id: string,
  input: StatusInput,
): Promise<MatchView> {
  const m = await matchRow(tx, ctx, id);
  if (!nextStatuses[m.status].includes(input.status))
    throw new AppError(
      'conflict',
      ctx.texts('problem.transition', {
        from: ctx.texts(`status.${m.status}` as VolunteeringKey),
        to: ctx.texts(`status.${input.status}` as VolunteeringKey),
      }),
    );
  const req = await requestRow(tx, ctx, m.requestId);
  const rule = kindRules[req.kind];
  const p = new Problems(ctx.texts);
  if (input.status === 'introduced' && !clean(input.meeting_place))
    p.add('meeting_place', 'field.meetingPlace');
  if (input.status === 'ended-early' && !clean(input.reason)) p.add('reason', 'field.reason');
  if (input.status === 'declined' && !input.declined_by) p.add('declined_by', 'field.declinedBy');
  p.throwIfAny();
  const today = todayOf(ctx.now);
  const change: Partial<MatchRow> = { status: input.status };
  if (input.status === 'introduced')
    Object.assign(change, { meetingPlace: clean(input.meeting_place), introducedAt: ctx.now });
  if (input.status === 'declined')
    Object.assign(change, {
      declinedBy: input.declined_by,
      endedAt: ctx.now,
      endReason: clean(input.reason) || null,
    });
  if (input.status === 'confirmed') {
    // Pairs get a trial period, an evaluation at its end and an end date; short tasks an evaluation afterwards.
    Object.assign(
      change,
      rule.pairing
        ? {
            confirmedAt: ctx.now,
            trialUntil: addDays(today, rule.pairing.trialWeeks * 7),
            evaluationDueOn: addDays(today, rule.pairing.trialWeeks * 7),
            endsOn: addDays(today, rule.pairing.lengthWeeks * 7),
          }
        : {
            confirmedAt: ctx.now,
            evaluationDueOn: addDays(laterOf(req.endsOn ?? req.startsOn, today), 14),
          },
    );
    await tx
      .update(helpRequests)
      .set({ status: 'matched', matchedAt: ctx.now })
      .where(eq(helpRequests.id, req.id));
  }
  if (input.status === 'active') change.startedAt = ctx.now;
  if (input.status === 'completed' || input.status === 'ended-early') {
    Object.assign(change, {
      endedAt: ctx.now,
      endReason: clean(input.reason) || null,
      evaluationDueOn: input.status === 'completed' ? m.evaluationDueOn : null,
    });
    // Ended early: the request needs another helper; completed: it is done.
    await tx
      .update(helpRequests)
      .set({ status: input.status === 'completed' ? 'closed' : 'open' })
      .where(eq(helpRequests.id, req.id));
  }
  const [updated] = await tx.update(matches).set(change).where(eq(matches.id, id)).returning();
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'match', recordId: id });
  return (await matchViews(tx, ctx, [updated!]))[0]!;
}

/** A pair that goes on after its end date: another period of the kind's length. */
export async function renewMatch(tx: TenantTx, ctx: VolunteeringContext, id: string): Promise<MatchView> {
  const m = await matchRow(tx, ctx, id);
  const req = await requestRow(tx, ctx, m.requestId);
  const pairing = kindRules[req.kind].pairing;
  if (!pairing || !m.endsOn || !['confirmed', 'active'].includes(m.status))
    throw new AppError('conflict', ctx.texts('problem.notPairing'));
  const endsOn = addDays(m.endsOn, pairing.lengthWeeks * 7);
  const [updated] = await tx
    .update(matches)
    .set({ endsOn, evaluationDueOn: m.endsOn })
    .where(eq(matches.id, id))
    .returning();
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'match', recordId: id });
  return (await matchViews(tx, ctx, [updated!]))[0]!;
}

export interface RunInput {
  weights?: Partial<Weights>;
  from?: string;
  to?: string;
}

export interface RunView {
  id: string;
  period_from: string;
  period_to: string;
  weights: Weights;
  requests: number;
  volunteers: number;
  total_score: number;
  proposals: MatchView[];
  unmatched: { request_id: string; display_name: string; kind: HelpKind; village: string; reason: string }[];
}

/**
 * The week's batch for short tasks: open requests that start within the period and have no proposal yet, and
 * active volunteers with room. One optimal assignment; every proposal keeps its reasons. Buddies and other pairs
 * are never matched here.
 */
export async function runMatching(tx: TenantTx, ctx: VolunteeringContext, input: RunInput): Promise<RunView> {
  const p = new Problems(ctx.texts);
  const weights: Weights = { ...defaultWeights };
  for (const c of components) {
    const w = input.weights?.[c];
    if (w === undefined) continue;
    if (typeof w !== 'number' || w < 0 || w > 10) p.add(`weights.${c}`, 'field.invalid');
    else weights[c] = w;
  }
  if (components.every((c) => weights[c] === 0)) p.add('weights', 'field.weights');
  const from = input.from ?? todayOf(ctx.now);
  const to = input.to ?? addDays(from, 6);
  if (!isDate(from)) p.add('from', 'field.date');
  if (!isDate(to)) p.add('to', 'field.date');
  else if (isDate(from) && to < from) p.add('to', 'field.endsBeforeStart');
  p.throwIfAny();
  const open = await tx
    .select()
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.status, 'open'),
        inArray(helpRequests.kind, [...shortTaskKinds]),
        sql`${helpRequests.startsOn} <= ${to}`,
        sql`(${helpRequests.endsOn} is null or ${helpRequests.endsOn} >= ${from})`,
        sql`not exists (select 1 from ${matches} m where m.tenant_id = ${helpRequests.tenantId} and m.request_id = ${helpRequests.id} and m.status in ('proposed','introduced','confirmed','active'))`,
      ),
    );
  const volRows = await tx.select().from(volunteers).where(eq(volunteers.active, true));
  const reqs = await matchRequests(tx, ctx, open);
  const vols = await matchVolunteers(tx, ctx, volRows);
  const result = assignBatch(reqs, vols, weights, todayOf(ctx.now));
  const [run] = await tx
    .insert(matchingRuns)
    .values({
      tenantId: ctx.actor.tenantId,
      weights,
      periodFrom: from,
      periodTo: to,
      requests: reqs.length,
      volunteers: vols.length,
      proposals: result.assignments.length,
      totalScore: result.totalScore,
      ranBy: ctx.actor.userId,
      ranAt: ctx.now,
    })
    .returning();
  const inserted = result.assignments.length
    ? await tx
        .insert(matches)
        .values(
          result.assignments.map((a) => ({
            tenantId: ctx.actor.tenantId,
            requestId: a.requestId,
            volunteerId: a.volunteerId,
            runId: run!.id,
            reasons: toReasons(a.score),
            proposedAt: ctx.now,
            proposedBy: ctx.actor.userId,
          })),
        )
        .returning()
    : [];
  for (const m of inserted)
    await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'match', recordId: m.id });
  const places = await placeMap(tx);
  return {
    id: run!.id,
    period_from: from,
    period_to: to,
    weights,
    requests: reqs.length,
    volunteers: vols.length,
    total_score: result.totalScore,
    proposals: await matchViews(tx, ctx, inserted),
    unmatched: result.unmatched.map((u) => {
      const r = open.find((x) => x.id === u.requestId)!;
      return {
        request_id: r.id,
        display_name: r.displayName,
        kind: r.kind,
        village: places.get(r.placeId)?.name ?? '',
        reason: ctx.texts(`unmatched.${u.reason}`),
      };
    }),
  };
}

/** The weights of the latest run, so the coordinator starts from what they chose last time. */
export async function lastWeights(tx: TenantTx): Promise<Weights> {
  const [run] = await tx
    .select({ weights: matchingRuns.weights })
    .from(matchingRuns)
    .orderBy(desc(matchingRuns.ranAt))
    .limit(1);
  return { ...defaultWeights, ...(run?.weights ?? {}) };
}

// ---- the volunteer's own view ----

export interface OwnMatchView {
  id: string;
  kind: HelpKind;
  kind_text: string;
  display_name: string;
  village: string;
  description: string;
  when: string[];
  status: MatchStatus;
  /** Only once the match is confirmed (and while it runs). */
  address: string | null;
  contact: string | null;
  meeting_place: string | null;
  ends_on: string | null;
  evaluation_due_on: string | null;
  contacts: { id: string; happened_on: string; what: string; worrying: boolean; flagged: boolean }[];
}

const addressOpen = (s: MatchStatus) => s === 'confirmed' || s === 'active';

/** A volunteer's own matches. The requester's address and contact only after confirmation; never case data. */
export async function myMatches(
  tx: TenantTx,
  ctx: VolunteeringContext,
): Promise<{ volunteer: VolunteerView; matches: OwnMatchView[] }> {
  const vol = await ownVolunteer(tx, ctx);
  const rows = await tx
    .select({ m: matches, r: helpRequests })
    .from(matches)
    .innerJoin(
      helpRequests,
      and(eq(helpRequests.tenantId, matches.tenantId), eq(helpRequests.id, matches.requestId)),
    )
    .where(eq(matches.volunteerId, vol.id))
    .orderBy(desc(matches.proposedAt));
  const places = await placeMap(tx);
  const logs = rows.length
    ? await tx
        .select()
        .from(contactLog)
        .where(
          inArray(
            contactLog.matchId,
            rows.map((x) => x.m.id),
          ),
        )
        .orderBy(desc(contactLog.happenedOn))
    : [];
  const out: OwnMatchView[] = [];
  for (const { m, r } of rows) {
    const open = addressOpen(m.status);
    if (open && (r.addressSealed || r.contactSealed))
      await recordAccess(tx, ctx.actor, {
        action: 'read',
        recordType: 'help_request',
        recordId: r.id,
        subjectUserId: r.requesterUserId,
      });
    out.push({
      id: m.id,
      kind: r.kind,
      kind_text: kindText(ctx.texts, r.kind),
      display_name: r.displayName,
      village: places.get(r.placeId)?.name ?? '',
      description: r.description,
      when: r.when.map((w) => windowText(ctx.texts, w)),
      status: m.status,
      address: open && r.addressSealed ? ctx.cipher.decrypt(r.addressSealed) : null,
      contact: open && r.contactSealed ? ctx.cipher.decrypt(r.contactSealed) : null,
      meeting_place: m.meetingPlace,
      ends_on: m.endsOn,
      evaluation_due_on: m.evaluationDueOn,
      contacts: logs
        .filter((l) => l.matchId === m.id)
        .map((l) => ({
          id: l.id,
          happened_on: l.happenedOn,
          what: l.what,
          worrying: l.worrying,
          flagged: !!l.flaggedAt,
        })),
    });
  }
  return { volunteer: (await volunteerViews(tx, ctx, [vol]))[0]!, matches: out };
}

async function ownMatch(tx: TenantTx, ctx: VolunteeringContext, id: string): Promise<MatchRow> {
  const vol = await ownVolunteer(tx, ctx);
  const [m] = await tx
    .select()
    .from(matches)
    .where(and(eq(matches.id, id), eq(matches.volunteerId, vol.id)));
  // Someone else's match is reported as unknown: its existence is none of this volunteer's business.
  if (!m) throw new AppError('not_found', ctx.texts('problem.matchNotFound'));
  return m;
}

/** The volunteer says no to a proposal or after the introduction. */
export async function volunteerDeclines(
  tx: TenantTx,
  ctx: VolunteeringContext,
  id: string,
  reason?: string | null,
): Promise<void> {
  const m = await ownMatch(tx, ctx, id);
  await changeMatchStatus(tx, ctx, m.id, {
    status: 'declined',
    declined_by: 'volunteer',
    reason: reason ?? null,
  });
}

export async function logContact(
  tx: TenantTx,
  ctx: VolunteeringContext,
  matchId: string,
  input: { happened_on?: string; what?: string; worrying?: boolean },
): Promise<{ id: string }> {
  const m = await ownMatch(tx, ctx, matchId);
  if (!addressOpen(m.status)) throw new AppError('conflict', ctx.texts('problem.contactClosed'));
  const p = new Problems(ctx.texts);
  const on = input.happened_on ?? todayOf(ctx.now);
  if (!isDate(on) || on > todayOf(ctx.now)) p.add('happened_on', 'field.date');
  if (!clean(input.what)) p.add('what', 'field.what');
  p.throwIfAny();
  const [row] = await tx
    .insert(contactLog)
    .values({
      tenantId: ctx.actor.tenantId,
      matchId,
      happenedOn: on,
      what: clean(input.what),
      worrying: !!input.worrying,
      writtenBy: ctx.actor.userId,
      createdAt: ctx.now,
    })
    .returning();
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'contact_log', recordId: row!.id });
  return { id: row!.id };
}

/** The life domain a kind of help touches most, so a worry lands in a fitting signal category. */
const lifeDomainOfKind: Partial<Record<HelpKind, string>> = {
  buddy: 'social-network',
  company: 'social-network',
  'caregiver-respite': 'domestic-relations',
  administration: 'finances',
};

/**
 * One click: a worrying contact becomes a signal for the social team's triage, in this transaction. The signal
 * holds what the volunteer knows (first name, address, village and their own words), never casework contents;
 * the volunteer sees no more of it than its status.
 */
export async function flagWorry(
  tx: TenantTx,
  ctx: VolunteeringContext,
  contactId: string,
): Promise<{ signal_id: string; triage_before: string }> {
  const [row] = await tx.select().from(contactLog).where(eq(contactLog.id, contactId));
  if (!row) throw new AppError('not_found', ctx.texts('problem.contactNotFound'));
  const m = await ownMatch(tx, ctx, row.matchId);
  if (!row.worrying) throw new AppError('conflict', ctx.texts('problem.notWorrying'));
  if (row.flaggedAt) throw new AppError('conflict', ctx.texts('problem.alreadyFlagged'));
  const [r] = await tx.select().from(helpRequests).where(eq(helpRequests.id, m.requestId));
  const village = (await placeMap(tx)).get(r!.placeId)?.name;
  const signal = await reportSignalOnBehalf(tx, ctx.signals(), {
    role: 'volunteer',
    lifeDomain: lifeDomainOfKind[r!.kind],
    description: row.what,
    person: {
      name: r!.displayName,
      ...(r!.addressSealed ? { street: ctx.cipher.decrypt(r!.addressSealed) } : {}),
    },
    area: r!.areaId ?? village,
  });
  await tx
    .update(contactLog)
    .set({ flaggedAt: ctx.now, signalId: signal.id })
    .where(eq(contactLog.id, contactId));
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'contact_log', recordId: contactId });
  return { signal_id: signal.id, triage_before: signal.triage_before };
}

export interface WorryView {
  id: string;
  flagged_at: string;
  happened_on: string;
  what: string;
  volunteer_name: string;
  display_name: string;
  village: string;
  household_ref: string | null;
}

export async function worriesForSocialTeam(tx: TenantTx, ctx: VolunteeringContext): Promise<WorryView[]> {
  const places = await placeMap(tx);
  const rows = await tx
    .select({ l: contactLog, r: helpRequests, name: volunteers.name })
    .from(contactLog)
    .innerJoin(matches, and(eq(matches.tenantId, contactLog.tenantId), eq(matches.id, contactLog.matchId)))
    .innerJoin(
      helpRequests,
      and(eq(helpRequests.tenantId, matches.tenantId), eq(helpRequests.id, matches.requestId)),
    )
    .innerJoin(
      volunteers,
      and(eq(volunteers.tenantId, matches.tenantId), eq(volunteers.id, matches.volunteerId)),
    )
    .where(sql`${contactLog.flaggedAt} is not null`)
    .orderBy(desc(contactLog.flaggedAt))
    .limit(200);
  for (const { l } of rows)
    await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'contact_log', recordId: l.id });
  return rows.map(({ l, r, name }) => ({
    id: l.id,
    flagged_at: l.flaggedAt!.toISOString(),
    happened_on: l.happenedOn,
    what: l.what,
    volunteer_name: name,
    display_name: r.displayName,
    village: places.get(r.placeId)?.name ?? '',
    household_ref: r.householdRef,
  }));
}

// ---- evaluations ----

export interface EvaluationInput {
  side?: 'requester' | 'volunteer';
  rating?: number;
  go_on?: boolean;
  note?: string | null;
}

export async function recordEvaluation(
  tx: TenantTx,
  ctx: VolunteeringContext,
  matchId: string,
  input: EvaluationInput,
  asVolunteer: boolean,
): Promise<MatchView> {
  const m = asVolunteer ? await ownMatch(tx, ctx, matchId) : await matchRow(tx, ctx, matchId);
  if (!['confirmed', 'active', 'completed'].includes(m.status))
    throw new AppError('conflict', ctx.texts('problem.evaluationState'));
  const p = new Problems(ctx.texts);
  if (!Number.isInteger(input.rating) || input.rating! < 1 || input.rating! > 5)
    p.add('rating', 'field.rating');
  const side = asVolunteer ? 'volunteer' : input.side;
  if (side !== 'volunteer' && side !== 'requester') p.add('side', 'field.invalid');
  p.throwIfAny();
  const today = todayOf(ctx.now);
  await tx.insert(evaluations).values({
    tenantId: ctx.actor.tenantId,
    matchId,
    side: side!,
    evaluatedOn: today,
    rating: input.rating!,
    goOn: input.go_on ?? true,
    note: clean(input.note) || null,
    recordedBy: ctx.actor.userId,
  });
  // When both sides have spoken since the evaluation was due, the next one is at the end date (pairs) or none.
  if (m.evaluationDueOn) {
    const since = addDays(m.evaluationDueOn, -30);
    const sides = await tx
      .selectDistinct({ side: evaluations.side })
      .from(evaluations)
      .where(and(eq(evaluations.matchId, matchId), sql`${evaluations.evaluatedOn} >= ${since}`));
    if (sides.length === 2) {
      const next = m.endsOn && m.endsOn > m.evaluationDueOn ? m.endsOn : null;
      await tx.update(matches).set({ evaluationDueOn: next }).where(eq(matches.id, matchId));
    }
  }
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'match_evaluation', recordId: matchId });
  return (await matchViews(tx, ctx, [await matchRow(tx, ctx, matchId)]))[0]!;
}

/** Matches whose evaluation date has passed without both sides evaluated: computed, always exact. */
export async function overdueEvaluations(tx: TenantTx, ctx: VolunteeringContext): Promise<MatchView[]> {
  const rows = await tx
    .select()
    .from(matches)
    .where(
      and(
        inArray(matches.status, ['confirmed', 'active', 'completed']),
        sql`${matches.evaluationDueOn} < ${todayOf(ctx.now)}`,
      ),
    )
    .orderBy(matches.evaluationDueOn);
  return matchViews(tx, ctx, rows);
}
