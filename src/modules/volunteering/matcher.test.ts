// The matcher without a database: each hard filter excludes exactly the volunteer it should (table-driven),
// the score explains itself per component, and the optimal batch beats greedy first-come on a crafted case.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assignBatch,
  assignGreedy,
  defaultWeights,
  exclusions,
  scorePair,
  type HardFilter,
  type MatchRequest,
  type MatchVolunteer,
} from './matcher.js';

const TODAY = '2026-11-25';
const heiloo = { latitude: 52.59862, longitude: 4.70093 };
const castricum = { latitude: 52.5483, longitude: 4.6694 };
const schoorl = { latitude: 52.7011, longitude: 4.6944 };

const request = (over: Partial<MatchRequest> = {}): MatchRequest => ({
  id: 'r1',
  kind: 'caregiver-respite',
  location: heiloo,
  when: [{ day: 6, from: '10:00', to: '16:00' }],
  durationMinutes: 240,
  languages: [],
  genderPreference: null,
  genderRequired: false,
  interests: [],
  urgency: 'normal',
  waitingDays: 3,
  earlierVolunteerIds: [],
  declinedVolunteerIds: [],
  ...over,
});

const volunteer = (over: Partial<MatchVolunteer> = {}): MatchVolunteer => ({
  id: 'v1',
  kinds: ['caregiver-respite', 'lift'],
  location: castricum,
  maxDistanceKm: 10,
  availability: [{ day: 6, from: '09:00', to: '17:00' }],
  languages: ['nl'],
  gender: 'female',
  birthDate: '1970-05-01',
  vogIssuedOn: '2025-01-10',
  trainings: [{ training: 'care-basics', validUntil: '2027-12-31' }],
  capacityAtOnce: 2,
  load: 0,
  capacityLeft: 2,
  interests: ['wandelen'],
  ...over,
});

describe('matcher: hard filters', () => {
  test('the baseline pair passes every filter', () => {
    assert.deepEqual(exclusions(request(), volunteer(), TODAY), []);
  });

  const cases: [
    string,
    Partial<MatchRequest>,
    Partial<MatchVolunteer>,
    HardFilter,
    Record<string, unknown>,
  ][] = [
    ['does not do this kind', {}, { kinds: ['lift'] }, 'kind', { kind: 'caregiver-respite' }],
    ['lives too far away', {}, { location: schoorl, maxDistanceKm: 5 }, 'distance', { max: 5 }],
    [
      'free on another day',
      {},
      { availability: [{ day: 3, from: '09:00', to: '17:00' }] },
      'availability',
      { overlap: 0 },
    ],
    [
      'free too short that day',
      {},
      { availability: [{ day: 6, from: '14:00', to: '17:00' }] },
      'availability',
      { overlap: 120, needed: 240 },
    ],
    [
      'VOG expired (older than 3 years)',
      {},
      { vogIssuedOn: '2023-06-01' },
      'vog',
      { expiredOn: '2026-06-01' },
    ],
    ['no VOG at all', {}, { vogIssuedOn: null }, 'vog', {}],
    [
      'training lapsed',
      {},
      { trainings: [{ training: 'care-basics', validUntil: '2026-01-01' }] },
      'training',
      { expiredOn: '2026-01-01' },
    ],
    ['training missing', {}, { trainings: [] }, 'training', { training: 'care-basics' }],
    ['does not speak the language', { languages: ['tr'] }, {}, 'language', { wanted: 'tr' }],
    [
      'required gender differs',
      { genderPreference: 'male', genderRequired: true },
      {},
      'gender',
      { wanted: 'male' },
    ],
    ['no capacity left', {}, { load: 2, capacityLeft: 0 }, 'capacity', { load: 2, capacity: 2 }],
    ['too young for respite care', {}, { birthDate: '2009-01-01' }, 'age', { age: 17, minimum: 18 }],
    ['declined this requester before', { declinedVolunteerIds: ['v1'] }, {}, 'declined-before', {}],
  ];
  for (const [name, req, vol, filter, detail] of cases)
    test(`${filter}: ${name}`, () => {
      const out = exclusions(request(req), volunteer(vol), TODAY);
      assert.deepEqual(
        out.map((e) => e.filter),
        [filter],
        'excluded by exactly this filter',
      );
      for (const [k, v] of Object.entries(detail)) assert.equal(out[0]!.detail[k], v, `detail ${k}`);
    });

  test('a gender preference that is not required does not exclude', () => {
    assert.deepEqual(exclusions(request({ genderPreference: 'male' }), volunteer(), TODAY), []);
  });

  test('a lift needs no VOG; a child reading needs one', () => {
    assert.deepEqual(exclusions(request({ kind: 'lift' }), volunteer({ vogIssuedOn: null }), TODAY), []);
    assert.deepEqual(
      exclusions(
        request({ kind: 'reading-to-child' }),
        volunteer({
          kinds: ['reading-to-child'],
          vogIssuedOn: null,
          trainings: [{ training: 'voorleesexpress', validUntil: null }],
        }),
        TODAY,
      ).map((e) => e.filter),
      ['vog'],
    );
  });

  test('all failing filters are listed, so the coordinator sees every reason', () => {
    const out = exclusions(
      request({ languages: ['ar'] }),
      volunteer({ vogIssuedOn: null, trainings: [] }),
      TODAY,
    );
    assert.deepEqual(
      out.map((e) => e.filter),
      ['language', 'vog', 'training'],
    );
  });
});

describe('matcher: score', () => {
  test('each component is explained; the score is the weighted mean on 0–100', () => {
    const ps = scorePair(
      request({
        interests: ['wandelen', 'koken'],
        earlierVolunteerIds: ['v1'],
        urgency: 'urgent',
        waitingDays: 28,
      }),
      volunteer(),
      defaultWeights,
    );
    const byName = Object.fromEntries(ps.components.map((c) => [c.component, c]));
    assert.equal(byName.interests!.value, 0.5);
    assert.equal(byName.interests!.detail.shared, 'wandelen');
    assert.equal(byName.continuity!.value, 1);
    assert.equal(byName.waiting!.value, 1);
    assert.equal(byName.workload!.value, 1);
    assert.ok(
      byName.distance!.value > 0.3 && byName.distance!.value < 0.5,
      'Castricum–Heiloo is about 6 km of 10',
    );
    const expected =
      (100 * ps.components.reduce((s, c) => s + c.value * c.weight, 0)) /
      Object.values(defaultWeights).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(ps.score - expected) < 0.01);
  });

  test('a second match in the same batch weighs workload: the volunteer’s next slot scores lower', () => {
    const first = scorePair(request(), volunteer(), defaultWeights, 0);
    const second = scorePair(request(), volunteer(), defaultWeights, 1);
    assert.ok(second.score < first.score);
  });
});

describe('matcher: batch assignment', () => {
  test('the optimal batch beats greedy first-come on a crafted case', () => {
    // Greedy gives the longest-waiting request its best volunteer (A, next door), leaving nobody for the second
    // request, which only A can do. The batch gives the first request B and the second A.
    const lift = (id: string, waitingDays: number, location = heiloo) =>
      request({ id, kind: 'lift', waitingDays, location });
    const requests = [lift('r-long-wait', 20), lift('r-only-a', 1)];
    const a = volunteer({ id: 'A', location: heiloo, kinds: ['lift'], capacityLeft: 1, capacityAtOnce: 1 });
    const b = volunteer({
      id: 'B',
      location: castricum,
      kinds: ['lift'],
      capacityLeft: 1,
      capacityAtOnce: 1,
    });
    // Only A works on Sunday, when the second request needs help.
    requests[1]!.when = [{ day: 7, from: '10:00', to: '12:00' }];
    requests[1]!.durationMinutes = 60;
    a.availability = [...a.availability, { day: 7, from: '09:00', to: '13:00' }];

    const greedy = assignGreedy(requests, [a, b], defaultWeights, TODAY);
    const batch = assignBatch(requests, [a, b], defaultWeights, TODAY);
    assert.equal(greedy.assignments.length, 1);
    assert.deepEqual(batch.assignments.map((x) => [x.requestId, x.volunteerId]).sort(), [
      ['r-long-wait', 'B'],
      ['r-only-a', 'A'],
    ]);
    assert.ok(batch.totalScore > greedy.totalScore, `${batch.totalScore} > ${greedy.totalScore}`);
    assert.deepEqual(greedy.unmatched, [{ requestId: 'r-only-a', reason: 'volunteers-taken' }]);
  });

  test('a volunteer with room for two gets two; requests nobody can do say so', () => {
    const requests = [
      request({ id: 'x', kind: 'lift' }),
      request({ id: 'y', kind: 'lift' }),
      request({ id: 'z', kind: 'buddy' }),
    ];
    const v = volunteer({ kinds: ['lift'] });
    const batch = assignBatch(requests, [v], defaultWeights, TODAY);
    assert.equal(batch.assignments.length, 2);
    const loads = batch.assignments.map(
      (x) => x.score.components.find((c) => c.component === 'workload')!.detail.load,
    );
    assert.deepEqual(loads.sort(), [0, 1], 'the reasons count the load in order');
    assert.deepEqual(batch.unmatched, [{ requestId: 'z', reason: 'no-eligible-volunteer' }]);
  });

  test('an empty batch is fine', () => {
    assert.deepEqual(assignBatch([], [], defaultWeights, TODAY), {
      assignments: [],
      unmatched: [],
      totalScore: 0,
    });
  });
});
