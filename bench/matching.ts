// `npm run bench:matching`: one batch of 1,000 open help requests × 1,000 volunteers over the 14 BUCH villages,
// generated deterministically (seeded), with the constraints of real intake data: a few kinds each, travel
// distances of 2–15 km, weekly availability windows, languages, gender preferences (some required), VOGs that
// are missing or lapsed, trainings, capacity and current load. Times the optimal batch assignment (hard filters,
// scores, min-cost assignment) and compares its total score with the greedy first-come baseline in the same run.
// Ends with one JSON line of figures.
import { buchPlaces } from '../src/modules/areas/index.js';
import {
  assignBatch,
  assignGreedy,
  defaultWeights,
  type MatchRequest,
  type MatchVolunteer,
} from '../src/modules/volunteering/matcher.js';
import {
  helpKinds,
  trainings,
  type Gender,
  type HelpKind,
  type Training,
  type Urgency,
  type Window,
} from '../src/modules/volunteering/vocabulary.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 1000);
const TODAY = '2026-11-25';

/** mulberry32: the same numbers on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = seeded(20261125);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number) => rnd() < p;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pad = (n: number) => String(n).padStart(2, '0');
const jitter = () => (rnd() - 0.5) * 0.02;

/** How often each kind is asked (WeHelpen: mostly lifts, shopping and odd jobs). */
const askedKinds: HelpKind[] = [
  ...Array<HelpKind>(5).fill('lift'),
  ...Array<HelpKind>(4).fill('shopping'),
  ...Array<HelpKind>(4).fill('odd-jobs'),
  ...Array<HelpKind>(3).fill('company'),
  ...Array<HelpKind>(2).fill('digital'),
  ...Array<HelpKind>(2).fill('administration'),
  'buddy',
  'reading-to-child',
  'caregiver-respite',
  'other',
];
const interests = [
  'tuinieren',
  'wandelen',
  'koken',
  'muziek',
  'voetbal',
  'lezen',
  'fietsen',
  'kaarten',
  'natuur',
  'techniek',
];
const otherLanguages = ['en', 'ar', 'tr', 'pl', 'uk'];

function windows(n: number, dayFrom = 1, dayTo = 7): Window[] {
  return Array.from({ length: n }, () => {
    const start = int(8, 17);
    return {
      day: int(dayFrom, dayTo),
      from: `${pad(start)}:00`,
      to: `${pad(Math.min(22, start + int(2, 5)))}:00`,
    };
  });
}

const someOf = <T>(xs: readonly T[], lo: number, hi: number) => [
  ...new Set(Array.from({ length: int(lo, hi) }, () => pick(xs))),
];

const volunteers: MatchVolunteer[] = Array.from({ length: VOLUNTEERS }, (_, i) => {
  const place = pick(buchPlaces);
  const capacityAtOnce = int(1, 3);
  const load = int(0, capacityAtOnce - 1);
  const vog = chance(0.6) ? `${int(2021, 2026)}-${pad(int(1, 12))}-${pad(int(1, 28))}` : null;
  const held: { training: Training; validUntil: string | null }[] = someOf(trainings, 0, 2).map((t) => ({
    training: t,
    validUntil: chance(0.3) ? `${int(2025, 2028)}-06-30` : null,
  }));
  return {
    id: `v${i}`,
    kinds: someOf(helpKinds, 1, 4),
    location: { latitude: place.latitude + jitter(), longitude: place.longitude + jitter() },
    maxDistanceKm: int(2, 15),
    availability: windows(int(1, 4)),
    languages: ['nl', ...(chance(0.3) ? [pick(otherLanguages)] : [])],
    gender: pick<Gender>(['female', 'female', 'male', 'male', 'other']),
    birthDate: `${int(1946, 2010)}-${pad(int(1, 12))}-${pad(int(1, 28))}`,
    vogIssuedOn: vog,
    trainings: held,
    capacityAtOnce,
    load,
    capacityLeft: capacityAtOnce - load,
    interests: someOf(interests, 1, 4),
  };
});

const requests: MatchRequest[] = Array.from({ length: REQUESTS }, (_, i) => {
  const place = pick(buchPlaces);
  const preference = chance(0.2) ? pick<Gender>(['female', 'male']) : null;
  return {
    id: `r${i}`,
    kind: pick(askedKinds),
    location: { latitude: place.latitude + jitter(), longitude: place.longitude + jitter() },
    when: windows(int(1, 3)),
    durationMinutes: pick([60, 90, 120]),
    languages: chance(0.1) ? [pick(otherLanguages), 'nl'] : chance(0.05) ? [pick(otherLanguages)] : [],
    genderPreference: preference,
    genderRequired: preference !== null && chance(0.4),
    interests: chance(0.5) ? someOf(interests, 1, 3) : [],
    urgency: pick<Urgency>(['normal', 'normal', 'normal', 'soon', 'urgent']),
    waitingDays: int(0, 60),
    earlierVolunteerIds: chance(0.1) ? [`v${int(0, VOLUNTEERS - 1)}`] : [],
    declinedVolunteerIds: chance(0.05) ? [`v${int(0, VOLUNTEERS - 1)}`] : [],
  };
});

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const batch = assignBatch(requests, volunteers, defaultWeights, TODAY);
const seconds = (performance.now() - t0) / 1000;
// CPU time as well: on a shared machine the wall clock also counts other processes' turns.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const t1 = performance.now();
const greedy = assignGreedy(requests, volunteers, defaultWeights, TODAY);
const greedySeconds = (performance.now() - t1) / 1000;

const noEligible = batch.unmatched.filter((u) => u.reason === 'no-eligible-volunteer').length;
console.log(
  `${REQUESTS} requests × ${VOLUNTEERS} volunteers, ${noEligible} requests without any eligible volunteer`,
);
console.log(
  `batch assignment: ${seconds.toFixed(3)} s (CPU ${cpuSeconds.toFixed(3)} s), ${batch.assignments.length} matched, total score ${batch.totalScore}`,
);
console.log(
  `greedy baseline:  ${greedySeconds.toFixed(3)} s, ${greedy.assignments.length} matched, total score ${greedy.totalScore}`,
);
console.log(
  `batch vs greedy: ${(batch.totalScore - greedy.totalScore).toFixed(2)} more score (${(((batch.totalScore - greedy.totalScore) / greedy.totalScore) * 100).toFixed(1)}%), ${batch.assignments.length - greedy.assignments.length} more matched`,
);
console.log(
  JSON.stringify({
    requests: REQUESTS,
    volunteers: VOLUNTEERS,
    seconds: Math.round(seconds * 1000) / 1000,
    total_score: batch.totalScore,
    greedy_total_score: greedy.totalScore,
    matched: batch.assignments.length,
    greedy_matched: greedy.assignments.length,
  }),
);
