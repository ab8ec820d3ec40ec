// The matcher: pure functions, no database, so the benchmark and table-driven tests call it directly.
// Hard filters first (each failure carries a reason the coordinator sees), then a soft score with weights the
// coordinator sets, then one optimal assignment for the whole batch: a min-cost assignment (Jonker-Volgenant,
// from linear-sum-assignment) over requests × volunteer slots, where a volunteer with room for k more matches has
// k slots and each next slot scores lower on workload balance. A greedy first-come loop is kept only as the
// baseline the benchmark compares against.
import { linearSumAssignment } from 'linear-sum-assignment';
import {
  kindRules,
  minutesOf,
  VOG_VALID_YEARS,
  type Gender,
  type HelpKind,
  type Training,
  type Urgency,
  type Window,
} from './vocabulary.js';

export interface Point {
  latitude: number;
  longitude: number;
}

export interface MatchRequest {
  id: string;
  kind: HelpKind;
  location: Point;
  when: Window[];
  durationMinutes: number;
  /** The volunteer must speak one of these; the first is preferred. Empty: no preference. */
  languages: string[];
  genderPreference: Gender | null;
  genderRequired: boolean;
  interests: string[];
  urgency: Urgency;
  waitingDays: number;
  /** Volunteers who helped this requester before (continuity). */
  earlierVolunteerIds: string[];
  /** Volunteers this requester, or who said no to this requester, declined before. */
  declinedVolunteerIds: string[];
}

export interface MatchVolunteer {
  id: string;
  kinds: HelpKind[];
  location: Point;
  maxDistanceKm: number;
  availability: Window[];
  languages: string[];
  gender: Gender | null;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** Issue date of the latest VOG, YYYY-MM-DD; null when none. */
  vogIssuedOn: string | null;
  trainings: { training: Training; validUntil: string | null }[];
  capacityAtOnce: number;
  /** Matches taking up capacity now (proposed up to active). */
  load: number;
  /** Room left: the smaller of room at once and room this month. */
  capacityLeft: number;
  interests: string[];
}

export const hardFilters = [
  'kind',
  'distance',
  'availability',
  'vog',
  'training',
  'language',
  'gender',
  'capacity',
  'age',
  'declined-before',
] as const;
export type HardFilter = (typeof hardFilters)[number];

export interface Exclusion {
  filter: HardFilter;
  detail: Record<string, string | number>;
}

export const components = ['distance', 'interests', 'language', 'workload', 'waiting', 'continuity'] as const;
export type Component = (typeof components)[number];
export type Weights = Record<Component, number>;

export const defaultWeights: Weights = {
  distance: 3,
  interests: 2,
  language: 1,
  workload: 2,
  waiting: 2,
  continuity: 1,
};

export interface ComponentScore {
  component: Component;
  /** 0–1. */
  value: number;
  weight: number;
  detail: Record<string, string | number>;
}

export interface PairScore {
  /** 0–100: the weighted mean of the components. */
  score: number;
  components: ComponentScore[];
}

/** Great-circle distance in km. */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Longest overlap in minutes between a request window and a volunteer window on the same day. */
export function overlapMinutes(need: Window[], free: Window[]): number {
  let best = 0;
  for (const n of need)
    for (const f of free) {
      if (n.day !== f.day) continue;
      const o = Math.min(minutesOf(n.to), minutesOf(f.to)) - Math.max(minutesOf(n.from), minutesOf(f.from));
      if (o > best) best = o;
    }
  return best;
}

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

export function vogValidUntil(issuedOn: string): string {
  return addYears(issuedOn, VOG_VALID_YEARS);
}

export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

class Found {
  readonly list: Exclusion[] = [];
  constructor(private readonly firstOnly: boolean) {}
  /** Records a failed filter; true when the check may stop here. */
  fail(filter: HardFilter, detail: Record<string, string | number> = {}): boolean {
    this.list.push({ filter, detail });
    return this.firstOnly;
  }
}

/**
 * The hard filters this pair fails, each with what the coordinator needs to see why. With firstOnly the check
 * stops at the first failure (the batch only needs yes or no; the cheap checks come first).
 */
export function exclusions(
  req: MatchRequest,
  vol: MatchVolunteer,
  today: string,
  firstOnly = false,
): Exclusion[] {
  // A module-level collector rather than a closure per call: this runs for every pair of a batch.
  const found = new Found(firstOnly);
  const out = found.list;
  const rule = kindRules[req.kind];
  if (!vol.kinds.includes(req.kind) && found.fail('kind', { kind: req.kind })) return out;
  if (vol.capacityLeft <= 0 && found.fail('capacity', { load: vol.load, capacity: vol.capacityAtOnce }))
    return out;
  if (req.declinedVolunteerIds.includes(vol.id) && found.fail('declined-before')) return out;
  if (
    req.genderRequired &&
    req.genderPreference &&
    vol.gender !== req.genderPreference &&
    found.fail('gender', { wanted: req.genderPreference })
  )
    return out;
  if (
    req.languages.length &&
    !req.languages.some((l) => vol.languages.includes(l)) &&
    found.fail('language', { wanted: req.languages.join(', ') })
  )
    return out;
  const age = ageOn(vol.birthDate, today);
  if (age < rule.minimumAge && found.fail('age', { age, minimum: rule.minimumAge })) return out;
  if (rule.vog) {
    const until = vol.vogIssuedOn ? vogValidUntil(vol.vogIssuedOn) : null;
    if ((!until || until <= today) && found.fail('vog', until ? { expiredOn: until } : {})) return out;
  }
  if (rule.training) {
    const held = vol.trainings.filter((t) => t.training === rule.training);
    const valid = held.some((t) => t.validUntil === null || t.validUntil >= today);
    if (!valid) {
      const lapsed = held
        .map((t) => t.validUntil!)
        .sort()
        .pop();
      if (found.fail('training', { training: rule.training, ...(lapsed ? { expiredOn: lapsed } : {}) }))
        return out;
    }
  }
  const km = distanceKm(req.location, vol.location);
  if (km > vol.maxDistanceKm && found.fail('distance', { km: round1(km), max: vol.maxDistanceKm }))
    return out;
  const needed = Math.min(
    req.durationMinutes,
    Math.max(0, ...req.when.map((w) => minutesOf(w.to) - minutesOf(w.from))),
  );
  const overlap = overlapMinutes(req.when, vol.availability);
  if ((overlap <= 0 || overlap < needed) && found.fail('availability', { overlap, needed })) return out;
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const urgencyBonus: Record<Urgency, number> = { normal: 0, soon: 0.25, urgent: 0.5 };

/**
 * The soft score of an eligible pair. `slot` is how many matches this batch already gave the volunteer: each
 * one lowers workload balance, so work spreads over volunteers when scores are otherwise close.
 */
export function scorePair(req: MatchRequest, vol: MatchVolunteer, weights: Weights, slot = 0): PairScore {
  const km = distanceKm(req.location, vol.location);
  const shared = req.interests.filter((i) => vol.interests.includes(i));
  const firstLanguage = req.languages[0];
  const load = vol.load + slot;
  const values: Record<Component, [number, Record<string, string | number>]> = {
    distance: [
      vol.maxDistanceKm > 0 ? Math.max(0, 1 - km / vol.maxDistanceKm) : 1,
      { km: round1(km), max: vol.maxDistanceKm },
    ],
    interests: [
      req.interests.length ? shared.length / req.interests.length : 0.5,
      { shared: shared.join(', '), asked: req.interests.length },
    ],
    language: [
      !firstLanguage || vol.languages.includes(firstLanguage) ? 1 : 0.6,
      {
        language:
          firstLanguage && vol.languages.includes(firstLanguage)
            ? firstLanguage
            : (req.languages.find((l) => vol.languages.includes(l)) ?? ''),
      },
    ],
    workload: [
      Math.max(0, 1 - load / Math.max(1, vol.capacityAtOnce)),
      { load, capacity: vol.capacityAtOnce },
    ],
    waiting: [
      Math.min(1, req.waitingDays / 28) * 0.5 + urgencyBonus[req.urgency],
      { days: req.waitingDays, urgency: req.urgency },
    ],
    continuity: [req.earlierVolunteerIds.includes(vol.id) ? 1 : 0, {}],
  };
  const totalWeight = components.reduce((s, c) => s + weights[c], 0) || 1;
  const parts = components.map((c) => ({
    component: c,
    value: Math.round(values[c][0] * 1000) / 1000,
    weight: weights[c],
    detail: values[c][1],
  }));
  const score = (100 * parts.reduce((s, p) => s + p.value * p.weight, 0)) / totalWeight;
  return { score: Math.round(score * 100) / 100, components: parts };
}

export interface Assignment {
  requestId: string;
  volunteerId: string;
  score: PairScore;
}

export interface BatchResult {
  assignments: Assignment[];
  /** Requests left without a proposal: no volunteer passed the filters, or the eligible ones went elsewhere. */
  unmatched: { requestId: string; reason: 'no-eligible-volunteer' | 'volunteers-taken' }[];
  totalScore: number;
}

interface Slot {
  volunteer: number;
  index: number;
}

/** Eligible volunteer indices per request, and the slots worth offering (no more than there are requests). */
function eligibility(requests: MatchRequest[], volunteers: MatchVolunteer[], today: string) {
  const eligible: number[][] = requests.map(() => []);
  const wanted = new Array<number>(volunteers.length).fill(0);
  // Only volunteers who do the kind and have room can pass; indexing them by kind skips the other pairs, which
  // the kind and capacity filters would exclude anyway, without checking each one.
  const byKind = new Map<HelpKind, number[]>();
  volunteers.forEach((v, j) => {
    if (v.capacityLeft > 0) for (const k of v.kinds) byKind.set(k, [...(byKind.get(k) ?? []), j]);
  });
  requests.forEach((r, i) => {
    for (const j of byKind.get(r.kind) ?? [])
      if (exclusions(r, volunteers[j]!, today, true).length === 0) {
        eligible[i]!.push(j);
        wanted[j]!++;
      }
  });
  return { eligible, wanted };
}

const finish = (requests: MatchRequest[], assignments: Assignment[], eligible: number[][]): BatchResult => {
  const done = new Set(assignments.map((a) => a.requestId));
  return {
    assignments,
    unmatched: requests
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => !done.has(r.id))
      .map(({ r, i }) => ({
        requestId: r.id,
        reason: eligible[i]!.length ? ('volunteers-taken' as const) : ('no-eligible-volunteer' as const),
      })),
    totalScore: Math.round(assignments.reduce((s, a) => s + a.score.score, 0) * 100) / 100,
  };
};

/**
 * The optimal batch: the assignment of requests to volunteer slots with the highest total score. Requests and
 * volunteers without any eligible pair are left out of the matrix first (they cannot change the optimum), which
 * keeps the matrix to the part of the problem where there is something to choose.
 */
export function assignBatch(
  requests: MatchRequest[],
  volunteers: MatchVolunteer[],
  weights: Weights,
  today: string,
): BatchResult {
  const { eligible, wanted } = eligibility(requests, volunteers, today);
  const rows = requests.map((_, i) => i).filter((i) => eligible[i]!.length > 0);
  const slots: Slot[] = [];
  const firstSlot = new Map<number, number>();
  volunteers.forEach((v, j) => {
    const n = Math.min(v.capacityLeft, wanted[j]!);
    if (n > 0) firstSlot.set(j, slots.length);
    for (let k = 0; k < n; k++) slots.push({ volunteer: j, index: k });
  });
  if (!rows.length || !slots.length) return finish(requests, [], eligible);
  // Pairs that fail a hard filter get 0; every eligible pair at least a hair above it, so the optimum never
  // prefers leaving a request open to giving it an eligible volunteer.
  const matrix = rows.map(() => new Float64Array(slots.length));
  const scores = new Map<string, PairScore>();
  rows.forEach((i, r) => {
    for (const j of eligible[i]!) {
      const start = firstSlot.get(j)!;
      for (let s = start; s < slots.length && slots[s]!.volunteer === j; s++) {
        const ps = scorePair(requests[i]!, volunteers[j]!, weights, slots[s]!.index);
        matrix[r]![s] = Math.max(ps.score, 1e-6);
        scores.set(`${r}:${s}`, ps);
      }
    }
  });
  const { rowAssignments } = linearSumAssignment(matrix, { maximaze: true });
  const assignments: Assignment[] = [];
  rows.forEach((i, r) => {
    const s = rowAssignments[r]!;
    const ps = s >= 0 ? scores.get(`${r}:${s}`) : undefined;
    if (ps)
      assignments.push({
        requestId: requests[i]!.id,
        volunteerId: volunteers[slots[s]!.volunteer]!.id,
        score: ps,
      });
  });
  return finish(requests, rescoreInSlotOrder(assignments, requests, volunteers, weights), eligible);
}

/**
 * The optimum is the same whichever of a volunteer's slots each of their requests took (workload falls by the same
 * step per slot), but the reasons should read in order: the first request at the volunteer's current load, etc.
 */
function rescoreInSlotOrder(
  assignments: Assignment[],
  requests: MatchRequest[],
  volunteers: MatchVolunteer[],
  weights: Weights,
): Assignment[] {
  const byId = new Map(requests.map((r) => [r.id, r]));
  const vols = new Map(volunteers.map((v) => [v.id, v]));
  const seen = new Map<string, number>();
  return assignments.map((a) => {
    const slot = seen.get(a.volunteerId) ?? 0;
    seen.set(a.volunteerId, slot + 1);
    return { ...a, score: scorePair(byId.get(a.requestId)!, vols.get(a.volunteerId)!, weights, slot) };
  });
}

/** The baseline: longest-waiting request first, each takes the best volunteer still free. */
export function assignGreedy(
  requests: MatchRequest[],
  volunteers: MatchVolunteer[],
  weights: Weights,
  today: string,
): BatchResult {
  const { eligible } = eligibility(requests, volunteers, today);
  const used = new Array<number>(volunteers.length).fill(0);
  const order = requests.map((_, i) => i).sort((a, b) => requests[b]!.waitingDays - requests[a]!.waitingDays);
  const assignments: Assignment[] = [];
  for (const i of order) {
    let best: { j: number; ps: PairScore } | undefined;
    for (const j of eligible[i]!) {
      if (used[j]! >= volunteers[j]!.capacityLeft) continue;
      const ps = scorePair(requests[i]!, volunteers[j]!, weights, used[j]!);
      if (!best || ps.score > best.ps.score) best = { j, ps };
    }
    if (best) {
      used[best.j]!++;
      assignments.push({ requestId: requests[i]!.id, volunteerId: volunteers[best.j]!.id, score: best.ps });
    }
  }
  return finish(requests, assignments, eligible);
}
