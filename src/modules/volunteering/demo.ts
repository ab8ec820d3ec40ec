// Demo informal help for the BUCH tenant: volunteers over the cores (the demo volunteer's account among them),
// help requests and offers, and matches in every stage — a respite pair in Heiloo, a VoorleesExpress pair in
// Egmond aan den Hoef, an odd-jobs match with a contact log, one evaluation overdue — plus a week of short tasks
// waiting for the coordinator's matching run. Generated from a fixed seed and written through the use cases, so
// the data is valid and audited like real work.
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/audit/index.js';
import { listUsers } from '../../platform/auth/service.js';
import type { Database } from '../../platform/db/index.js';
import { fieldCipher } from '../../platform/privacy/crypto.js';
import { tenantById } from '../../platform/tenancy/index.js';
import { signalContext } from '../signals/index.js';
import { volunteeringTexts } from './messages.js';
import {
  changeMatchStatus,
  createHelpOffer,
  createHelpRequest,
  logContact,
  proposeMatch,
  registerVolunteer,
  todayOf,
  type HelpRequestInput,
  type VolunteerInput,
  type VolunteeringContext,
} from './service.js';
import type { HelpKind, Window } from './vocabulary.js';

const DAY = 86_400_000;

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

const villages = [
  'Bergen',
  'Egmond aan Zee',
  'Egmond aan den Hoef',
  'Egmond-Binnen',
  'Schoorl',
  'Castricum',
  'Bakkum',
  'Limmen',
  'Akersloot',
  'Uitgeest',
  'Heiloo',
];
const weekdays = (from: string, to: string, days: number[]): Window[] =>
  days.map((day) => ({ day, from, to }));
const yearsAgo = (today: Date, years: number, days = 0) => {
  const d = new Date(today.getTime() - days * DAY);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return todayOf(d);
};

/** The named volunteers of the seeds' stories; the generated ones follow. */
function namedVolunteers(today: Date): (VolunteerInput & { key: string })[] {
  return [
    {
      key: 'kees',
      name: 'Kees Bakker',
      birth_date: '1958-04-12',
      gender: 'male',
      place: 'Castricum',
      categories: ['executing'],
      fields: ['neighbourhood'],
      kinds: ['odd-jobs', 'lift', 'shopping'],
      skills: ['klussen', 'autorijden'],
      interests: ['fietsen', 'techniek'],
      availability: [...weekdays('09:00', '17:00', [1, 2, 3, 4, 5])],
      max_distance_km: 8,
      capacity_at_once: 3,
      capacity_per_month: 6,
    },
    {
      key: 'anna',
      name: 'Anna de Wit',
      birth_date: '1966-09-03',
      gender: 'female',
      place: 'Heiloo',
      categories: ['executing'],
      fields: ['care'],
      kinds: ['caregiver-respite', 'company'],
      interests: ['wandelen', 'koken'],
      availability: weekdays('09:00', '17:00', [6, 7]),
      max_distance_km: 6,
      capacity_at_once: 2,
      vog_issued_on: yearsAgo(today, 1, 40),
      trainings: [
        { training: 'care-basics', issued_on: yearsAgo(today, 1), valid_until: yearsAgo(today, -2) },
      ],
    },
    {
      key: 'els',
      name: 'Els Kramer',
      birth_date: '1972-01-22',
      gender: 'female',
      place: 'Egmond-Binnen',
      categories: ['executing'],
      fields: ['language', 'youth'],
      kinds: ['reading-to-child'],
      interests: ['lezen', 'muziek'],
      availability: weekdays('14:00', '18:00', [1, 3]),
      max_distance_km: 6,
      capacity_at_once: 1,
      vog_issued_on: yearsAgo(today, 0, 200),
      trainings: [{ training: 'voorleesexpress', issued_on: yearsAgo(today, 0, 190) }],
    },
    {
      key: 'bert',
      name: 'Bert Schouten',
      birth_date: '1950-06-30',
      gender: 'male',
      place: 'Heiloo',
      categories: ['executing', 'board'],
      fields: ['care'],
      kinds: ['caregiver-respite', 'company', 'buddy'],
      interests: ['kaarten', 'wandelen'],
      availability: weekdays('10:00', '16:00', [2, 4, 6]),
      max_distance_km: 5,
      // His VOG lapsed: the coordinator sees why he is left out of home visits.
      vog_issued_on: yearsAgo(today, 3, 20),
      trainings: [{ training: 'buddy-course', issued_on: yearsAgo(today, 4) }],
    },
    {
      key: 'yasmina',
      name: 'Yasmina El Idrissi',
      birth_date: '1989-11-15',
      gender: 'female',
      place: 'Castricum',
      categories: ['executing'],
      fields: ['language'],
      kinds: ['administration', 'digital', 'buddy'],
      languages: ['nl', 'ar', 'fr'],
      interests: ['koken', 'lezen'],
      availability: [...weekdays('18:00', '21:00', [1, 2, 3]), ...weekdays('10:00', '14:00', [6])],
      max_distance_km: 10,
      capacity_at_once: 2,
      vog_issued_on: yearsAgo(today, 0, 300),
      trainings: [{ training: 'buddy-course', issued_on: yearsAgo(today, 0, 250) }],
    },
    {
      key: 'joke',
      name: 'Joke Visser',
      birth_date: '1955-02-02',
      gender: 'female',
      place: 'Bergen',
      categories: ['supporting'],
      fields: ['activities'],
      kinds: ['company', 'shopping'],
      interests: ['tuinieren', 'kaarten'],
      availability: weekdays('10:00', '15:00', [2, 4]),
      max_distance_km: 4,
      vog_issued_on: yearsAgo(today, 2),
    },
  ];
}

const firstNames = [
  'Piet',
  'Marloes',
  'Ahmet',
  'Wilma',
  'Dennis',
  'Priya',
  'Tomasz',
  'Gerrit',
  'Linda',
  'Ruud',
  'Sven',
  'Olga',
  'Carla',
  'Jan',
  'Mirjam',
  'Arjen',
  'Fleur',
  'Hans',
];
const familyNames = [
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Dekker',
  'Kaya',
  'Nowak',
  'Kok',
  'Groen',
  'Post',
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
];
const shortKinds: HelpKind[] = ['lift', 'lift', 'shopping', 'shopping', 'odd-jobs', 'odd-jobs', 'digital'];

const stories: Record<HelpKind, string[]> = {
  lift: [
    'Vervoer naar het ziekenhuis in Alkmaar.',
    'Een lift naar de fysiotherapeut.',
    'Naar de huisarts en terug.',
  ],
  shopping: ['Boodschappen halen; ik loop slecht sinds mijn operatie.', 'Wekelijks boodschappen doen.'],
  'odd-jobs': ['Een lamp ophangen en een kastje vastzetten.', 'De heg knippen.', 'Een lekkende kraan.'],
  digital: ['Hulp met DigiD en de app van de bank.', 'Uitleg over de tablet.'],
  administration: ['Hulp bij het ordenen van post en rekeningen.'],
  company: ['Een kop koffie en een praatje, een keer per week.'],
  buddy: ['Ik zoek iemand om samen te wandelen en te praten.'],
  'reading-to-child': ['Voorlezen aan onze dochter van 5.'],
  'caregiver-respite': ['Ik zorg voor mijn man. Even een middag vrij.'],
  other: ['Hulp bij verhuizen van een paar dozen.'],
};

export async function loadVolunteeringDemo(
  db: Database,
  tenantId: string,
  config: Pick<Config, 'secretKey' | 'publicUrl'>,
): Promise<{ volunteers: number; requests: number }> {
  const system: Actor = { tenantId, userId: null, roles: ['administrator'], purpose: 'demo volunteering' };
  const users = await db.tenant(tenantId, (tx) => listUsers(tx, system));
  const byEmail = (email: string) => users.find((u) => u.email === email);
  const coordinator = byEmail('coordinator@buch.demo');
  const resident = byEmail('inwoner@buch.demo');
  const volunteerUser = byEmail('vrijwilliger@buch.demo');
  const consultant = byEmail('consulent@buch.demo');
  const today = new Date();
  const cipher = fieldCipher(config.secretKey);
  const texts = volunteeringTexts('nl');
  const tenant = (await tenantById(db, tenantId))!;
  const as = (who: typeof coordinator, roles: string[], daysAgo = 0): VolunteeringContext => {
    const actor = {
      tenantId,
      userId: who?.id ?? null,
      roles: who?.roles ?? roles,
      purpose: 'demo volunteering',
    };
    const now = new Date(today.getTime() - daysAgo * DAY);
    return {
      actor,
      texts,
      now,
      cipher,
      signals: () => signalContext(config, { actor, tenant, locale: 'nl', now }),
    };
  };
  const coord = (daysAgo = 0) => as(coordinator, ['coordinator'], daysAgo);
  const r = prng(20261125);

  return db.tenant(tenantId, async (tx) => {
    const ids = new Map<string, string>();
    for (const v of namedVolunteers(today)) {
      const { key, ...input } = v;
      const created = await registerVolunteer(tx, coord(120), {
        ...input,
        user_id: key === 'kees' ? (volunteerUser?.id ?? null) : null,
      });
      ids.set(key, created.id);
    }
    for (let i = 0; i < 22; i++) {
      const kinds = [
        ...new Set([
          r.pick(shortKinds),
          r.pick(shortKinds),
          ...(r.chance(0.2) ? (['company'] as const) : []),
        ]),
      ];
      const start = r.int(8, 13);
      // The VOG was issued before the intake; older than three years means lapsed.
      const intakeDaysAgo = r.int(30, 400);
      await registerVolunteer(tx, coord(intakeDaysAgo), {
        name: `${r.pick(firstNames)} ${r.pick(familyNames)}`,
        birth_date: `${r.int(1948, 2006)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        gender: r.pick(['female', 'male'] as const),
        place: villages[i % villages.length]!,
        categories: [r.chance(0.8) ? 'executing' : 'supporting'],
        fields: [r.pick(['neighbourhood', 'transport', 'activities'])],
        kinds,
        interests: [r.pick(interests), r.pick(interests)],
        languages: r.chance(0.2) ? ['nl', r.pick(['en', 'tr', 'pl', 'ar'])] : ['nl'],
        availability: weekdays(
          `${String(start).padStart(2, '0')}:00`,
          `${String(start + r.int(3, 6)).padStart(2, '0')}:00`,
          [r.int(1, 5), r.int(1, 7), r.int(1, 7)],
        ).filter((w, k, all) => all.findIndex((x) => x.day === w.day) === k),
        max_distance_km: r.int(3, 12),
        capacity_at_once: r.int(1, 3),
        capacity_per_month: r.int(2, 6),
        vog_issued_on: r.chance(0.4)
          ? todayOf(new Date(today.getTime() - (intakeDaysAgo + r.int(0, 1300)) * DAY))
          : null,
      });
    }

    const ask = async (daysAgo: number, input: HelpRequestInput, byConsultant = false) =>
      createHelpRequest(
        tx,
        byConsultant ? as(consultant, ['consultant'], daysAgo) : as(resident, ['resident'], daysAgo),
        input,
      );

    // The seeds' pairs, in different stages.
    const respite = await ask(70, {
      kind: 'caregiver-respite',
      description: stories['caregiver-respite'][0],
      display_name: 'Ria',
      place: 'Heiloo',
      address: 'Kennemerstraatweg 120, 1851 BG Heiloo',
      contact: '072 533 00 00',
      when: weekdays('10:00', '14:00', [6]),
      frequency: 'weekly',
      duration_minutes: 180,
    });
    const reading = await ask(
      40,
      {
        kind: 'reading-to-child',
        description: stories['reading-to-child'][0],
        display_name: 'Fam. B.',
        place: 'Egmond aan den Hoef',
        address: 'Herenweg 5, 1934 AB Egmond aan den Hoef',
        when: weekdays('15:00', '17:00', [3]),
        frequency: 'weekly',
        duration_minutes: 60,
      },
      true,
    );
    const klus = await ask(20, {
      kind: 'odd-jobs',
      description: stories['odd-jobs'][0],
      display_name: 'H.',
      place: 'Castricum',
      address: 'Dorpsstraat 40, 1901 EM Castricum',
      when: weekdays('10:00', '12:00', [2]),
      duration_minutes: 60,
    });
    const pair = async (
      requestId: string,
      volunteer: string,
      daysAgo: number,
      steps: ('introduced' | 'confirmed' | 'active')[],
      place?: string,
    ) => {
      const m = await proposeMatch(tx, coord(daysAgo), {
        request_id: requestId,
        volunteer_id: ids.get(volunteer)!,
      });
      for (const [k, status] of steps.entries())
        await changeMatchStatus(tx, coord(daysAgo - k - 1), m.id, { status, meeting_place: place ?? null });
      return m;
    };
    await pair(respite.id, 'anna', 66, ['introduced', 'confirmed', 'active'], 'Buurthuis De Cirkel, Heiloo');
    await pair(reading.id, 'els', 35, ['introduced', 'confirmed', 'active'], 'Bibliotheek Egmond');
    const klusMatch = await pair(klus.id, 'kees', 14, ['confirmed']);
    if (volunteerUser)
      await logContact(tx, as(volunteerUser, ['volunteer'], 10), klusMatch.id, {
        what: 'Lamp opgehangen en het kastje vastgezet. Meneer was blij.',
      });

    // Open one-to-one requests for the coordinator's shortlists.
    await ask(9, {
      kind: 'buddy',
      description: stories.buddy[0],
      display_name: 'M.',
      place: 'Castricum',
      when: weekdays('10:00', '13:00', [6]),
      interests: ['wandelen', 'koken'],
      frequency: 'weekly',
    });
    await ask(5, {
      kind: 'company',
      description: stories.company[0],
      display_name: 'Truus',
      place: 'Bergen',
      when: weekdays('10:00', '12:00', [4]),
      frequency: 'weekly',
    });

    // A week of short tasks waiting for the matching run.
    let requests = 5;
    for (let i = 0; i < 24; i++) {
      const kind = r.pick(shortKinds);
      const start = r.int(9, 14);
      await ask(r.int(0, 25), {
        kind,
        description: r.pick(stories[kind]),
        display_name: `${String.fromCharCode(65 + r.int(0, 25))}.`,
        place: villages[r.int(0, villages.length - 1)]!,
        starts_on: todayOf(new Date(today.getTime() + r.int(0, 6) * DAY)),
        when: weekdays(
          `${String(start).padStart(2, '0')}:00`,
          `${String(start + r.int(2, 4)).padStart(2, '0')}:00`,
          [r.int(1, 6)],
        ),
        duration_minutes: r.pick([60, 90, 120]),
        urgency: r.pick(['normal', 'normal', 'soon', 'urgent'] as const),
        languages: r.chance(0.1) ? ['tr', 'nl'] : [],
      });
      requests++;
    }

    for (const o of [
      {
        kind: 'lift' as const,
        description: 'De Buurtbus rijdt op werkdagen door Castricum en Limmen.',
        place: 'Limmen',
        organization_name: 'Buurtbus Limmen',
      },
      {
        kind: 'digital' as const,
        description: 'Digicafé in de bibliotheek: hulp met telefoon en tablet.',
        place: 'Heiloo',
        organization_name: 'Bibliotheek Kennemerwaard',
      },
    ])
      await createHelpOffer(tx, coord(30), o);
    if (volunteerUser)
      await createHelpOffer(tx, as(volunteerUser, ['volunteer'], 12), {
        kind: 'odd-jobs',
        description: 'Kleine klusjes in en om het huis.',
        place: 'Castricum',
        when: weekdays('09:00', '12:00', [2, 4]),
      });
    return { volunteers: 28, requests };
  });
}
