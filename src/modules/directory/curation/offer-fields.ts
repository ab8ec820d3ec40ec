// The part of an offer a provider edits, as plain fields, and the way back into a compiled HSDS service.
// A proposal is checked here (Dutch messages per field), laid over the compiled service it was made
// against, compared field by field for the coordinator, and at approval merged into the offer as it is then:
// a field the proposal did not touch keeps whatever it has become meanwhile.
//
// Opening hours are the offer's own schedules (service.schedules). The demo corpus, like many HSDS files,
// repeats them on the service_at_location; where that copy matched before the edit, it is kept matching.
import { isEmailAddress } from '../../../platform/mail/index.js';
import { canonicalJson } from '../hsds-validate.js';
import { derivedUuid } from '../demo.js';
import { parseByDay } from '../schedule.js';
import type { CompiledService } from '../schemas.js';
import type { CurationKey, Texts } from './messages.js';

export const frequencies = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof frequencies)[number];
export const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Day = (typeof days)[number];
export const weeksOfMonth = ['1', '2', '3', '4', '-1'] as const;

export interface ScheduleFields {
  id: string;
  freq: Frequency | null;
  byday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  description: string | null;
}

export interface OfferFields {
  name: string;
  description: string;
  application_process: string | null;
  fees_description: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  email: string | null;
  url: string | null;
  phone: string | null;
  schedules: ScheduleFields[];
}

export const scalarFields = [
  'name',
  'description',
  'application_process',
  'fees_description',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'email',
  'url',
  'phone',
] as const;
export type ScalarField = (typeof scalarFields)[number];
export type FieldName = ScalarField | 'schedules';
export const fieldNames: readonly FieldName[] = [...scalarFields, 'schedules'];
const scheduleParts = ['freq', 'byday', 'opens_at', 'closes_at', 'description'] as const;

/** What a client sends: a field left out keeps its value, null (or empty text) empties it. */
export interface ProposalInput {
  name?: string | null;
  description?: string | null;
  application_process?: string | null;
  fees_description?: string | null;
  eligibility_description?: string | null;
  minimum_age?: number | string | null;
  maximum_age?: number | string | null;
  email?: string | null;
  url?: string | null;
  phone?: string | null;
  /** The whole list: items with an id change that time, items without one are new, missing ones go. */
  schedules?: {
    id?: string | null;
    freq?: string | null;
    byday?: string | null;
    opens_at?: string | null;
    closes_at?: string | null;
    description?: string | null;
  }[];
}

export interface FieldError {
  field: string;
  message: string;
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

// ---- compiled service → fields ----------------------------------------------------------------------------

function scheduleFields(s: Obj): ScheduleFields {
  return {
    id: s.id as string,
    freq: (str(s.freq) as Frequency | null) ?? null,
    byday: str(s.byday),
    opens_at: str(s.opens_at),
    closes_at: str(s.closes_at),
    description: str(s.description),
  };
}

/** The editable fields of a compiled service. */
export function offerFields(service: CompiledService): OfferFields {
  return {
    name: service.name,
    description: service.description ?? '',
    application_process: str(service.application_process),
    fees_description: str(service.fees_description),
    eligibility_description: str(service.eligibility_description),
    minimum_age: num(service.minimum_age),
    maximum_age: num(service.maximum_age),
    email: str(service.email),
    url: str(service.url),
    phone: str(service.phones?.[0]?.number),
    schedules: (service.schedules ?? []).map((s) => scheduleFields(s as Obj)),
  };
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

export function changedFields(before: OfferFields, after: OfferFields): FieldName[] {
  return fieldNames.filter((f) => !sameValue(before[f], after[f]));
}

// ---- input → fields, with Dutch field errors ---------------------------------------------------------------

const limits: Record<Exclude<ScalarField, 'minimum_age' | 'maximum_age'>, number> = {
  name: 200,
  description: 5000,
  application_process: 2000,
  fees_description: 1000,
  eligibility_description: 2000,
  email: 254,
  url: 500,
  phone: 30,
};
const urlPattern = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const phonePattern = /^[0-9 +()-]+$/;
const dayRule = `([+-]?[1-5])?(${days.join('|')})`;
const bydayPattern = new RegExp(`^${dayRule}(,${dayRule})*$`);

/** "9:30", "09.30" and "09:30:00" all become "09:30"; anything else is undefined. */
export function normalizeTime(value: string): string | undefined {
  const m = /^(\d{1,2})[:.](\d{2})(?::00)?$/.exec(value.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const t = String(value).replace(/\r\n/g, '\n').trim();
  return t === '' ? null : t;
}

export interface Checked {
  fields: OfferFields;
  errors: FieldError[];
}

/**
 * The proposal laid over the current fields, checked. New schedules get an id here, so the proposal that
 * is stored and the change that is applied name the same rows.
 */
export function checkProposal(
  current: OfferFields,
  input: ProposalInput,
  texts: Texts,
  newId: () => string,
): Checked {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => {
    if (!errors.some((e) => e.field === field)) errors.push({ field, message });
  };
  const fields: OfferFields = { ...current, schedules: current.schedules };
  const given = (k: keyof ProposalInput) => Object.prototype.hasOwnProperty.call(input, k);

  for (const k of Object.keys(limits) as (keyof typeof limits)[]) {
    if (!given(k)) continue;
    const value = text(input[k]);
    (fields as unknown as Record<string, unknown>)[k] =
      value ?? (k === 'name' || k === 'description' ? '' : null);
  }
  for (const k of ['minimum_age', 'maximum_age'] as const) {
    if (!given(k)) continue;
    const raw = input[k];
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      fields[k] = null;
      continue;
    }
    const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
    if (!Number.isInteger(n) || n < 0 || n > 120) err(k, texts('error.age'));
    else fields[k] = n;
  }

  if (!fields.name) err('name', texts('error.nameRequired'));
  if (!fields.description) err('description', texts('error.descriptionRequired'));
  for (const k of Object.keys(limits) as (keyof typeof limits)[]) {
    const v = fields[k];
    if (v && v.length > limits[k]) err(k, texts('error.tooLong', { max: limits[k] }));
  }
  if (fields.email && !isEmailAddress(fields.email)) err('email', texts('error.email'));
  if (fields.url && !urlPattern.test(fields.url)) err('url', texts('error.url'));
  if (fields.phone && !phonePattern.test(fields.phone)) err('phone', texts('error.phone'));
  if (
    fields.minimum_age !== null &&
    fields.maximum_age !== null &&
    fields.minimum_age > fields.maximum_age &&
    !errors.some((e) => e.field === 'minimum_age' || e.field === 'maximum_age')
  )
    err('minimum_age', texts('error.ageOrder'));

  if (input.schedules !== undefined) {
    const known = new Set(current.schedules.map((s) => s.id));
    fields.schedules = input.schedules.map((raw, i) => {
      const at = (part: string) => `schedules.${i}.${part}`;
      const id = text(raw.id)?.toLowerCase();
      if (id && !known.has(id)) err(`schedules.${i}`, texts('error.scheduleUnknown'));
      const s: ScheduleFields = {
        id: id ?? newId(),
        freq: null,
        byday: text(raw.byday)?.toUpperCase().replace(/\s/g, '') ?? null,
        opens_at: null,
        closes_at: null,
        description: text(raw.description),
      };
      const freq = text(raw.freq)?.toUpperCase() ?? null;
      if (freq && !(frequencies as readonly string[]).includes(freq)) err(at('freq'), texts('error.freq'));
      else s.freq = freq as Frequency | null;
      for (const part of ['opens_at', 'closes_at'] as const) {
        const t = text(raw[part]);
        if (!t) continue;
        const time = normalizeTime(t);
        if (time) s[part] = time;
        else err(at(part), texts('error.time'));
      }
      if (s.opens_at && s.closes_at && s.closes_at <= s.opens_at)
        err(at('closes_at'), texts('error.closesBeforeOpens'));
      if (s.byday && !bydayPattern.test(s.byday)) err(at('byday'), texts('error.byday'));
      else if (!s.byday && (s.freq === 'WEEKLY' || s.freq === 'MONTHLY'))
        err(at('byday'), texts('error.daysRequired'));
      else if (s.byday && s.freq === 'MONTHLY' && !/\d/.test(s.byday))
        err(at('byday'), texts('error.weeksRequired'));
      if (s.description && s.description.length > 500)
        err(at('description'), texts('error.tooLong', { max: 500 }));
      const empty = scheduleParts.every((p) => s[p] === null);
      if (empty) err(`schedules.${i}`, texts('error.scheduleEmpty'));
      return s;
    });
  }
  return { fields, errors };
}

// ---- fields → compiled service -----------------------------------------------------------------------------

/** A schedule without its identity and links: what the resident reads. */
function scheduleContent(s: Obj): Obj {
  const { id: _id, service_id: _s, service_at_location_id: _a, location_id: _l, ...rest } = s;
  return rest;
}

function setOrDelete(o: Obj, key: string, value: unknown) {
  if (value === null || value === undefined) delete o[key];
  else o[key] = value;
}

/**
 * The compiled service with these fields. Properties the form does not show (valid_from, notes, the
 * organisation, locations, terms, everything beyond HSDS) stay exactly as they are.
 */
export function applyFields(service: CompiledService, fields: OfferFields): CompiledService {
  const before = offerFields(service);
  const out = structuredClone(service) as CompiledService & Obj;
  for (const k of scalarFields) {
    if (k === 'phone' || sameValue(before[k], fields[k])) continue;
    setOrDelete(out, k, fields[k]);
  }
  if (!sameValue(before.phone, fields.phone)) {
    const phones = [...((out.phones ?? []) as Obj[])];
    if (fields.phone === null) phones.shift();
    else if (phones.length) phones[0] = { ...phones[0], number: fields.phone };
    else
      phones.push({
        id: derivedUuid(`phone:${service.id}:${fields.phone}`),
        number: fields.phone,
        type: 'voice',
      });
    setOrDelete(out, 'phones', phones.length ? phones : null);
  }
  if (!sameValue(before.schedules, fields.schedules)) applySchedules(service, out, fields.schedules);
  return out;
}

function applySchedules(service: CompiledService, out: CompiledService & Obj, wanted: ScheduleFields[]) {
  const old = (service.schedules ?? []) as Obj[];
  const sals = (service.service_at_locations ?? []) as Obj[];
  // A new time belongs to the offer's one location when it has one and the existing times do too.
  const onlySal = sals.length === 1 ? (sals[0]!.id as string) : undefined;
  const defaultSal = onlySal && old.every((s) => s.service_at_location_id === onlySal) ? onlySal : undefined;
  const schedules = wanted.map((f) => {
    const existing = old.find((s) => s.id === f.id);
    const o: Obj = existing ? { ...existing } : { id: f.id, service_id: service.id };
    if (!existing && defaultSal) o.service_at_location_id = defaultSal;
    for (const p of scheduleParts) setOrDelete(o, p, f[p]);
    return o;
  });
  setOrDelete(out, 'schedules', schedules.length ? schedules : null);

  // Copies on a service_at_location that matched before are made to match again.
  const outSals = (out.service_at_locations ?? []) as Obj[];
  outSals.forEach((sal, i) => {
    const salId = sal.id as string;
    const copies = ((sals[i]?.schedules ?? []) as Obj[]).slice();
    const linked = (list: Obj[]) => list.filter((s) => s.service_at_location_id === salId);
    if (!copies.length || !sameValue(copies.map(scheduleContent), linked(old).map(scheduleContent))) return;
    const next = linked(schedules).map((s, n) => ({
      ...scheduleContent(s),
      id: (copies[n]?.id as string | undefined) ?? derivedUuid(`schedule-copy:${s.id as string}:${salId}`),
      service_at_location_id: salId,
    }));
    setOrDelete(sal, 'schedules', next.length ? next : null);
  });
}

// ---- merging at approval -----------------------------------------------------------------------------------

export interface Merge {
  fields: OfferFields;
  /** Fields both the proposal and someone else changed, differently. */
  conflicts: FieldName[];
  /** Fields the proposal changes. */
  changed: FieldName[];
}

/** Three-way merge per field: the proposal's changes over what the offer is now. */
export function mergeProposal(base: OfferFields, proposed: OfferFields, current: OfferFields): Merge {
  const fields = { ...current };
  const conflicts: FieldName[] = [];
  const changed: FieldName[] = [];
  for (const f of fieldNames) {
    if (sameValue(base[f], proposed[f])) continue;
    changed.push(f);
    if (!sameValue(base[f], current[f]) && !sameValue(proposed[f], current[f])) conflicts.push(f);
    (fields as unknown as Record<string, unknown>)[f] = proposed[f];
  }
  return { fields, conflicts, changed };
}

// ---- readable texts ----------------------------------------------------------------------------------------

const weekKeys: Record<string, CurationKey> = {
  '1': 'week.1',
  '2': 'week.2',
  '3': 'week.3',
  '4': 'week.4',
  '5': 'week.5',
  '-1': 'week.-1',
};

function list(items: string[], texts: Texts): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${texts('and')} ${items.at(-1)}`;
}

/** "Elke 2e en 4e dinsdag van de maand, van 14:00 tot 16:00". */
export function scheduleText(
  s: Omit<ScheduleFields, 'id'> & { interval?: number | null },
  texts: Texts,
): string {
  const parts = parseByDay(s.byday);
  const dayList = [...new Set(parts.map((p) => p.code))];
  const weekList = [...new Set(parts.flatMap((p) => (p.nth === undefined ? [] : [String(p.nth)])))];
  const weekWord = (w: string) => {
    const key = weekKeys[w.replace('+', '')];
    return key ? texts(key) : w;
  };
  const dayWords = list(
    dayList.map((d) => texts(`day.${d}`)),
    texts,
  );
  let rule = '';
  switch (s.freq) {
    case 'DAILY':
      rule = texts('schedule.daily');
      break;
    case 'WEEKLY':
      rule = !dayWords
        ? texts('schedule.weeklyEvery')
        : s.interval && s.interval > 1
          ? texts('schedule.biweekly', { n: s.interval, days: dayWords })
          : texts('schedule.weekly', { days: dayWords });
      break;
    case 'MONTHLY':
      rule =
        dayWords && weekList.length
          ? texts('schedule.monthly', {
              weeks: list(weekList.map(weekWord), texts),
              days: dayWords,
            })
          : texts('schedule.monthlyEvery');
      break;
    case 'YEARLY':
      rule = texts('schedule.yearly');
      break;
    default:
      rule = dayWords ? dayWords.charAt(0).toUpperCase() + dayWords.slice(1) : '';
  }
  const time =
    s.opens_at && s.closes_at
      ? texts('schedule.time', { from: s.opens_at, to: s.closes_at })
      : s.opens_at
        ? texts('schedule.from', { from: s.opens_at })
        : s.closes_at
          ? texts('schedule.until', { to: s.closes_at })
          : '';
  const line = [rule, time].filter(Boolean).join(', ');
  return line || s.description || '';
}

export interface DiffLine {
  /** The field as the API names it, e.g. description or schedules.0.opens_at. */
  field: string;
  /** The field in words, e.g. "Tijd 1: Van (begintijd)". */
  label: string;
  old: string | null;
  new: string | null;
}

function shown(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  return String(v);
}

/** Field-by-field differences in words, in the order of the form. */
export function diffFields(before: OfferFields, after: OfferFields, texts: Texts): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const f of scalarFields) {
    if (sameValue(before[f], after[f])) continue;
    lines.push({ field: f, label: texts(`field.${f}`), old: shown(before[f]), new: shown(after[f]) });
  }
  const partValue = (s: ScheduleFields, p: (typeof scheduleParts)[number]): string | null => {
    if (p === 'freq') return s.freq ? texts(`field.freq.${s.freq}`) : null;
    if (p === 'byday') return s.byday ? scheduleText({ ...s, opens_at: null, closes_at: null }, texts) : null;
    return shown(s[p]);
  };
  const partLabel = (p: (typeof scheduleParts)[number]) =>
    p === 'description' ? texts('field.schedule.description') : texts(`field.${p}`);
  after.schedules.forEach((s, i) => {
    const old = before.schedules.find((o) => o.id === s.id);
    if (!old) {
      lines.push({
        field: `schedules.${i}`,
        label: texts('field.schedule.added', { n: i + 1 }),
        old: null,
        new: [scheduleText(s, texts), s.description].filter(Boolean).join(' — ') || null,
      });
      return;
    }
    for (const p of scheduleParts) {
      if (sameValue(old[p], s[p])) continue;
      lines.push({
        field: `schedules.${i}.${p}`,
        label: texts('field.schedule.part', { n: i + 1, part: partLabel(p) }),
        old: partValue(old, p),
        new: partValue(s, p),
      });
    }
  });
  before.schedules.forEach((s, i) => {
    if (after.schedules.some((a) => a.id === s.id)) return;
    lines.push({
      field: `schedules.${i}.removed`,
      label: texts('field.schedule.removed', { n: i + 1 }),
      old: [scheduleText(s, texts), s.description].filter(Boolean).join(' — ') || null,
      new: null,
    });
  });
  return lines;
}
