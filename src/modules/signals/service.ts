// Use cases of signals. Each runs in the caller's one tenant transaction and writes its audit entries there.
// Who sees what: the triage team (signals:triage) sees a signal's details; a partner who reported sees its
// status only; a resident who reported holds a status code that says "received" or "picked up", nothing more.
// The signalling meeting sees clusters — counts, area, category and words many reporters used — never a report.
import crypto from 'node:crypto';
import { recordAccess, type Actor } from '../../platform/audit/index.js';
import { can, type Role } from '../../platform/auth/permissions.js';
import type { TenantTx } from '../../platform/db/index.js';
import { isSmall, median, percentile, shareOf, shownCount } from '../../platform/figures/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { formatDateTime } from '../../platform/i18n/dates.js';
import { isEmailAddress, queueMail } from '../../platform/mail/index.js';
import type { FieldCipher } from '../../platform/privacy/crypto.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import {
  areaByName,
  areaTree,
  findPlaceInTokens,
  listPlaces,
  matchPlace,
  normalizePlaceName,
  placePostcode,
  postcodeDigits,
  type AreaNode,
} from '../areas/index.js';
import {
  caseworkTexts,
  createSupportRequest,
  lifeDomainCodes,
  readHousehold,
  registerHousehold,
  type CaseworkContext,
} from '../casework/index.js';
import { compileService } from '../directory/index.js';
import { signalTexts, type SignalMessage, type Texts } from './messages.js';
import {
  activeUsersWithRoles,
  categoryByCode,
  clusterById,
  clusterRows,
  clusterRowsById,
  deleteSignal,
  duplicatesOf,
  earlierAboutSubject,
  expiredWithoutFollowUp,
  figureRows,
  insertCategory,
  insertCluster,
  insertSignal,
  listCategoryRows,
  listSignalRows,
  markEscalated,
  sameCategoryAndArea,
  setCluster,
  settingsRow,
  signalById,
  signalByStatusCode,
  signalsOfClusters,
  updateCategoryRow,
  updateCluster,
  updateSignal,
  upsertSettings,
  userRefs,
  userWithRoles,
  type CategoryRow,
  type ClusterRow,
  type FigureRow,
  type SignalRow,
  type UserRef,
} from './queries.js';
import {
  MAX_DESCRIPTION,
  type CategoryBody,
  type CategoryPatch,
  type ClusterDecision,
  type DecisionBody,
  type SignalBody,
  type TriageBody,
} from './schemas.js';
import type { Source, TriageDecision } from './tables.js';
import { commonWords, similar, stems } from './wording.js';

export interface SignalContext {
  actor: Actor;
  tenant: Tenant;
  locale: Locale;
  texts: Texts;
  now: Date;
  cipher: FieldCipher;
  /** Keyed hash of a normalised address: finds reports about one household without storing the address open. */
  subjectKey(address: string): string;
  /** For casework use cases during triage. */
  casework: Pick<CaseworkContext, 'sealer' | 'publicUrl'>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const mailTexts = signalTexts('nl');

// ---- settings ----

/** The response deadline is the tenant's, shared with support requests and referrals (48 hours by default). */
export function triageHours(tenant: Tenant): number {
  const hours = Number(tenant.settings.responseDeadlineHours);
  return Number.isFinite(hours) && hours > 0 ? hours : 48;
}

export interface SignalSettings {
  /** The tenant's own acute-danger text per language; null: the standard one. */
  safety_notice_nl: string | null;
  safety_notice_en: string | null;
  /** Days after triage that a signal without follow-up is kept; then it is deleted (a record stays). */
  retention_days: number;
  /** Reports of one category and area this many days apart can form one collective signal. */
  cluster_window_days: number;
  /** From how many households or area reports a collective signal goes on the meeting's agenda. */
  cluster_minimum: number;
}

export const defaultSignalSettings: SignalSettings = {
  safety_notice_nl: null,
  safety_notice_en: null,
  retention_days: 180,
  cluster_window_days: 90,
  cluster_minimum: 3,
};

export async function readSignalSettings(tx: TenantTx): Promise<SignalSettings> {
  const row = await settingsRow(tx);
  if (!row) return defaultSignalSettings;
  return {
    safety_notice_nl: row.safetyNoticeNl,
    safety_notice_en: row.safetyNoticeEn,
    retention_days: row.retentionDays,
    cluster_window_days: row.clusterWindowDays,
    cluster_minimum: row.clusterMinimum,
  };
}

export async function updateSignalSettings(
  tx: TenantTx,
  ctx: SignalContext,
  patch: Partial<SignalSettings>,
): Promise<SignalSettings> {
  const current = await readSignalSettings(tx);
  const errors: FieldError[] = [];
  const range = (field: keyof SignalSettings, min: number, max: number) => {
    const v = patch[field];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max))
      errors.push(fieldError(field, ctx.texts('field.range', { min, max })));
  };
  range('retention_days', 7, 3650);
  range('cluster_window_days', 7, 365);
  range('cluster_minimum', 2, 50);
  if (errors.length) throw validation(errors);
  const text = (v: string | null | undefined, fallback: string | null) =>
    v === undefined ? fallback : (clean(v) ?? null);
  const next: SignalSettings = {
    safety_notice_nl: text(patch.safety_notice_nl, current.safety_notice_nl),
    safety_notice_en: text(patch.safety_notice_en, current.safety_notice_en),
    retention_days: patch.retention_days ?? current.retention_days,
    cluster_window_days: patch.cluster_window_days ?? current.cluster_window_days,
    cluster_minimum: patch.cluster_minimum ?? current.cluster_minimum,
  };
  await upsertSettings(tx, {
    tenantId: ctx.tenant.id,
    safetyNoticeNl: next.safety_notice_nl,
    safetyNoticeEn: next.safety_notice_en,
    retentionDays: next.retention_days,
    clusterWindowDays: next.cluster_window_days,
    clusterMinimum: next.cluster_minimum,
    updatedAt: ctx.now,
    updatedBy: ctx.actor.userId,
  });
  await recordAccess(tx, ctx.actor, {
    action: 'update',
    recordType: 'signal-settings',
    recordId: ctx.tenant.id,
  });
  return next;
}

/** The tenant's own text about acute danger, or the standard one (112, Veilig Thuis). */
export function safetyNotice(settings: SignalSettings, locale: Locale): string {
  const own =
    locale === 'en' ? (settings.safety_notice_en ?? settings.safety_notice_nl) : settings.safety_notice_nl;
  return own ?? signalTexts(locale)('safety.default');
}

// ---- helpers ----

const fieldError = (field: string, message: string): FieldError => ({ field, message });
const validation = (errors: FieldError[]) => new AppError('validation', undefined, errors);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const clean = (s: string | null | undefined) => {
  const t = s?.trim();
  return t ? t : undefined;
};

/** "1901ab" → "1901 AB"; undefined when it is no full Dutch postcode. */
function fullPostcode(input: string): string | undefined {
  const m = /^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})\s*$/.exec(input);
  return m ? `${m[1]} ${m[2]!.toUpperCase()}` : undefined;
}

/** End of the Dutch calendar day of this instant (urgent signals are triaged the same day). */
function endOfDutchDay(now: Date): Date {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((x) => [x.type, Number(x.value)]),
  ) as Record<string, number>;
  const passed = ((p.hour ?? 0) * 3600 + (p.minute ?? 0) * 60 + (p.second ?? 0)) * 1000;
  return new Date(now.getTime() - passed - (now.getTime() % 1000) + DAY_MS - 1000);
}

export function triageDeadline(tenant: Tenant, urgency: 'normal' | 'urgent', now: Date): Date {
  if (urgency === 'normal') return new Date(now.getTime() + triageHours(tenant) * HOUR_MS);
  // A report late in the evening still gets a few hours, not minutes.
  return new Date(Math.max(endOfDutchDay(now).getTime(), now.getTime() + 4 * HOUR_MS));
}

function categoryView(ctx: { locale: Locale }, c: CategoryRow) {
  return {
    code: c.code,
    label: ctx.locale === 'en' ? c.labelEn : c.labelNl,
    label_nl: c.labelNl,
    label_en: c.labelEn,
    life_domains: c.lifeDomains,
    active: c.active,
  };
}
export type CategoryView = ReturnType<typeof categoryView>;

/** Every area of the tenant by id, to name areas and take the part of the tree below one. */
async function areaIndex(tx: TenantTx): Promise<Map<string, AreaNode>> {
  const index = new Map<string, AreaNode>();
  const walk = (nodes: AreaNode[]) => {
    for (const n of nodes) {
      index.set(n.id, n);
      walk(n.children);
    }
  };
  walk(await areaTree(tx));
  return index;
}

/**
 * The area (core) a place name or postcode lies in: a full or four-digit postcode through the area tree, a
 * village through the gazetteer, otherwise an area of that name. Undefined when the tenant has none.
 */
export async function areaOfPlace(tx: TenantTx, input: string): Promise<string | undefined> {
  const text = input.trim();
  if (!text) return undefined;
  if (/^[0-9a-f-]{36}$/i.test(text)) {
    const index = await areaIndex(tx);
    return index.has(text.toLowerCase()) ? text.toLowerCase() : undefined;
  }
  if (postcodeDigits(text)) return (await placePostcode(tx, text))?.area.id;
  const places = await listPlaces(tx);
  const place =
    matchPlace(places, text) ?? findPlaceInTokens(places, normalizePlaceName(text).split(' '))?.place;
  if (place?.areaId) return place.areaId;
  // No village of that name: a core or municipality of the area tree by its name.
  for (const part of [text, ...text.split(',').map((p) => p.trim())].filter(Boolean)) {
    const area = (await areaByName(tx, part, 'core')) ?? (await areaByName(tx, part));
    if (area) return area.id;
  }
  return undefined;
}

// ---- categories ----

export async function listCategories(tx: TenantTx, ctx: { locale: Locale }, all = false) {
  return (await listCategoryRows(tx, !all)).map((c) => categoryView(ctx, c));
}

const codePattern = /^[a-z][a-z0-9-]{1,39}$/;

function checkLifeDomains(texts: Texts, codes: string[], errors: FieldError[]): string[] {
  const unknown = codes.filter((c) => !lifeDomainCodes.includes(c));
  if (unknown.length)
    errors.push(
      fieldError(
        'life_domains',
        texts('field.lifeDomain', { code: unknown.join(', '), options: lifeDomainCodes.join(', ') }),
      ),
    );
  return [...new Set(codes)];
}

export async function createCategory(tx: TenantTx, ctx: SignalContext, body: CategoryBody) {
  const errors: FieldError[] = [];
  const code = body.code.trim().toLowerCase();
  if (!codePattern.test(code)) errors.push(fieldError('code', ctx.texts('field.code')));
  const labelNl = clean(body.label_nl);
  const labelEn = clean(body.label_en) ?? labelNl;
  if (!labelNl) errors.push(fieldError('label_nl', ctx.texts('field.label')));
  const lifeDomains = checkLifeDomains(ctx.texts, body.life_domains ?? [], errors);
  if (errors.length) throw validation(errors);
  if (await categoryByCode(tx, code)) throw new AppError('conflict', ctx.texts('problem.categoryExists'));
  const count = (await listCategoryRows(tx, false)).length;
  const row = await insertCategory(tx, {
    tenantId: ctx.tenant.id,
    code,
    labelNl: labelNl!,
    labelEn: labelEn!,
    lifeDomains,
    active: body.active ?? true,
    position: count,
    createdAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'signal-category', recordId: row.id });
  return categoryView(ctx, row);
}

export async function updateCategory(tx: TenantTx, ctx: SignalContext, code: string, body: CategoryPatch) {
  const row = await categoryByCode(tx, code);
  if (!row) throw new AppError('not_found', ctx.texts('problem.categoryNotFound'));
  const errors: FieldError[] = [];
  const values: Partial<CategoryRow> = {};
  if (body.label_nl !== undefined) {
    const v = clean(body.label_nl);
    if (!v) errors.push(fieldError('label_nl', ctx.texts('field.label')));
    else values.labelNl = v;
  }
  if (body.label_en !== undefined) values.labelEn = clean(body.label_en) ?? row.labelNl;
  if (body.life_domains !== undefined)
    values.lifeDomains = checkLifeDomains(ctx.texts, body.life_domains, errors);
  if (body.active !== undefined) values.active = body.active;
  if (errors.length) throw validation(errors);
  const updated = await updateCategoryRow(tx, row.id, values);
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'signal-category', recordId: row.id });
  return categoryView(ctx, updated);
}

/** The standard list a tenant starts with (and can change): the worries the seeds name. */
export const standardCategories: { code: string; nl: string; en: string; lifeDomains: string[] }[] = [
  {
    code: 'not-right',
    nl: 'Niet pluis: er klopt iets niet',
    en: 'Something is not right',
    lifeDomains: ['basic-adl', 'housing'],
  },
  {
    code: 'neglect',
    nl: 'Verwaarlozing van huis of persoon',
    en: 'Neglect of home or person',
    lifeDomains: ['housing', 'basic-adl'],
  },
  { code: 'debts', nl: 'Geldzorgen en schulden', en: 'Money worries and debts', lifeDomains: ['finances'] },
  {
    code: 'loneliness',
    nl: 'Eenzaamheid',
    en: 'Loneliness',
    lifeDomains: ['social-network', 'community-participation'],
  },
  {
    code: 'dementia',
    nl: 'Mogelijk dementie of verward gedrag',
    en: 'Possible dementia or confusion',
    lifeDomains: ['mental-health', 'instrumental-adl'],
  },
  {
    code: 'caregiver-overload',
    nl: 'Overbelaste mantelzorger',
    en: 'Overloaded caregiver',
    lifeDomains: ['domestic-relations', 'mental-health'],
  },
  {
    code: 'youth-hanging-around',
    nl: 'Jongeren die rondhangen',
    en: 'Youth hanging around',
    lifeDomains: ['community-participation', 'justice'],
  },
  {
    code: 'energy-bills',
    nl: 'Vragen over de energierekening',
    en: 'Questions about energy bills',
    lifeDomains: ['finances', 'housing'],
  },
  { code: 'other', nl: 'Iets anders', en: 'Something else', lifeDomains: [] },
];

/** Adds the standard categories that the tenant does not have yet. */
export async function addStandardCategories(
  tx: TenantTx,
  tenantId: string,
  now = new Date(),
): Promise<number> {
  const existing = new Set((await listCategoryRows(tx, false)).map((c) => c.code));
  let added = 0;
  for (const [i, c] of standardCategories.entries()) {
    if (existing.has(c.code)) continue;
    await insertCategory(tx, {
      tenantId,
      code: c.code,
      labelNl: c.nl,
      labelEn: c.en,
      lifeDomains: c.lifeDomains,
      position: i,
      createdAt: now,
    });
    added++;
  }
  return added;
}

// ---- reporting ----

export type Reporter = { kind: 'public' } | { kind: 'partner'; userId: string; roles: readonly string[] };

/** A code a resident can read aloud on the phone: no 0/O or 1/I. */
function newStatusCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function hashStatusCode(code: string): string {
  const normal = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return crypto.createHash('sha256').update(`wijkkracht-signal-status:${normal}`).digest('base64url');
}

export interface ReportResult {
  id: string;
  triage_before: string;
  status_code: string | null;
  duplicate_of: string | null;
}

export async function reportSignal(
  tx: TenantTx,
  ctx: SignalContext,
  body: SignalBody,
  reporter: Reporter,
): Promise<ReportResult> {
  const errors: FieldError[] = [];
  const category = await categoryByCode(tx, body.category.trim().toLowerCase());
  if (!category || !category.active) errors.push(fieldError('category', ctx.texts('field.category')));
  const description = clean(body.description);
  if (!description) errors.push(fieldError('description', ctx.texts('field.description')));
  else if (description.length > MAX_DESCRIPTION)
    errors.push(fieldError('description', ctx.texts('field.descriptionTooLong')));

  let areaId: string | undefined;
  let subjectLookup: string | undefined;
  let person: Record<string, unknown> | undefined;
  if (body.about === 'person') {
    const p = body.person ?? {};
    const name = clean(p.name);
    const postcode = p.postcode ? fullPostcode(p.postcode) : undefined;
    if (clean(p.postcode) && !postcode)
      errors.push(fieldError('person.postcode', ctx.texts('field.postcode')));
    if (!name && !(postcode && p.house_number))
      errors.push(fieldError('person', ctx.texts('field.personNeeded')));
    if (postcode && p.house_number) {
      const addition = (clean(p.house_number_addition) ?? '').toUpperCase();
      subjectLookup = ctx.subjectKey(`${postcode}|${p.house_number}|${addition}`);
    }
    person = {
      name: name ?? null,
      street: clean(p.street) ?? null,
      postcode: postcode ?? null,
      house_number: p.house_number ?? null,
      house_number_addition: clean(p.house_number_addition) ?? null,
      age: clean(p.age) ?? null,
    };
    if (postcode) areaId = (await placePostcode(tx, postcode))?.area.id;
    if (!areaId && clean(body.area)) areaId = await areaOfPlace(tx, body.area!);
  } else {
    const place = clean(body.area);
    if (!place) errors.push(fieldError('area', ctx.texts('field.areaNeeded')));
    else {
      areaId = await areaOfPlace(tx, place);
      if (!areaId) errors.push(fieldError('area', ctx.texts('field.areaUnknown')));
    }
  }

  const anonymous = reporter.kind === 'public' && body.anonymous === true;
  let reporterSealed: string | null = null;
  if (reporter.kind === 'public' && !anonymous && body.reporter) {
    const r = body.reporter;
    const email = clean(r.email);
    if (email && !isEmailAddress(email)) errors.push(fieldError('reporter.email', ctx.texts('field.email')));
    const contact = { name: clean(r.name) ?? null, email: email ?? null, phone: clean(r.phone) ?? null };
    if (contact.name || contact.email || contact.phone)
      reporterSealed = ctx.cipher.encrypt(JSON.stringify(contact));
  }
  if (errors.length) throw validation(errors);

  const source: Source = reporter.kind === 'partner' ? 'partner' : anonymous ? 'anonymous' : 'resident';
  const urgency = body.urgency ?? 'normal';
  const settings = await readSignalSettings(tx);
  const windowStart = new Date(ctx.now.getTime() - settings.cluster_window_days * DAY_MS);
  const earlier = subjectLookup ? await earlierAboutSubject(tx, subjectLookup, windowStart) : undefined;
  const statusCode = reporter.kind === 'public' ? newStatusCode() : null;
  const row = await insertSignal(tx, {
    tenantId: ctx.tenant.id,
    categoryId: category!.id,
    about: body.about,
    urgency,
    source,
    reporterRole: reporter.kind === 'partner' ? (reporter.roles[0] ?? null) : null,
    reporterUserId: reporter.kind === 'partner' ? reporter.userId : null,
    reporterSealed,
    descriptionSealed: ctx.cipher.encrypt(description!),
    personSealed: person ? ctx.cipher.encrypt(JSON.stringify(person)) : null,
    subjectLookup: subjectLookup ?? null,
    placeText: body.about === 'area' ? clean(body.area)! : null,
    areaId: areaId ?? null,
    statusCodeHash: statusCode ? hashStatusCode(statusCode) : null,
    receivedAt: ctx.now,
    triageBefore: triageDeadline(ctx.tenant, urgency, ctx.now),
    duplicateOf: earlier ? (earlier.duplicateOf ?? earlier.id) : null,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'signal', recordId: row.id });
  if (row.areaId) await joinCollectiveSignal(tx, ctx, row, description!, windowStart);
  if (urgency === 'urgent') await tellTriageTeam(tx, ctx, row);
  return {
    id: row.id,
    triage_before: row.triageBefore.toISOString(),
    status_code: statusCode,
    duplicate_of: row.duplicateOf,
  };
}

/** A worry another module passes on for one of its users, e.g. a volunteer's from their contact log. */
export interface WorryOnBehalf {
  /** The role the reporter acts in (the figures per source count it), e.g. "volunteer". */
  role: string;
  /** A category code the reporter chose; without it, a category tied to the life domain. */
  category?: string;
  /** ZRM life domain code (casework) the worry touches. */
  lifeDomain?: string;
  description: string;
  /** Only what the reporter knows as a person: never casework contents. */
  person: { name?: string; street?: string; postcode?: string; house_number?: number };
  /** Place name or postcode, when the person's address does not give the area. */
  area?: string;
}

/**
 * The tenant's active category for a life domain; "something is not right" when none names the domain. A tenant
 * that never set up its categories gets the standard ones: a worry passed on is not lost for want of a list.
 */
async function categoryForDomain(tx: TenantTx, ctx: SignalContext, lifeDomain: string | undefined) {
  if (!(await listCategoryRows(tx, false)).length) await addStandardCategories(tx, ctx.tenant.id, ctx.now);
  const active = await listCategoryRows(tx, true);
  const fitting =
    (lifeDomain && active.find((c) => c.lifeDomains.includes(lifeDomain))) ||
    active.find((c) => c.code === 'not-right') ||
    active.find((c) => c.code === 'other') ||
    active[0];
  return fitting?.code ?? 'not-right';
}

/**
 * A partner signal about a person, reported by the logged-in actor through another module, inside that module's
 * transaction: it goes to triage like any partner report, and the reporter sees its status only.
 */
export async function reportSignalOnBehalf(
  tx: TenantTx,
  ctx: SignalContext,
  worry: WorryOnBehalf,
): Promise<Pick<ReportResult, 'id' | 'triage_before'>> {
  if (!ctx.actor.userId) throw new AppError('forbidden');
  const category = worry.category ?? (await categoryForDomain(tx, ctx, worry.lifeDomain));
  const result = await reportSignal(
    tx,
    ctx,
    { category, description: worry.description, about: 'person', person: worry.person, area: worry.area },
    { kind: 'partner', userId: ctx.actor.userId, roles: [worry.role] },
  );
  return { id: result.id, triage_before: result.triage_before };
}

/** Urgent signals are announced to the triage team at once (no contents in the e-mail). */
async function tellTriageTeam(tx: TenantTx, ctx: SignalContext, row: SignalRow) {
  for (const u of await activeUsersWithRoles(tx, ['team-lead'])) {
    await queueMail(tx, {
      tenantId: ctx.tenant.id,
      to: u.email,
      subject: mailTexts('mail.urgent.subject'),
      text: mailTexts('mail.urgent.text', {
        deadline: formatDateTime({ locale: 'nl' }, row.triageBefore, 'long'),
        url: `${ctx.casework.publicUrl}/signalen/${row.id}`,
      }),
    });
  }
}

/**
 * Puts a new signal in a collective signal: with the reports of the same category and area within the window
 * whose wording is similar. It joins their open (undecided) cluster, or starts one with them.
 */
async function joinCollectiveSignal(
  tx: TenantTx,
  ctx: SignalContext,
  row: SignalRow,
  description: string,
  since: Date,
) {
  const candidates = await sameCategoryAndArea(tx, row.categoryId, row.areaId!, since, row.id);
  if (!candidates.length) return;
  const mine = stems(description);
  const alike = candidates.filter((c) => similar(mine, stems(ctx.cipher.decrypt(c.descriptionSealed))));
  if (!alike.length) return;
  const clusters = await clusterRowsById(tx, [
    ...new Set(alike.map((c) => c.clusterId).filter((id): id is string => Boolean(id))),
  ]);
  const open = clusters
    .filter((c) => !c.decision)
    .sort((a, b) => b.lastSignalAt.getTime() - a.lastSignalAt.getTime())[0];
  const loose = alike.filter((c) => !c.clusterId).map((c) => c.id);
  // Only reports in decided clusters are alike: the meeting dealt with those; a next alike report starts anew.
  if (!open && !loose.length) return;
  const cluster =
    open ??
    (await insertCluster(tx, {
      tenantId: ctx.tenant.id,
      categoryId: row.categoryId,
      areaId: row.areaId!,
      createdAt: ctx.now,
      lastSignalAt: ctx.now,
    }));
  await setCluster(tx, [row.id, ...loose], cluster.id);
  await updateCluster(tx, cluster.id, { lastSignalAt: ctx.now });
}

// ---- reading ----

export type SignalStatus = 'received' | 'in-progress' | 'picked-up';

function statusOf(row: SignalRow): SignalStatus {
  if (row.triagedAt) return 'picked-up';
  return row.assignedTo ? 'in-progress' : 'received';
}

function parse<T>(cipher: FieldCipher, sealed: string | null): T | null {
  return sealed ? (JSON.parse(cipher.decrypt(sealed)) as T) : null;
}

async function fullView(tx: TenantTx, ctx: SignalContext, row: SignalRow) {
  const category = (await listCategoryRows(tx, false)).find((c) => c.id === row.categoryId)!;
  const people = await userRefs(tx, [row.assignedTo, row.triagedBy, row.reporterUserId]);
  const areas = await areaIndex(tx);
  const area = row.areaId ? areas.get(row.areaId) : undefined;
  const duplicates = await duplicatesOf(tx, row.id);
  const ref = (id: string | null) => {
    const u = id ? people.get(id) : undefined;
    return u ? { id: u.id, name: u.name } : null;
  };
  const contact = parse<{ name: string | null; email: string | null; phone: string | null }>(
    ctx.cipher,
    row.reporterSealed,
  );
  return {
    id: row.id,
    view: 'full' as const,
    status: statusOf(row),
    category: categoryView(ctx, category),
    about: row.about,
    urgency: row.urgency,
    source: row.source,
    reporter:
      row.source === 'partner'
        ? { name: ref(row.reporterUserId)?.name ?? null, role: row.reporterRole, email: null, phone: null }
        : contact
          ? { name: contact.name, role: null, email: contact.email, phone: contact.phone }
          : null,
    description: ctx.cipher.decrypt(row.descriptionSealed),
    person: parse<Record<string, string | number | null>>(ctx.cipher, row.personSealed),
    place: row.placeText,
    area: area ? { id: area.id, name: area.name } : null,
    received_at: row.receivedAt.toISOString(),
    triage_before: row.triageBefore.toISOString(),
    overdue: !row.triagedAt && row.triageBefore.getTime() <= ctx.now.getTime(),
    escalated_at: iso(row.escalatedAt),
    assigned_to: ref(row.assignedTo),
    household_id: row.householdId,
    support_request_id: row.supportRequestId,
    decision: row.decision,
    decision_reason: row.decisionReasonSealed ? ctx.cipher.decrypt(row.decisionReasonSealed) : null,
    triaged_at: iso(row.triagedAt),
    triaged_by: ref(row.triagedBy),
    duplicate_of: row.duplicateOf,
    duplicates: duplicates.map((d) => d.id),
    cluster_id: row.clusterId,
  };
}
export type SignalView = Awaited<ReturnType<typeof fullView>>;

function statusView(ctx: SignalContext, row: SignalRow, category: CategoryRow) {
  return {
    id: row.id,
    view: 'status' as const,
    status: statusOf(row),
    category: categoryView(ctx, category),
    received_at: row.receivedAt.toISOString(),
    triaged_at: iso(row.triagedAt),
  };
}
export type SignalStatusView = ReturnType<typeof statusView>;

const canTriage = (ctx: SignalContext) => can(ctx.actor.roles as Role[], 'signals:triage');

/** The triage team sees the whole signal; the partner who reported it sees its status; others nothing. */
export async function readSignal(
  tx: TenantTx,
  ctx: SignalContext,
  id: string,
): Promise<SignalView | SignalStatusView> {
  const row = await signalById(tx, id);
  const mine = row && ctx.actor.userId !== null && row.reporterUserId === ctx.actor.userId;
  if (!row || (!canTriage(ctx) && !mine))
    throw new AppError('not_found', ctx.texts('problem.signalNotFound'));
  if (canTriage(ctx)) {
    await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'signal', recordId: row.id });
    return fullView(tx, ctx, row);
  }
  const category = (await listCategoryRows(tx, false)).find((c) => c.id === row.categoryId)!;
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'signal-status', recordId: row.id });
  return statusView(ctx, row, category);
}

/** What a public reporter may know: received, or picked up. Nothing about the person or the decision. */
export async function statusByCode(tx: TenantTx, ctx: SignalContext, code: string) {
  const row = await signalByStatusCode(tx, hashStatusCode(code));
  if (!row) throw new AppError('not_found', ctx.texts('problem.statusCodeUnknown'));
  return {
    status: row.triagedAt ? ('picked-up' as const) : ('received' as const),
    received_at: row.receivedAt.toISOString(),
  };
}

/** The triage list: no descriptions (who opens one is audited), only what is needed to choose. */
export async function listSignals(
  tx: TenantTx,
  ctx: SignalContext,
  query: { status?: 'open' | 'triaged' | 'all'; mine?: boolean; limit?: number },
) {
  const status = query.status ?? 'open';
  const rows = await listSignalRows(tx, {
    open: status === 'all' ? undefined : status === 'open',
    assignedTo: query.mine ? (ctx.actor.userId ?? undefined) : undefined,
    limit: query.limit ?? 200,
  });
  return listItems(tx, ctx, rows);
}

async function listItems(tx: TenantTx, ctx: SignalContext, rows: SignalRow[]) {
  const categories = new Map((await listCategoryRows(tx, false)).map((c) => [c.id, c]));
  const areas = await areaIndex(tx);
  const people = await userRefs(
    tx,
    rows.map((r) => r.assignedTo),
  );
  return rows.map((r) => ({
    id: r.id,
    status: statusOf(r),
    category: categoryView(ctx, categories.get(r.categoryId)!),
    about: r.about,
    urgency: r.urgency,
    source: r.source,
    area: r.areaId && areas.get(r.areaId) ? { id: r.areaId, name: areas.get(r.areaId)!.name } : null,
    received_at: r.receivedAt.toISOString(),
    triage_before: r.triageBefore.toISOString(),
    overdue: !r.triagedAt && r.triageBefore.getTime() <= ctx.now.getTime(),
    escalated: r.escalatedAt !== null,
    assigned_to: r.assignedTo ? (people.get(r.assignedTo)?.name ?? null) : null,
    decision: r.decision,
    duplicate_of: r.duplicateOf,
  }));
}
export type SignalListItem = Awaited<ReturnType<typeof listItems>>[number];

/** A partner's own reports, with their status only. */
export async function myReports(tx: TenantTx, ctx: SignalContext) {
  const rows = await listSignalRows(tx, { reporterUserId: ctx.actor.userId ?? undefined, limit: 200 });
  const categories = new Map((await listCategoryRows(tx, false)).map((c) => [c.id, c]));
  return rows.map((r) => statusView(ctx, r, categories.get(r.categoryId)!));
}

// ---- triage ----

const triageRoles: Role[] = ['consultant', 'expert-consultant', 'team-lead'];

export async function triageTeam(tx: TenantTx): Promise<UserRef[]> {
  return activeUsersWithRoles(tx, triageRoles);
}

function caseworkContext(ctx: SignalContext): CaseworkContext {
  return {
    actor: ctx.actor,
    tenant: ctx.tenant,
    locale: ctx.locale,
    texts: caseworkTexts(ctx.locale),
    now: ctx.now,
    sealer: ctx.casework.sealer,
    publicUrl: ctx.casework.publicUrl,
  };
}

export type TriageResult = { kind: 'done'; signal: SignalView } | { kind: 'duplicates'; matches: unknown[] };

/**
 * One step or all of triage: assign, link a household (known, or registered now), decide. An outreach visit
 * or a referral needs a household and becomes a support request (channel "signal") of its case. Later reports
 * about the same household share the decision, so their reporters hear "picked up" too.
 */
export async function triageSignal(
  tx: TenantTx,
  ctx: SignalContext,
  id: string,
  body: TriageBody,
): Promise<TriageResult> {
  const row = await signalById(tx, id);
  if (!row) throw new AppError('not_found', ctx.texts('problem.signalNotFound'));
  if (row.triagedAt && (body.decision || body.household_id || body.new_household))
    throw new AppError('conflict', ctx.texts('problem.alreadyTriaged'));
  const errors: FieldError[] = [];
  const values: Partial<SignalRow> = {};
  if (body.assign_to) {
    const user = await userWithRoles(tx, body.assign_to);
    if (!user || user.disabled || !user.roles.some((r) => (triageRoles as string[]).includes(r)))
      errors.push(fieldError('assign_to', ctx.texts('field.assignTo')));
    else {
      values.assignedTo = user.id;
      values.assignedAt = ctx.now;
    }
  }
  const decision = body.decision as TriageDecision | undefined;
  const reason = clean(body.reason);
  if (decision && !reason) errors.push(fieldError('reason', ctx.texts('field.reason')));
  const needsHousehold = decision === 'outreach-visit' || decision === 'referral';
  if (needsHousehold && !body.household_id && !body.new_household && !row.householdId)
    errors.push(fieldError('household_id', ctx.texts('field.householdNeeded')));
  if (body.household_id && body.new_household)
    errors.push(fieldError('household_id', ctx.texts('field.householdTwice')));
  if (errors.length) throw validation(errors);

  const cctx = caseworkContext(ctx);
  let householdId = row.householdId;
  if (body.household_id) {
    await readHousehold(tx, cctx, body.household_id);
    householdId = body.household_id;
  } else if (body.new_household) {
    const result = await registerHousehold(tx, cctx, body.new_household);
    if (result.kind === 'duplicates') return { kind: 'duplicates', matches: result.matches };
    householdId = result.household.id;
  }
  if (householdId) values.householdId = householdId;

  if (decision) {
    values.decision = decision;
    values.decisionReasonSealed = ctx.cipher.encrypt(reason!);
    values.triagedAt = ctx.now;
    values.triagedBy = ctx.actor.userId;
    if (!row.assignedTo && !values.assignedTo) {
      values.assignedTo = ctx.actor.userId;
      values.assignedAt = ctx.now;
    }
    if (needsHousehold) {
      const category = (await listCategoryRows(tx, false)).find((c) => c.id === row.categoryId)!;
      const request = await createSupportRequest(tx, cctx, {
        household_id: householdId!,
        channel: 'signal',
        question: `${ctx.texts('triage.question', { category: category.labelNl })}\n${ctx.cipher.decrypt(row.descriptionSealed)}`,
        life_domains: category.lifeDomains,
      });
      values.supportRequestId = request.id;
    }
  }
  const updated = Object.keys(values).length ? await updateSignal(tx, row.id, values) : row;
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'signal', recordId: row.id });
  if (decision) {
    for (const d of await duplicatesOf(tx, row.id)) {
      if (d.triagedAt) continue;
      await updateSignal(tx, d.id, {
        decision,
        decisionReasonSealed: ctx.cipher.encrypt(ctx.texts('triage.sameHousehold')),
        triagedAt: ctx.now,
        triagedBy: ctx.actor.userId,
        householdId: householdId ?? null,
      });
      await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'signal', recordId: d.id });
    }
  }
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'signal', recordId: row.id });
  return { kind: 'done', signal: await fullView(tx, ctx, updated) };
}

// ---- collective signals ----

/** A household, or a report about an area, counts once: duplicates and reports about one household do not. */
function subjectKey(s: SignalRow): string {
  return s.householdId ? `h:${s.householdId}` : `s:${s.duplicateOf ?? s.id}`;
}

function clusterView(
  ctx: SignalContext,
  c: ClusterRow,
  members: SignalRow[],
  category: CategoryRow,
  areaName: string,
  minimum: number,
) {
  const count = new Set(members.map(subjectKey)).size;
  const last30 = members.filter((s) => s.receivedAt.getTime() > ctx.now.getTime() - 30 * DAY_MS).length;
  const previous30 = members.filter((s) => {
    const age = ctx.now.getTime() - s.receivedAt.getTime();
    return age > 30 * DAY_MS && age <= 60 * DAY_MS;
  }).length;
  const texts = members.map((s) => ctx.cipher.decrypt(s.descriptionSealed));
  const times = members.map((s) => s.receivedAt.getTime());
  return {
    id: c.id,
    category: categoryView(ctx, category),
    area: { id: c.areaId, name: areaName },
    count,
    reports: members.length,
    first_at: new Date(Math.min(...times)).toISOString(),
    last_at: new Date(Math.max(...times)).toISOString(),
    trend: {
      last_30_days: last30,
      previous_30_days: previous30,
      direction:
        last30 > previous30 ? ('up' as const) : last30 < previous30 ? ('down' as const) : ('same' as const),
    },
    // Words at least three reports share: a theme, never something only one reporter wrote.
    words: commonWords(texts, Math.max(3, Math.ceil(members.length / 2))),
    on_agenda: !c.decision && count >= minimum,
    decision: c.decision as ClusterDecision | null,
    decision_note: c.decisionNote,
    offer_id: c.offerId,
    plan_priority: c.planPriority,
    decided_at: iso(c.decidedAt),
  };
}
export type ClusterView = ReturnType<typeof clusterView>;

/** The collective signals, of one area (and what lies in it) or all; the agenda first. */
export async function listClusters(tx: TenantTx, ctx: SignalContext, query: { area?: string }) {
  const areas = await areaIndex(tx);
  let areaIds: string[] | undefined;
  if (query.area) {
    const id = await areaOfPlace(tx, query.area);
    if (!id) throw validation([fieldError('area', ctx.texts('field.areaUnknown'))]);
    areaIds = [];
    const add = (n: AreaNode) => {
      areaIds!.push(n.id);
      n.children.forEach(add);
    };
    add(areas.get(id)!);
  }
  const minimum = (await readSignalSettings(tx)).cluster_minimum;
  const clusters = await clusterRows(tx, areaIds);
  const members = await signalsOfClusters(
    tx,
    clusters.map((c) => c.id),
  );
  const categories = new Map((await listCategoryRows(tx, false)).map((c) => [c.id, c]));
  return clusters
    .map((c) =>
      clusterView(
        ctx,
        c,
        members.filter((s) => s.clusterId === c.id),
        categories.get(c.categoryId)!,
        areas.get(c.areaId)?.name ?? '-',
        minimum,
      ),
    )
    .filter((c) => c.reports > 0)
    .sort((a, b) => Number(b.on_agenda) - Number(a.on_agenda) || b.count - a.count);
}

export async function readCluster(tx: TenantTx, ctx: SignalContext, id: string): Promise<ClusterView> {
  const c = await clusterById(tx, id);
  if (!c) throw new AppError('not_found', ctx.texts('problem.clusterNotFound'));
  const areas = await areaIndex(tx);
  const category = (await listCategoryRows(tx, false)).find((x) => x.id === c.categoryId)!;
  const { cluster_minimum } = await readSignalSettings(tx);
  const members = await signalsOfClusters(tx, [c.id]);
  return clusterView(ctx, c, members, category, areas.get(c.areaId)?.name ?? '-', cluster_minimum);
}

/** The meeting's decision; a collective offer links to its directory offer (also later, once it exists). */
export async function decideCluster(tx: TenantTx, ctx: SignalContext, id: string, body: DecisionBody) {
  const c = await clusterById(tx, id);
  if (!c) throw new AppError('not_found', ctx.texts('problem.clusterNotFound'));
  if (c.decision && c.decision !== body.decision)
    throw new AppError('conflict', ctx.texts('problem.alreadyDecided'));
  const errors: FieldError[] = [];
  const offerId = clean(body.offer_id)?.match(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
  )?.[0];
  if (clean(body.offer_id) && !offerId) errors.push(fieldError('offer_id', ctx.texts('field.offerUnknown')));
  if (offerId && body.decision !== 'collective-offer')
    errors.push(fieldError('offer_id', ctx.texts('field.offerOnlyForOffer')));
  if (offerId && !(await compileService(tx, offerId.toLowerCase())))
    errors.push(fieldError('offer_id', ctx.texts('field.offerUnknown')));
  const priority = clean(body.plan_priority);
  if (body.decision === 'area-plan' && !priority)
    errors.push(fieldError('plan_priority', ctx.texts('field.planPriority')));
  if (errors.length) throw validation(errors);
  await updateCluster(tx, id, {
    decision: body.decision,
    decisionNote: clean(body.note) ?? c.decisionNote,
    offerId: offerId?.toLowerCase() ?? c.offerId,
    planPriority: priority ?? c.planPriority,
    decidedAt: c.decidedAt ?? ctx.now,
    decidedBy: c.decidedBy ?? ctx.actor.userId,
  });
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'signal-cluster', recordId: id });
  return readCluster(tx, ctx, id);
}

// ---- the scan: escalation and retention ----

const jobActor = (tenant: Tenant, purpose: string): Actor => ({
  tenantId: tenant.id,
  userId: null,
  roles: [],
  purpose,
});

/** Marks untriaged signals past their deadline and e-mails the team leads (without any contents). */
export async function escalateOverdue(tx: TenantTx, tenant: Tenant, now: Date, publicUrl: string) {
  const marked = await markEscalated(tx, now);
  if (!marked.length) return { escalated: 0, mails: 0 };
  for (const row of marked)
    await recordAccess(tx, jobActor(tenant, 'job signals.scan'), {
      action: 'update',
      recordType: 'signal',
      recordId: row.id,
    });
  const leads = await activeUsersWithRoles(tx, ['team-lead']);
  for (const lead of leads) {
    await queueMail(tx, {
      tenantId: tenant.id,
      to: lead.email,
      subject: mailTexts('mail.overdue.subject', { count: marked.length }),
      text: mailTexts('mail.overdue.text', {
        count: marked.length,
        url: `${publicUrl}/signalen?status=open`,
      }),
    });
  }
  return { escalated: marked.length, mails: leads.length };
}

/** Deletes signals without follow-up after the tenant's period, leaving a record without personal data. */
export async function deleteExpired(tx: TenantTx, tenant: Tenant, now: Date) {
  const { retention_days } = await readSignalSettings(tx);
  const cutoff = new Date(now.getTime() - retention_days * DAY_MS);
  const expired = await expiredWithoutFollowUp(tx, cutoff);
  const actor = jobActor(tenant, 'job signals.scan: retention period');
  for (const row of expired) {
    await deleteSignal(tx, row, now, 'retention-period');
    await recordAccess(tx, actor, { action: 'delete', recordType: 'signal', recordId: row.id });
  }
  return { deleted: expired.length };
}

// ---- figures ----

export interface FigureQuery {
  months?: number;
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** A count as the figures give it: the number is left out where it is small enough to single someone out. */
const figure = (n: number) => ({ count: isSmall(n) ? null : n, shown: shownCount(n) });

/** Aggregates only: counts per source, category, area and month; time to triage; contact; meeting decisions. */
export async function signalFigures(tx: TenantTx, ctx: SignalContext, query: FigureQuery) {
  const months = query.months ?? 12;
  const from = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() - months + 1, 1));
  const rows = await figureRows(tx, from);
  const categories = new Map((await listCategoryRows(tx, false)).map((c) => [c.id, c]));
  const areas = await areaIndex(tx);
  const count = (keyOf: (r: FigureRow) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(keyOf(r), (m.get(keyOf(r)) ?? 0) + 1);
    return [...m.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([label, n]) => ({ label, ...figure(n) }));
  };
  const t = ctx.texts;
  const sourceLabel = (r: FigureRow) =>
    r.source === 'partner' && r.reporter_role
      ? `${t(`source.partner` as SignalMessage)} (${r.reporter_role})`
      : t(`source.${r.source}` as SignalMessage);
  const categoryLabel = (id: string) => {
    const c = categories.get(id);
    return c ? (ctx.locale === 'en' ? c.labelEn : c.labelNl) : '-';
  };
  const perMonth = new Map<string, number>();
  for (let i = 0; i < months; i++)
    perMonth.set(monthOf(new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1))), 0);
  for (const r of rows) {
    const m = monthOf(new Date(r.received_at));
    if (perMonth.has(m)) perMonth.set(m, perMonth.get(m)! + 1);
  }
  const monthList = [...perMonth.keys()];
  /** Counts per label and month: the same figures "over time", each cell suppressed on its own. */
  const overTime = (keyOf: (r: FigureRow) => string) => {
    const m = new Map<string, number[]>();
    for (const r of rows) {
      const i = monthList.indexOf(monthOf(new Date(r.received_at)));
      if (i < 0) continue;
      const counts = m.get(keyOf(r)) ?? monthList.map(() => 0);
      counts[i]!++;
      m.set(keyOf(r), counts);
    }
    const total = (c: number[]) => c.reduce((a, b) => a + b, 0);
    return [...m.entries()]
      .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))
      .map(([label, counts]) => ({ label, months: counts.map(figure) }));
  };
  const areaLabel = (r: FigureRow) => (r.area_id ? (areas.get(r.area_id)?.name ?? '-') : t('figures.noArea'));
  const triaged = rows.filter((r) => r.triaged_at);
  const hours = triaged.map(
    (r) => (new Date(r.triaged_at!).getTime() - new Date(r.received_at).getTime()) / HOUR_MS,
  );
  const contact = triaged.filter((r) => r.decision === 'outreach-visit' || r.decision === 'referral').length;
  const clusters = await clusterRows(tx);
  const decided = clusters.filter((c) => c.decision);
  const decisionCounts = new Map<string, number>();
  for (const c of decided) decisionCounts.set(c.decision!, (decisionCounts.get(c.decision!) ?? 0) + 1);
  const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 10) / 10);
  const small = triaged.length > 0 && triaged.length < 5;
  return {
    from: from.toISOString(),
    total: figure(rows.length),
    per_source: count(sourceLabel),
    per_category: count((r) => categoryLabel(r.category_id)),
    per_area: count(areaLabel),
    per_month: [...perMonth.entries()].map(([label, n]) => ({ label, ...figure(n) })),
    over_time: {
      months: monthList,
      per_source: overTime(sourceLabel),
      per_category: overTime((r) => categoryLabel(r.category_id)),
      per_area: overTime(areaLabel),
    },
    time_to_triage_hours: {
      triaged: figure(triaged.length),
      // A median of fewer than five could single out one report's handling.
      median: small ? null : round(median(hours)),
      p90: small ? null : round(percentile(hours, 90)),
    },
    share_leading_to_contact: shareOf(contact, triaged.length) ?? null,
    clusters: {
      total: figure(clusters.length),
      decided: figure(decided.length),
      decisions: [...decisionCounts.entries()].map(([label, n]) => ({
        label: t(`decision.${label}` as SignalMessage),
        ...figure(n),
      })),
    },
  };
}
export type SignalFigures = Awaited<ReturnType<typeof signalFigures>>;
