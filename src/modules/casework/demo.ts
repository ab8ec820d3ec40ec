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
import { addAction, addGoal, linkResidentAccount } from './plan.js';
import { closeCase, recordCheckIn } from './closure.js';
import { escalateCase, returnCase } from './escalation.js';
import type { ActionStatus, ExpertiseArea, Outcome, Performer } from './plan.tables.js';
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
  /** What happens after intake: a plan, scaling up and back, closure with aftercare. */
  course?: {
    planDaysAgo: number;
    goals: { domain: string; text: string }[];
    actions: {
      goal: number;
      description: string;
      performer: Performer;
      name?: string;
      dueInDays: number;
      status: ActionStatus;
    }[];
    escalate?: { daysAgo: number; area: ExpertiseArea; note: string; returnDaysAgo?: number };
    close?: { daysAgo: number; outcome: Outcome };
    /** The demo resident's account sees this plan under "Mijn plan". */
    residentEmail?: string;
  };
}

/** Goals as residents say them, per life domain. */
const goalTexts: Record<string, string> = {
  finances: 'Ik wil weer overzicht over mijn geld en geen nieuwe schulden.',
  'work-education': 'Ik wil weer iets doen waar ik blij van word: werk, school of vrijwilligerswerk.',
  'time-use': 'Ik wil mijn dagen weer vullen met dingen die ik leuk vind.',
  housing: 'Ik wil een veilig en betaalbaar huis waar ik kan blijven wonen.',
  'domestic-relations': 'Ik wil dat er thuis minder ruzie is.',
  'mental-health': 'Ik wil me rustiger voelen en beter slapen.',
  'physical-health': 'Ik wil weer sterker worden en beter voor mijn lijf zorgen.',
  'substance-use': 'Ik wil minder drinken.',
  'basic-adl': 'Ik wil mezelf kunnen blijven verzorgen, met een beetje hulp.',
  'instrumental-adl': 'Ik wil de post, de boodschappen en het huishouden weer aankunnen.',
  'social-network': 'Ik wil vaker mensen zien en er niet alleen voor staan.',
  'community-participation': 'Ik wil meedoen in het dorp.',
  justice: 'Ik wil dat de taakstraf goed afloopt.',
};
const actionPool: readonly { description: string; performer: Performer; name?: string }[] = [
  {
    description: 'Samen de post doornemen en een overzicht van de rekeningen maken',
    performer: 'volunteer',
    name: 'Thuisadministratie',
  },
  { description: 'Langsgaan bij de koffie-inloop in het buurthuis', performer: 'resident' },
  { description: 'Dochter helpt elke week met boodschappen', performer: 'own-network', name: 'dochter' },
  { description: 'Aanmelden bij schuldhulpverlening', performer: 'professional' },
  { description: 'Gesprek met de huisarts over slapen en piekeren', performer: 'resident' },
  { description: 'Kennismaken met een maatje', performer: 'volunteer', name: 'Maatjesproject' },
  { description: 'Meedoen aan de beweeggroep voor ouderen', performer: 'basic-service', name: 'Beweeggroep' },
  { description: 'Huurachterstand bespreken met de woningcorporatie', performer: 'professional' },
];

/** The seeds' stories, so the demo tells them too: 004 §3.4 and §3.5, 000 §3.3. */
function seedStories(today: Date): Story[] {
  const born = (age: number, month: number, day: number) =>
    `${today.getUTCFullYear() - age}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const stories: Story[] = [
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
          daysAgo: 15,
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
    {
      // The demo resident's own household: "Mijn plan" shows this plan.
      lead: 'consultant',
      household: {
        members: [
          {
            given_name: 'Ria',
            family_name: 'de Vries',
            birth_date: born(71, 4, 9),
            relation: 'main-resident',
          },
        ],
        address: { postcode: '1931 RV', house_number: 3, street: 'Zeeweg', city: 'Egmond aan Zee' },
      },
      requests: [
        {
          daysAgo: 21,
          channel: 'walk-in',
          question: 'Sinds mijn man overleden is, zie ik bijna niemand meer. En de post stapelt zich op.',
          domains: ['social-network', 'instrumental-adl'],
          answered: true,
        },
      ],
      assessments: [],
    },
  ];
  // After intake: a plan for everyone; Tarik and Maryam scaled up to youth and back, then closed with aftercare.
  stories[0]!.course = {
    planDaysAgo: 50,
    goals: [{ domain: 'work-education', text: 'Wij willen dat Yusuf zijn huiswerk weer zelf kan maken.' }],
    actions: [
      {
        goal: 0,
        description: 'MDO met school en jeugd- en gezinscoach',
        performer: 'professional',
        dueInDays: 7,
        status: 'done',
      },
      {
        goal: 0,
        description: 'Vaste huiswerkplek en -tijd thuis afspreken',
        performer: 'resident',
        dueInDays: 21,
        status: 'done',
      },
    ],
    escalate: {
      daysAgo: 45,
      area: 'youth',
      note: 'Na het MDO: ambulante jeugdhulp bij ADD lijkt nodig.',
      returnDaysAgo: 20,
    },
    close: { daysAgo: 12, outcome: 'custom-provision' },
  };
  stories[1]!.course = {
    planDaysAgo: 114,
    goals: [
      { domain: 'finances', text: 'Ik wil mijn schulden aflossen en mijn huur weer op tijd betalen.' },
      { domain: 'housing', text: 'Ik wil in mijn huis kunnen blijven wonen.' },
    ],
    actions: [
      {
        goal: 0,
        description: 'Budgetplan maken: leefgeld, beheerrekening en reserve ("Quick Fix")',
        performer: 'professional',
        dueInDays: 14,
        status: 'done',
      },
      {
        goal: 0,
        description: 'Betalingsregeling met de zorgverzekeraar',
        performer: 'resident',
        dueInDays: 30,
        status: 'done',
      },
      {
        goal: 1,
        description: 'Huurachterstand bespreken met de woningcorporatie',
        performer: 'professional',
        dueInDays: 21,
        status: 'done',
      },
      {
        goal: 0,
        description: 'Voorlichting geven aan jongeren over schulden',
        performer: 'resident',
        dueInDays: 150,
        status: 'planned',
      },
    ],
  };
  stories[2]!.course = {
    planDaysAgo: 24,
    goals: [
      {
        domain: 'domestic-relations',
        text: 'Lotte wil gewoon kind kunnen zijn en niet alles thuis hoeven te doen.',
      },
      { domain: 'physical-health', text: 'Wij willen hulp bij de zorg voor mama.' },
    ],
    actions: [
      {
        goal: 0,
        description: 'Lotte doet mee als vrijwilliger bij het jongerenwerk',
        performer: 'resident',
        dueInDays: 14,
        status: 'in-progress',
      },
      {
        goal: 1,
        description: 'Respijtzorg en mantelzorgondersteuning voor het gezin',
        performer: 'basic-service',
        name: 'Mantelzorgsteunpunt',
        dueInDays: 30,
        status: 'planned',
      },
    ],
  };
  stories[3]!.course = {
    planDaysAgo: 18,
    goals: [
      { domain: 'social-network', text: 'Ik wil weer mensen om me heen hebben.' },
      { domain: 'instrumental-adl', text: 'Ik wil de post weer zelf kunnen bijhouden.' },
    ],
    actions: [
      {
        goal: 0,
        description: 'Naar de koffie-inloop in het buurthuis',
        performer: 'resident',
        dueInDays: 10,
        status: 'in-progress',
      },
      {
        goal: 1,
        description: 'Hulp bij de thuisadministratie',
        performer: 'volunteer',
        name: 'Thuisadministratie',
        dueInDays: 30,
        status: 'planned',
      },
    ],
    residentEmail: 'inwoner@buch.demo',
  };
  return stories;
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

  // One in ten came in the last days: the team overview has questions waiting, within and past the deadline.
  const opened = r.chance(0.1) ? r.int(0, 3) : r.int(4, 300);
  const requests: Story['requests'] = [];
  const first = r.pick(questions);
  requests.push({
    daysAgo: opened,
    channel: r.pick(channelWeights),
    question: first.text,
    domains: first.domains,
    // Older questions were answered; recent ones wait, and a few slipped past their deadline.
    answered: opened >= 2 ? !r.chance(0.04) : false,
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
  let course: Story['course'];
  if (opened > 10 && r.chance(0.7)) {
    const planDaysAgo = opened - r.int(2, 7);
    const goals = domains.slice(0, 2).map((d) => ({ domain: d, text: goalTexts[d] ?? goalTexts.finances! }));
    const actions = Array.from({ length: r.int(1, 3) }, () => {
      const a = r.pick(actionPool);
      const dueInDays = r.int(7, 90);
      const passed = planDaysAgo - dueInDays > 0;
      return {
        goal: r.int(0, goals.length - 1),
        ...a,
        dueInDays,
        status: (passed
          ? r.pick(['done', 'done', 'in-progress'] as const)
          : r.pick(['planned', 'in-progress'] as const)) as ActionStatus,
      };
    });
    course = { planDaysAgo, goals, actions };
    if (opened > 40 && r.chance(0.15))
      course.escalate = {
        daysAgo: planDaysAgo - 10,
        area: r.chance(0.5) ? 'wmo' : 'youth',
        note: 'Lichte ondersteuning is niet genoeg; graag beoordelen of een maatwerkvoorziening nodig is.',
        returnDaysAgo: opened > 100 && r.chance(0.6) ? planDaysAgo - 60 : undefined,
      };
    const escalatedNow = course.escalate && course.escalate.returnDaysAgo === undefined;
    if (opened > 120 && !escalatedNow && r.chance(0.45))
      course.close = {
        daysAgo: r.int(10, planDaysAgo - 70),
        outcome: course.escalate
          ? 'custom-provision'
          : r.pick([
              'solved-in-social-base',
              'solved-in-social-base',
              'solved-in-social-base',
              'referred-elsewhere',
              'stopped-by-resident',
              'moved-away',
            ] as const),
      };
  }
  // Nothing is measured after a case was closed.
  const closedDaysAgo = course?.close?.daysAgo;
  const measured =
    closedDaysAgo === undefined ? assessments : assessments.filter((a) => a.daysAgo > closedDaysAgo);
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
    assessments: measured.sort((a, b) => b.daysAgo - a.daysAgo),
    course,
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
    ...Array.from({ length: count - 4 }, (_, n) => generatedStory(r, cores, n, today)),
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
      const course = story.course;
      if (!course) return;
      const planCtx = at(course.planDaysAgo, 11);
      let version = 1;
      const goalIds: string[] = [];
      for (const g of course.goals) {
        const plan = await addGoal(tx, planCtx, id, { version, life_domain: g.domain, text: g.text });
        version = plan.version;
        goalIds.push(plan.goals[plan.goals.length - 1]!.id);
      }
      for (const a of course.actions) {
        const due = new Date(planCtx.now.getTime() + a.dueInDays * DAY_MS);
        version = (
          await addAction(tx, planCtx, id, {
            version,
            goal_id: goalIds[a.goal] ?? null,
            description: a.description,
            performer: a.performer,
            performer_name: a.name ?? null,
            due_on: dateOf(due),
            status: a.status,
          })
        ).version;
      }
      if (course.residentEmail)
        await linkResidentAccount(tx, at(course.planDaysAgo, 12), id, registered.household.members[0]!.id, {
          email: course.residentEmail,
        });
      if (course.escalate && leads.expert && lead.id !== leads.expert.id) {
        const e = course.escalate;
        version = (
          await escalateCase(tx, at(e.daysAgo, 13), id, {
            version,
            expert_id: leads.expert.id,
            area: e.area,
            note: e.note,
          })
        ).version;
        if (e.returnDaysAgo !== undefined) {
          const expertCtx = {
            ...at(e.returnDaysAgo, 13),
            actor: { tenantId, userId: leads.expert.id, roles: leads.expert.roles, purpose: 'demo casework' },
          };
          version = (
            await returnCase(tx, expertCtx, id, {
              version,
              note: 'De maatwerkvoorziening loopt. Graag nazorg door het sociaal team.',
            })
          ).version;
        }
      }
      if (course.close) {
        const closed = await closeCase(tx, at(course.close.daysAgo, 16), id, {
          version,
          outcome: course.close.outcome,
          open_actions: 'resident-continues',
        });
        for (const c of closed.check_ins)
          if (new Date(c.due_at) < today)
            await recordCheckIn(tx, { ...at(0, 10), now: new Date(c.due_at) }, id, c.id, {
              result: 'fine',
              note: null,
            });
      }
    });
  }
  return { households };
}
