// Demo pathways for seven themes and referrals in every state for the BUCH tenant, made through the use cases
// (with moments in the past), so the inboxes, the route pages and the figures have something to show.
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/audit/index.js';
import type { Role } from '../../platform/auth/permissions.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { tenantById } from '../../platform/tenancy/index.js';
import { sealer } from '../casework/index.js';
import { referralTexts } from './messages.js';
import { savePathway, termIdsByCode, type PathwayInput } from './pathways.js';
import { userIdByEmail } from './queries.js';
import { changeStatus, createReferral, startFromIntake, type ReferralContext } from './service.js';
import type { StepLevel, StepTarget } from './tables.js';

type Step = [StepLevel, string, string, string[], StepTarget, number | null];

const route = (
  key: string,
  theme: string,
  title: string,
  summary: string,
  steps: Step[],
): Omit<PathwayInput, 'steps'> & { stepCodes: Step[] } => ({
  key,
  theme,
  title,
  summary,
  follow_up_weeks: [6, 13],
  stepCodes: steps,
});

/** Seed 000 §3.1: regular group offer → group offer for vulnerable residents → individual / buddy → referral → specialist. */
export const demoPathways = [
  route(
    'eenzaamheid',
    'eenzaamheid',
    'Eenzaamheid',
    'Voor inwoners die zich alleen voelen of weinig mensen zien.',
    [
      [
        'regular-group',
        'Koffie en ontmoeting in de buurt',
        'Een koffie-inloop of huiskamer: gewoon binnenlopen.',
        ['thema:eenzaamheid', 'soort-aanbod:inloop'],
        'offers',
        6,
      ],
      [
        'group-vulnerable',
        'Samen eten of een vaste groep',
        'Een kleine groep met begeleiding, bijvoorbeeld de aanschuiftafel.',
        ['thema:eenzaamheid', 'soort-aanbod:groepsactiviteit'],
        'offers',
        8,
      ],
      [
        'individual',
        'Een maatje of bezoek aan huis',
        'Een vrijwilliger komt langs of gaat mee naar een activiteit.',
        ['thema:eenzaamheid', 'soort-aanbod:vrijwillige-hulp'],
        'offers',
        8,
      ],
      [
        'referral',
        'Welzijnscoach',
        'De welzijnscoach zoekt samen met de inwoner wat past (Welzijn op Recept).',
        [],
        'welfare-coach',
        8,
      ],
      [
        'specialist',
        'Sociaal team',
        'Als er meer speelt: het sociaal team maakt een plan met de inwoner.',
        [],
        'social-team',
        null,
      ],
    ],
  ),
  route(
    'mantelzorg',
    'mantelzorg',
    'Overbelaste mantelzorger',
    'Voor wie voor een naaste zorgt en het zwaar heeft.',
    [
      [
        'regular-group',
        'Mantelzorgcafé en informatie',
        'Andere mantelzorgers ontmoeten en tips krijgen.',
        ['thema:mantelzorg', 'soort-aanbod:informatie-advies'],
        'offers',
        6,
      ],
      [
        'group-vulnerable',
        'Lotgenotengroep',
        'Praten met mensen in dezelfde situatie.',
        ['thema:mantelzorg', 'soort-aanbod:lotgenotencontact'],
        'offers',
        8,
      ],
      [
        'individual',
        'Respijt en hulp aan huis',
        'Even vrij: een vrijwilliger neemt de zorg over.',
        ['thema:mantelzorg', 'soort-aanbod:vrijwillige-hulp'],
        'offers',
        6,
      ],
      [
        'referral',
        'Mantelzorgconsulent via het sociaal team',
        'Samen kijken wat de mantelzorger nodig heeft.',
        [],
        'social-team',
        8,
      ],
      [
        'specialist',
        'Opschalen',
        'Tijdelijke opvang of een maatwerkvoorziening via de expertconsulent.',
        ['thema:mantelzorg', 'soort-aanbod:professionele-hulp'],
        'offers',
        null,
      ],
    ],
  ),
  route('geldzorgen', 'geldzaken', 'Geldzorgen', 'Voor inwoners met schulden of moeite met rondkomen.', [
    [
      'regular-group',
      'Inloopspreekuur geldzorgen',
      'Zonder afspraak vragen stellen over geld en post.',
      ['thema:geldzaken', 'soort-aanbod:inloop'],
      'offers',
      4,
    ],
    [
      'group-vulnerable',
      'Cursus Grip op je Geld',
      'In een kleine groep leren budgetteren.',
      ['thema:geldzaken', 'soort-aanbod:cursus'],
      'offers',
      8,
    ],
    [
      'individual',
      'Budgetmaatje of thuisadministratie',
      'Een vrijwilliger helpt thuis met de administratie.',
      ['thema:geldzaken', 'soort-aanbod:vrijwillige-hulp'],
      'offers',
      8,
    ],
    [
      'referral',
      'Sociaal team',
      'Bij schulden: het sociaal team zoekt met de inwoner een oplossing.',
      [],
      'social-team',
      6,
    ],
    [
      'specialist',
      'Schuldhulpverlening',
      'Professionele schuldhulp of bewind.',
      ['thema:geldzaken', 'soort-aanbod:professionele-hulp'],
      'offers',
      null,
    ],
  ]),
  route('opvoedvragen', 'opvoeden', 'Opvoedvragen', 'Voor ouders met vragen over opvoeden en opgroeien.', [
    [
      'regular-group',
      'Ouders ontmoeten',
      'Een ouderochtend of inloop voor ouders.',
      ['thema:opvoeden', 'soort-aanbod:inloop'],
      'offers',
      6,
    ],
    [
      'group-vulnerable',
      'Oudercursus',
      'Een cursus over opvoeden in een kleine groep.',
      ['thema:opvoeden', 'soort-aanbod:cursus'],
      'offers',
      8,
    ],
    [
      'individual',
      'Gesprek met een opvoedadviseur',
      'Een paar gesprekken met een professional.',
      ['thema:opvoeden', 'soort-aanbod:individuele-ondersteuning'],
      'offers',
      8,
    ],
    ['referral', 'Sociaal team (jeugd)', 'Als er meer speelt in het gezin.', [], 'social-team', 8],
    [
      'specialist',
      'Specialistische jeugdhulp',
      'Via de expertconsulent jeugd.',
      ['thema:jeugd', 'soort-aanbod:professionele-hulp'],
      'offers',
      null,
    ],
  ]),
  route(
    'psychische-klachten',
    'ggz',
    'Psychische klachten',
    'Voor inwoners die somber, angstig of gespannen zijn.',
    [
      [
        'regular-group',
        'Inloophuis',
        'Een plek om binnen te lopen en mensen te ontmoeten.',
        ['thema:ggz', 'soort-aanbod:inloop'],
        'offers',
        6,
      ],
      [
        'group-vulnerable',
        'Cursus of lotgenotengroep',
        'Lekker in je Vel, of een groep over somberheid of angst.',
        ['thema:ggz', 'soort-aanbod:lotgenotencontact'],
        'offers',
        8,
      ],
      [
        'individual',
        'Maatje',
        'Een vrijwilliger om samen dingen mee te doen.',
        ['thema:ggz', 'soort-aanbod:maatje'],
        'offers',
        8,
      ],
      [
        'referral',
        'Algemeen maatschappelijk werk',
        'Gesprekken met een maatschappelijk werker.',
        ['thema:ggz', 'soort-aanbod:individuele-ondersteuning'],
        'offers',
        8,
      ],
      [
        'specialist',
        'Huisarts en ggz',
        'Terug naar de huisarts voor verwijzing naar de ggz.',
        [],
        'social-team',
        null,
      ],
    ],
  ),
  route(
    'nieuwkomers-en-taal',
    'taal',
    'Nieuwkomers en taal',
    'Voor nieuwe inwoners en wie beter Nederlands wil leren.',
    [
      [
        'regular-group',
        'Taalcafé',
        'Nederlands oefenen in een ontspannen groep.',
        ['thema:taal', 'soort-aanbod:groepsactiviteit'],
        'offers',
        6,
      ],
      [
        'group-vulnerable',
        'Taalles',
        'Een cursus Nederlands.',
        ['thema:taal', 'soort-aanbod:cursus'],
        'offers',
        12,
      ],
      [
        'individual',
        'Taalmaatje of welkom-maatje',
        'Een vrijwilliger helpt met de taal en de weg vinden.',
        ['thema:nieuwkomers', 'soort-aanbod:maatje'],
        'offers',
        8,
      ],
      [
        'referral',
        'Formulierenspreekuur',
        'Hulp bij brieven en formulieren.',
        ['thema:nieuwkomers', 'soort-aanbod:inloop'],
        'offers',
        6,
      ],
      ['specialist', 'Sociaal team', 'Als er meer speelt: wonen, werk of inkomen.', [], 'social-team', null],
    ],
  ),
  route(
    'digitale-vaardigheden',
    'digitale-vaardigheden',
    'Digitale vaardigheden',
    'Voor wie moeite heeft met de computer, de telefoon of DigiD.',
    [
      [
        'regular-group',
        'Digi-spreekuur of computerinloop',
        'Zonder afspraak vragen stellen over computer en telefoon.',
        ['thema:digitale-vaardigheden', 'soort-aanbod:inloop'],
        'offers',
        4,
      ],
      [
        'group-vulnerable',
        'Cursus Digitaal Basis of tabletcursus',
        'In een kleine groep stap voor stap leren.',
        ['thema:digitale-vaardigheden', 'soort-aanbod:cursus'],
        'offers',
        8,
      ],
      [
        'individual',
        'Computerhulp aan huis',
        'Een vrijwilliger komt thuis helpen.',
        ['thema:digitale-vaardigheden', 'soort-aanbod:vrijwillige-hulp'],
        'offers',
        6,
      ],
      [
        'referral',
        'Welzijnscoach',
        'Als digitale zorgen samengaan met andere zorgen.',
        [],
        'welfare-coach',
        8,
      ],
      ['specialist', 'Sociaal team', 'Bij achterstanden met toeslagen of post.', [], 'social-team', null],
    ],
  ),
];

/** The demo pathways, with term codes turned into this tenant's directory term ids. */
export async function saveDemoPathways(tx: TenantTx, actor: Actor, now: Date) {
  const ids = await termIdsByCode(tx);
  const saved = [];
  for (const { stepCodes, ...p } of demoPathways) {
    const steps = stepCodes.map(([level, title, description, codes, target, weeks]) => ({
      level,
      title,
      description,
      target,
      taxonomy_term_ids: codes.map((c) => ids.get(c)).filter((id): id is string => !!id),
      evaluate_after_weeks: weeks,
    }));
    saved.push(await savePathway(tx, actor, referralTexts('nl'), { ...p, steps }, now));
  }
  return saved;
}

const KOFFIE_EGMOND = '7a034595-0d44-5abf-80a6-d8eca4885857';
const AANSCHUIF_EGMOND = '7e35947c-5ad9-5583-9f2a-a641058e0359';
const HUISKAMER = '541e15ef-0d73-5bb2-91c3-02833d404b04';
const KOFFIE_BERGEN = 'f4afed7f-a33d-537e-93a2-87a93d837534';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const givenNames = ['Henk', 'Gerda', 'Johan', 'Truus', 'Piet', 'Annie', 'Cor', 'Wil', 'Klaas', 'Mien'];
const familyNames = ['Zwart', 'Kok', 'de Wit', 'Bos', 'Meijer', 'Visser'];
const postcodes = ['1931 AB', '1931 CD', '1934 EF', '1862 AB', '1935 AA', '1861 BC', '1871 AB'];

/** A made-up resident per number: names, birth dates and postcodes cycle, so the demo is the same every time. */
function resident(n: number) {
  return {
    given_name: givenNames[n % givenNames.length]!,
    family_name: familyNames[Math.floor(n / givenNames.length) % familyNames.length]!,
    birth_date: `${1936 + (n % 17)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`,
    postcode: postcodes[n % postcodes.length]!,
  };
}

/** Hours until first contact: most within 48, some not (seed 003: "binnen 48 uur reactie"). */
const contactHours = [4, 18, 26, 30, 52, 9, 22, 40, 12, 70, 6, 33, 47, 15, 60];

export async function loadReferralsDemo(
  db: Database,
  tenantId: string,
  config: Pick<Config, 'secretKey' | 'publicUrl'>,
): Promise<void> {
  const tenant = (await tenantById(db, tenantId))!;
  const seal = sealer(config.secretKey);
  const now = new Date();
  await db.tenant(tenantId, async (tx) => {
    const who = async (email: string, roles: Role[]) => ({
      tenantId,
      userId: (await userIdByEmail(tx, email)) ?? null,
      roles,
      purpose: 'demo',
    });
    const gp = await who('huisarts@buch.demo', ['referring-partner']);
    const coach = await who('consulent@buch.demo', ['consultant']);
    const provider = await who('aanbieder@buch.demo', ['provider']);
    const coordinator = await who('coordinator@buch.demo', ['coordinator']);
    const ctx = (actor: Actor, at: Date): ReferralContext => ({
      actor,
      tenant,
      locale: 'nl',
      texts: referralTexts('nl'),
      now: at,
      sealer: seal,
      publicUrl: config.publicUrl,
    });
    const pathways = await saveDemoPathways(tx, coordinator, new Date(now.getTime() - 90 * DAY));
    const loneliness = pathways[0]!;
    const offers = [KOFFIE_EGMOND, KOFFIE_EGMOND, AANSCHUIF_EGMOND, HUISKAMER, KOFFIE_BERGEN];
    // Thirty referrals from the GP to offers of the demo provider, spread over ten weeks, in every state.
    const endings = [
      ['completed', null],
      ['completed', null],
      ['started', null],
      ['started', null],
      ['declined', 'full'],
      ['no-show', null],
      ['completed', null],
      ['declined', 'not-suitable'],
      ['contacted', null],
      ['sent', null],
    ] as const;
    for (let i = 0; i < 30; i++) {
      const [end, reasonCode] = endings[i % endings.length]!;
      const sentAt = new Date(now.getTime() - (75 - i * 2.4) * DAY);
      const created = await createReferral(tx, ctx(gp, sentAt), {
        resident: resident(i),
        target: { service_id: offers[i % offers.length]! },
        reason: 'Weinig contacten sinds het overlijden van de partner; wil graag meer onder de mensen komen.',
        consent: { given: true, scope: 'Contact over de verwijzing en terugkoppeling aan de huisarts.' },
        pathway_id: loneliness.id,
        pathway_step: 1,
      });
      if (created.kind !== 'created' || end === 'sent') continue;
      const id = created.referral.id;
      const contactAt = new Date(sentAt.getTime() + contactHours[i % contactHours.length]! * HOUR);
      const step = (status: Parameters<typeof changeStatus>[3]['status'], at: Date, extra = {}) =>
        changeStatus(tx, ctx(provider, at), id, { status, ...extra });
      if (end === 'declined') {
        await step('declined', contactAt, {
          reason_code: reasonCode,
          reason: 'De groep is op dit moment vol.',
        });
        continue;
      }
      await step('received', new Date(sentAt.getTime() + HOUR));
      await step('contacted', contactAt);
      if (end === 'contacted') continue;
      if (end === 'no-show') {
        await step('no-show', new Date(contactAt.getTime() + 7 * DAY));
        continue;
      }
      await step('started', new Date(contactAt.getTime() + 5 * DAY));
      if (end === 'completed')
        await step('completed', new Date(contactAt.getTime() + 40 * DAY), {
          outcome: 'Komt nu elke week en heeft nieuwe contacten.',
        });
    }
    // One Welzijn op Recept loop: GP → welfare coach → intake with the loneliness pathway → two offers started.
    const wor = await createReferral(tx, ctx(gp, new Date(now.getTime() - 20 * DAY)), {
      resident: { ...resident(40), phone: '06 12345678' },
      target: { kind: 'welfare-coach' },
      reason: 'Weduwnaar, voelt zich eenzaam en komt weinig buiten.',
      consent: { given: true, scope: 'Intake door de welzijnscoach en terugkoppeling aan de huisarts.' },
    });
    if (wor.kind === 'created') {
      await changeStatus(tx, ctx(coach, new Date(now.getTime() - 19 * DAY)), wor.referral.id, {
        status: 'received',
      });
      await startFromIntake(tx, ctx(coach, new Date(now.getTime() - 18 * DAY)), wor.referral.id, {
        pathway_id: loneliness.id,
        service_ids: [KOFFIE_EGMOND, HUISKAMER],
        report_after_weeks: 6,
        consent_given: true,
      });
    }
    // One that waits for the welfare coach, and is past its deadline.
    await createReferral(tx, ctx(gp, new Date(now.getTime() - 3 * DAY)), {
      resident: resident(41),
      target: { kind: 'welfare-coach' },
      reason: 'Mantelzorger voor haar man, zwaar belast.',
      consent: { given: true, scope: 'Contact over de verwijzing.' },
    });
  });
}
