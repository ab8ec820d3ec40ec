// Demo households for the BUCH tenant: about 200 fictional households spread over the cores, generated from a
// fixed seed so every fresh install shows the same people. Everything goes through the use cases, so the data is
// valid and audited like real work: registration, questions with their deadlines (most answered, some due today,
// a few overdue), and ZRM and spider-web assessments at intake and progress. The seeds' own stories (Tarik and
// Maryam, Milena, the young caregiver) are among them, with the demo consultant as case lead.
import { loadConfig } from '../../config.js';
import type { Actor } from '../../platform/audit/index.js';
import { listUsers } from '../../platform/auth/service.js';
import type { Database } from '../../platform/db/index.js';
import { tenantById, type Tenant } from '../../platform/tenancy/index.js';
import { areaTree, type AreaNode } from '../areas/index.js';
import { caseworkTexts } from './messages.js';
import { sealer as makeSealer, type Sealer } from './privacy.js';
import type { AssessmentBody, HouseholdBody } from './schemas.js';
import {
  createSupportRequest,
  recordAssessment,
  registerHousehold,
  respondToSupportRequest,
  type CaseworkContext,
} from './service.js';
import type { Channel, MemberRelation } from './tables.js';

export const DEMO_HOUSEHOLDS = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

const split = (list: string) => list.split(',');

/** mulberry32: small, fast and the same on every machine. */
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
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

const givenNames = {
  adult: split(
    'Anna,Bram,Fatima,Mohamed,Sanne,Jeroen,Ingrid,Kees,Joke,Roy,Yasmina,Piet,Marloes,Ahmet,Esra,Henk,Wilma,Dennis,Priya,Tomasz,Agnieszka,Gerrit,Linda,Hassan,Nadia,Ruud,Ellen,Sven,Olga,Mustafa,Carla,Jan,Truus,Mirjam,Arjen',
  ),
  child: split(
    'Daan,Emma,Sem,Julia,Noah,Tess,Lucas,Mila,Finn,Sara,Adam,Lina,Levi,Nora,Milan,Yara,Jesse,Fenna,Zayn,Liv',
  ),
};
const familyNames = split(
  'de Vries,Bakker,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters,Hendriks,van Dijk,Dekker,Brouwer,Koster,Schouten,Kramer,van der Meer,Prins,Yılmaz,El Idrissi,Kaya,Nowak,Kowalski,Sedney,Pinas,Nguyen,Haddou,Veldhuis,Zwart,Kok,Jonker,Duin,Zeeman,Groen,Blom,Post,Schipper,Kuiper',
);
const streets = split(
  'Dorpsstraat,Voorstraat,Zeeweg,Kerkstraat,Duinweg,Stationsweg,Molenweg,Schoolstraat,Julianalaan,Beatrixstraat,Wilhelminalaan,Raadhuisplein,Heereweg,Bakkerstraat,Eikenlaan',
);

/** Questions as residents put them, with the life domains a consultant would tick. */
const questions: readonly { text: string; domains: string[] }[] = [
  {
    text: 'Ik krijg de rekeningen niet meer betaald en durf de post niet open te maken.',
    domains: ['finances'],
  },
  {
    text: 'Sinds mijn man overleden is, zie ik bijna niemand meer.',
    domains: ['social-network', 'time-use'],
  },
  {
    text: 'Onze zoon gaat niet meer naar school en zit de hele dag op zijn kamer.',
    domains: ['work-education', 'domestic-relations'],
  },
  {
    text: 'Ik zorg voor mijn moeder met dementie en ik kan het niet meer aan.',
    domains: ['domestic-relations', 'mental-health'],
  },
  { text: 'De trap wordt te zwaar. Kan ik hulp krijgen in huis?', domains: ['housing', 'basic-adl'] },
  {
    text: 'Ik ben mijn baan kwijt en weet niet hoe het nu verder moet.',
    domains: ['work-education', 'finances'],
  },
  { text: 'Er is veel ruzie thuis sinds de scheiding.', domains: ['domestic-relations', 'mental-health'] },
  {
    text: 'Ik kan de formulieren van de gemeente en de Belastingdienst niet lezen.',
    domains: ['instrumental-adl', 'finances'],
  },
  { text: 'Mijn huurbaas wil dat ik eruit ga. Waar moet ik heen?', domains: ['housing'] },
  { text: 'Ik drink te veel sinds ik alleen ben.', domains: ['substance-use', 'social-network'] },
  {
    text: 'Ik wil graag iets doen voor anderen, maar ik weet niet waar ik moet beginnen.',
    domains: ['community-participation', 'time-use'],
  },
  { text: 'Ik slaap slecht en pieker de hele dag.', domains: ['mental-health'] },
  {
    text: 'Boodschappen doen en koken lukt niet meer sinds mijn operatie.',
    domains: ['instrumental-adl', 'physical-health'],
  },
  {
    text: 'Mijn dochter heeft een taakstraf gekregen en wij weten niet hoe we haar kunnen helpen.',
    domains: ['justice', 'domestic-relations'],
  },
];
const channelWeights = split(
  'walk-in,walk-in,walk-in,phone,phone,phone,email,home-visit,referral,referral,signal',
) as Channel[];
const zrmCodes = split(
  'finances,work-education,time-use,housing,domestic-relations,mental-health,physical-health,substance-use,basic-adl,instrumental-adl,social-network,community-participation,justice',
);
const healthCodes = split(
  'body-functions,mental-wellbeing,meaning,quality-of-life,participation,daily-functioning',
);

interface Core {
  name: string;
  city: string;
  postcodes: string[];
}

/** The tenant's cores that have postcodes of their own, by name so the spread is the same on every install. */
async function coresOf(db: Database, tenantId: string): Promise<Core[]> {
  const tree = await db.tenant(tenantId, (tx) => areaTree(tx));
  const cores: Core[] = [];
  const walk = (nodes: AreaNode[]) =>
    nodes.forEach((n) => {
      if (n.kind === 'core' && n.postcodes.length)
        cores.push({
          name: n.name,
          city: n.name === 'Egmond' ? 'Egmond aan Zee' : n.name,
          postcodes: n.postcodes,
        });
      walk(n.children);
    });
  walk(tree);
  return cores.sort((a, b) => a.name.localeCompare(b.name));
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

interface Story {
  lead: 'consultant' | 'teamLead' | 'expert';
  household: HouseholdBody;
  requests: { daysAgo: number; channel: Channel; question: string; domains: string[]; answered: boolean }[];
  assessments: { daysAgo: number; body: Omit<AssessmentBody, 'assessed_on'> }[];
}

/** The seeds' stories, so the demo tells them too: 004 §3.4 and §3.5, 000 §3.3. */
function seedStories(today: Date): Story[] {
  const born = (age: number, month: number, day: number) =>
    `${today.getUTCFullYear() - age}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return [
    {
      lead: 'consultant',
      household: {
        members: [
          {
            given_name: 'Maryam',
            family_name: 'Bakkali',
            birth_date: born(37, 2, 14),
            relation: 'main-resident',
            phone: '06 12345678',
          },
          { given_name: 'Tarik', family_name: 'Bakkali', birth_date: born(40, 9, 3), relation: 'partner' },
          { given_name: 'Yusuf', family_name: 'Bakkali', birth_date: born(11, 6, 21), relation: 'child' },
        ],
        address: { postcode: '1851 BK', house_number: 4, street: 'Kennemerstraatweg', city: 'Heiloo' },
      },
      requests: [
        {
          daysAgo: 60,
          channel: 'walk-in',
          question:
            'Onze zoon heeft ADD en het lukt hem niet om zijn huiswerk te maken. Wij weten niet hoe we hiermee om moeten gaan.',
          domains: ['work-education', 'domestic-relations'],
          answered: true,
        },
      ],
      assessments: [
        {
          daysAgo: 55,
          body: {
            instrument: 'zrm',
            moment: 'intake',
            scores: { 'work-education': 2, 'domestic-relations': 3, 'mental-health': 3, 'time-use': 3 },
          },
        },
        {
          daysAgo: 10,
          body: {
            instrument: 'zrm',
            moment: 'progress',
            scores: { 'work-education': 3, 'domestic-relations': 4, 'mental-health': 4, 'time-use': 4 },
          },
        },
      ],
    },
    {
      lead: 'consultant',
      household: {
        members: [
          {
            given_name: 'Milena',
            family_name: 'Jovanović',
            birth_date: born(27, 11, 2),
            relation: 'main-resident',
            email: 'milena@example.org',
          },
        ],
        address: { postcode: '1911 MJ', house_number: 27, street: 'Middelweg', city: 'Uitgeest' },
      },
      requests: [
        {
          daysAgo: 120,
          channel: 'phone',
          question: 'Ik heb schulden bij de zorgverzekeraar en ik kan mijn huur niet betalen.',
          domains: ['finances', 'housing'],
          answered: true,
        },
      ],
      assessments: [
        {
          daysAgo: 115,
          body: {
            instrument: 'zrm',
            moment: 'intake',
            scores: { finances: 2, housing: 3, 'mental-health': 3, 'work-education': 4 },
          },
        },
        {
          daysAgo: 115,
          body: {
            instrument: 'positive-health',
            moment: 'intake',
            scores: {
              'body-functions': 7,
              'mental-wellbeing': 4,
              meaning: 6,
              'quality-of-life': 4,
              participation: 6,
              'daily-functioning': 5,
            },
            talk_about: ['mental-wellbeing'],
          },
        },
        {
          daysAgo: 20,
          body: {
            instrument: 'zrm',
            moment: 'progress',
            scores: { finances: 4, housing: 4, 'mental-health': 4, 'work-education': 4 },
          },
        },
        {
          daysAgo: 20,
          body: {
            instrument: 'positive-health',
            moment: 'progress',
            scores: {
              'body-functions': 7,
              'mental-wellbeing': 7,
              meaning: 8,
              'quality-of-life': 7,
              participation: 8,
              'daily-functioning': 7,
            },
          },
        },
      ],
    },
    {
      lead: 'consultant',
      household: {
        members: [
          {
            given_name: 'Ellen',
            family_name: 'Verhoeven',
            birth_date: born(44, 3, 8),
            relation: 'main-resident',
          },
          { given_name: 'Mark', family_name: 'Verhoeven', birth_date: born(46, 7, 30), relation: 'partner' },
          { given_name: 'Lotte', family_name: 'Verhoeven', birth_date: born(12, 5, 5), relation: 'child' },
        ],
        address: { postcode: '1902 BV', house_number: 81, street: 'Dorpsstraat', city: 'Castricum' },
      },
      requests: [
        {
          daysAgo: 30,
          channel: 'signal',
          question:
            'De jongerenwerker maakt zich zorgen: Lotte zorgt veel voor haar zieke moeder en er is veel ruzie thuis. Vader is zijn werk kwijt.',
          domains: ['domestic-relations', 'physical-health', 'work-education'],
          answered: true,
        },
      ],
      assessments: [
        {
          daysAgo: 25,
          body: {
            instrument: 'zrm',
            moment: 'intake',
            scores: {
              'domestic-relations': 2,
              'physical-health': 2,
              'work-education': 2,
              finances: 3,
              'social-network': 3,
            },
          },
        },
      ],
    },
  ];
}

function generatedStory(r: ReturnType<typeof prng>, cores: Core[], n: number, today: Date): Story {
  const core = cores[n % cores.length]!;
  const familyName = r.pick(familyNames);
  const year = today.getUTCFullYear();
  // Born at least a year ago: the household may have been registered up to 300 days back.
  const birth = (minAge: number, maxAge: number) =>
    `${year - 1 - r.int(minAge, maxAge)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const shape = r.pick([
    'single',
    'single',
    'couple',
    'family',
    'family',
    'single-parent',
    'senior',
  ] as const);
  const members: HouseholdBody['members'] = [];
  const add = (kind: 'adult' | 'child', relation: MemberRelation, age: [number, number]) =>
    members.push({
      given_name: r.pick(givenNames[kind]),
      family_name: relation === 'partner' && r.chance(0.4) ? r.pick(familyNames) : familyName,
      birth_date: birth(...age),
      relation,
      phone: relation === 'main-resident' ? `06 ${String(r.int(10000000, 99999999))}` : null,
    });
  add('adult', 'main-resident', shape === 'senior' ? [68, 92] : [19, 66]);
  if (shape === 'couple' || shape === 'family' || (shape === 'senior' && r.chance(0.5)))
    add('adult', 'partner', shape === 'senior' ? [66, 90] : [20, 66]);
  if (shape === 'family' || shape === 'single-parent')
    for (let k = r.int(1, 3); k > 0; k--) add('child', 'child', [0, 17]);

  const opened = r.int(1, 300);
  const requests: Story['requests'] = [];
  const first = r.pick(questions);
  requests.push({
    daysAgo: opened,
    channel: r.pick(channelWeights),
    question: first.text,
    domains: first.domains,
    // Older questions were answered; recent ones wait, and a few slipped past their deadline.
    answered: opened > 3 ? !r.chance(0.04) : false,
  });
  if (opened > 40 && r.chance(0.3)) {
    const later = r.pick(questions);
    const daysAgo = r.int(0, opened - 30);
    requests.push({
      daysAgo,
      channel: r.pick(channelWeights),
      question: later.text,
      domains: later.domains,
      answered: daysAgo > 2,
    });
  }

  const assessments: Story['assessments'] = [];
  const domains = [...new Set(requests.flatMap((q) => q.domains))];
  if (opened > 7 && r.chance(0.75)) {
    const intake: Record<string, number> = {};
    for (const code of zrmCodes)
      if (domains.includes(code) || r.chance(0.35))
        intake[code] = domains.includes(code) ? r.int(1, 3) : r.int(3, 5);
    assessments.push({
      daysAgo: opened - r.int(0, 5),
      body: { instrument: 'zrm', moment: 'intake', scores: intake },
    });
    if (opened > 60 && r.chance(0.6)) {
      const progress = Object.fromEntries(
        Object.entries(intake).map(([code, v]) => [code, Math.min(5, Math.max(1, v + r.int(-1, 2)))]),
      );
      assessments.push({
        daysAgo: r.int(1, opened - 45),
        body: { instrument: 'zrm', moment: 'progress', scores: progress },
      });
    }
  }
  if (opened > 7 && r.chance(0.4)) {
    const scores = Object.fromEntries(healthCodes.map((c) => [c, r.int(2, 8)]));
    const low = healthCodes.filter((c) => scores[c]! <= 4);
    assessments.push({
      daysAgo: opened - r.int(0, 7),
      body: { instrument: 'positive-health', moment: 'intake', scores, talk_about: low.slice(0, 2) },
    });
    if (opened > 90 && r.chance(0.5))
      assessments.push({
        daysAgo: r.int(1, 40),
        body: {
          instrument: 'positive-health',
          moment: 'progress',
          scores: Object.fromEntries(healthCodes.map((c) => [c, Math.min(10, scores[c]! + r.int(0, 3))])),
        },
      });
  }
  // A postcode of the core with letters from the sequence number: no two demo households share an address.
  const postcode = `${r.pick(core.postcodes)} ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}`;
  return {
    lead: n % 5 === 0 ? 'teamLead' : n % 7 === 0 ? 'expert' : 'consultant',
    household: {
      members,
      address: { postcode, house_number: r.int(1, 250), street: r.pick(streets), city: core.city },
      confirm_new_household: true,
    },
    requests,
    assessments: assessments.sort((a, b) => b.daysAgo - a.daysAgo),
  };
}

/** Loads the demo households; `secretKey` seals the BSNs and questions exactly as the running app will read them. */
export async function loadCaseworkDemo(
  db: Database,
  tenantId: string,
  secretKey: string = loadConfig().secretKey,
  count: number = DEMO_HOUSEHOLDS,
): Promise<{ households: number }> {
  const tenant = (await tenantById(db, tenantId)) as Tenant;
  const sealer: Sealer = makeSealer(secretKey);
  const system: Actor = { tenantId, userId: null, roles: ['administrator'], purpose: 'demo casework' };
  const users = await db.tenant(tenantId, (tx) => listUsers(tx, system));
  const byEmail = (email: string) => users.find((u) => u.email === email);
  const leads = {
    consultant: byEmail('consulent@buch.demo'),
    teamLead: byEmail('teamleider@buch.demo'),
    expert: byEmail('expert@buch.demo'),
  };
  const cores = await coresOf(db, tenantId);
  if (!leads.consultant || !cores.length) return { households: 0 };
  const today = new Date();
  const r = prng(20250401);
  const stories = [
    ...seedStories(today),
    ...Array.from({ length: count - 3 }, (_, n) => generatedStory(r, cores, n, today)),
  ];
  const texts = caseworkTexts('nl');
  let households = 0;
  for (const story of stories) {
    const lead = leads[story.lead] ?? leads.consultant;
    const at = (daysAgo: number, hour: number): CaseworkContext => {
      const now = new Date(today.getTime() - daysAgo * DAY_MS);
      // Office hours in Dutch time (UTC+1 in winter, close enough for a demo); never later than now.
      now.setUTCHours(hour - 1, 0, 0, 0);
      return {
        actor: { tenantId, userId: lead.id, roles: lead.roles, purpose: 'demo casework' },
        tenant,
        locale: 'nl',
        texts,
        now: now > today ? today : now,
        sealer,
        publicUrl: '',
      };
    };
    const first = story.requests[0]!;
    await db.tenant(tenantId, async (tx) => {
      const registered = await registerHousehold(tx, at(first.daysAgo, 9), story.household);
      if (registered.kind !== 'created') return;
      households++;
      const id = registered.household.id;
      for (const q of story.requests) {
        const request = await createSupportRequest(tx, at(q.daysAgo, 10), {
          household_id: id,
          channel: q.channel,
          question: q.question,
          life_domains: q.domains,
        });
        if (q.answered) await respondToSupportRequest(tx, at(Math.max(0, q.daysAgo - 1), 14), request.id);
      }
      for (const a of story.assessments) {
        const ctx = at(a.daysAgo, 15);
        await recordAssessment(tx, ctx, id, { ...a.body, assessed_on: dateOf(ctx.now) });
      }
    });
  }
  return { households };
}
