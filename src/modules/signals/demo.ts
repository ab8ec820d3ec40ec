// Demo signals for the BUCH tenant: the standard categories and a few dozen reports over the cores in the
// last four months, made through the same use cases as real ones, so that collective signals form (lonely
// elderly in a Castricum street, youth in Heiloo, energy bills in Egmond) and some reports are triaged.
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { users } from '../../platform/auth/tables.js';
import type { Database } from '../../platform/db/index.js';
import { tenantById } from '../../platform/tenancy/index.js';
import { signalKeys } from './context.js';
import { signalTexts } from './messages.js';
import {
  addStandardCategories,
  decideCluster,
  listClusters,
  reportSignal,
  triageSignal,
  type Reporter,
  type SignalContext,
} from './service.js';
import type { SignalBody, TriageBody } from './schemas.js';

const DAY_MS = 86_400_000;

type DemoReport = [daysAgo: number, body: SignalBody, partner?: boolean];

const area = (category: string, place: string, description: string): SignalBody => ({
  category,
  description,
  about: 'area',
  area: place,
});
const person = (
  category: string,
  postcode: string,
  houseNumber: number,
  description: string,
): SignalBody => ({
  category,
  description,
  about: 'person',
  person: { postcode, house_number: houseNumber },
});

const reports: DemoReport[] = [
  [
    70,
    area(
      'loneliness',
      'Dorpsstraat, Castricum',
      'Veel ouderen in de Dorpsstraat zitten alleen thuis en zijn eenzaam.',
    ),
    true,
  ],
  [
    52,
    area(
      'loneliness',
      'Castricum',
      'Eenzame oudere bewoners in de Dorpsstraat, ze komen de deur niet meer uit.',
    ),
  ],
  [
    40,
    area(
      'loneliness',
      'Dorpsstraat, Castricum',
      'Mijn buren in de Dorpsstraat zijn eenzaam sinds de buurtsoos dicht is.',
    ),
  ],
  [
    21,
    area(
      'loneliness',
      '1901 AB',
      'Ouderen in de Dorpsstraat vereenzamen, er is geen plek om koffie te drinken.',
    ),
    true,
  ],
  [
    9,
    area('loneliness', 'Castricum', 'In de Dorpsstraat wonen veel eenzame ouderen zonder familie dichtbij.'),
  ],
  [
    4,
    area(
      'loneliness',
      'Dorpsstraat Castricum',
      'Ouderen in de Dorpsstraat vragen of er weer een koffie-ochtend komt, ze zijn eenzaam.',
    ),
  ],
  [
    60,
    area(
      'youth-hanging-around',
      'Heiloo',
      "Jongeren hangen 's avonds rond bij het winkelcentrum en maken overlast.",
    ),
  ],
  [
    33,
    area(
      'youth-hanging-around',
      'Heiloo',
      'Groep jongeren bij het winkelcentrum, veel overlast en geen plek voor ze.',
    ),
    true,
  ],
  [
    18,
    area('youth-hanging-around', '1851', 'Rondhangende jongeren bij het winkelcentrum, zij vervelen zich.'),
  ],
  [
    6,
    area(
      'youth-hanging-around',
      'Heiloo',
      'Weer jongeren bij het winkelcentrum tot laat, buurtbewoners klagen over overlast.',
    ),
  ],
  [
    45,
    area(
      'energy-bills',
      'Egmond aan Zee',
      'Veel vragen bij de bieb over hoge energierekening en achterstand.',
    ),
    true,
  ],
  [
    30,
    area('energy-bills', 'Egmond', 'Bewoners schrikken van de energierekening, vragen om hulp bij betalen.'),
  ],
  [
    12,
    area(
      'energy-bills',
      'Egmond aan den Hoef',
      'Huurders met hoge energierekening weten niet waar ze hulp kunnen krijgen.',
    ),
    true,
  ],
  [45, person('not-right', '1871 AB', 12, 'De post stapelt zich op en de gordijnen blijven dicht.'), true],
  [
    95,
    person('neglect', '1861 CD', 4, 'Tuin en huis zijn erg verwaarloosd, bewoner ziet er slecht uit.'),
    false,
  ],
  [88, person('debts', '1902 EF', 23, 'Deurwaarder was twee keer aan de deur bij de buren.'), true],
  [
    80,
    person('dementia', '1851 GH', 7, 'Oudere buurvrouw loopt verward over straat en vindt haar huis niet.'),
    true,
  ],
  [
    75,
    person('caregiver-overload', '1911 JK', 19, 'Mantelzorger voor haar man is uitgeput en huilt vaak.'),
    false,
  ],
  [66, person('loneliness', '1934 LM', 3, 'Meneer zit elke dag alleen, niemand komt langs.'), true],
  [
    58,
    person('debts', '1921 NP', 41, 'Gezin heeft geen geld voor boodschappen aan het eind van de maand.'),
    true,
  ],
  [47, person('not-right', '1906 RS', 8, 'Al dagen geen licht aan en de krant ligt nog op de mat.')],
  [38, person('neglect', '1873 TV', 15, 'Het huis stinkt en er liggen vuilniszakken in de gang.'), true],
  [27, person('dementia', '1862 WX', 2, 'Buurman vergeet steeds het gas uit te zetten.'), true],
  [
    24,
    person(
      'caregiver-overload',
      '1852 YZ',
      30,
      'Jonge mantelzorger verzuimt school om voor moeder te zorgen.',
    ),
    true,
  ],
  [15, person('debts', '1903 AB', 11, 'Buurvrouw vraagt steeds geld te leen voor de huur.')],
  [11, person('loneliness', '1865 CD', 5, 'Weduwnaar komt sinds de begrafenis de deur niet meer uit.')],
  [8, person('not-right', '1871 AB', 12, 'Nog steeds post op de mat, niemand doet open.'), true],
  [5, person('other', '1935 EF', 9, 'Kinderen zijn vaak alleen thuis tot laat in de avond.'), true],
  [3, person('neglect', '1931 GH', 21, 'Oudere man draagt al weken dezelfde kleren en eet slecht.')],
  [2, person('dementia', '1901 JK', 17, 'Mevrouw belt steeds aan bij de verkeerde deur.'), true],
  [1, person('debts', '1872 LM', 6, 'Energie is afgesloten bij de buren, ze hebben kleine kinderen.')],
  [0, area('loneliness', 'Limmen', 'Ouderen in het dorp missen de dagbesteding die gestopt is.')],
];

async function userIdByEmail(db: Database, email: string): Promise<string | undefined> {
  const [row] = await db.system((tx) =>
    tx.select({ id: users.id }).from(users).where(eq(users.email, email)),
  );
  return row?.id;
}

/** The demo runs before the app is built; it seals with the key the app is configured with. */
export async function loadSignalsDemo(
  db: Database,
  tenantId: string,
  config: Pick<Config, 'secretKey' | 'publicUrl'>,
): Promise<void> {
  const tenant = await tenantById(db, tenantId);
  if (!tenant) return;
  const partnerId = await userIdByEmail(db, 'huisarts@buch.demo');
  const consultantId = await userIdByEmail(db, 'consulent@buch.demo');
  const keys = signalKeys(config);
  const now = Date.now();
  const contextAt = (at: Date, userId: string | null, roles: string[]): SignalContext => ({
    actor: { tenantId, userId, roles, purpose: 'demo' },
    tenant,
    locale: 'nl',
    texts: signalTexts('nl'),
    now: at,
    ...keys,
  });
  await db.tenant(tenantId, (tx) => addStandardCategories(tx, tenantId));
  const families = ['Visser', 'de Boer', 'Mulder', 'Bos', 'Dekker', 'Smit', 'Kok', 'Vos', 'Post', 'Kuipers'];
  for (const [i, [daysAgo, body, partner]] of reports.entries()) {
    const at = new Date(now - daysAgo * DAY_MS - 3 * 3_600_000);
    const reporter: Reporter =
      partner && partnerId
        ? { kind: 'partner', userId: partnerId, roles: ['referring-partner'] }
        : { kind: 'public' };
    const ctx = contextAt(at, reporter.kind === 'partner' ? reporter.userId : null, []);
    const signal = await db.tenant(tenantId, (tx) => reportSignal(tx, ctx, body, reporter));
    // What is older than two days was triaged, after a few hours to a day and a half.
    if (daysAgo < 2 || !consultantId) continue;
    const tctx = contextAt(new Date(at.getTime() + (2 + ((i * 7) % 36)) * 3_600_000), consultantId, [
      'consultant',
    ]);
    const person = body.person;
    let triage: TriageBody;
    if (body.about === 'area')
      triage = { decision: 'nothing', reason: 'Collectief signaal: voor het signaleringsoverleg.' };
    else if (signal.duplicate_of || !person?.postcode || !person.house_number)
      triage = { decision: 'advice', reason: 'Zelfde huishouden als een eerdere melding.' };
    else if (i % 4 === 0 || i % 4 === 2)
      triage = {
        decision: i % 4 === 0 ? 'outreach-visit' : 'referral',
        reason: i % 4 === 0 ? 'Niet pluis: huisbezoek.' : 'Doorverwezen naar schuldhulp.',
        new_household: {
          members: [
            {
              given_name: i % 3 ? 'Maria' : 'Johannes',
              family_name: families[i % families.length]!,
              birth_date: `19${40 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}`,
              relation: 'main-resident',
            },
          ],
          address: { postcode: person.postcode, house_number: person.house_number },
          confirm_new_household: true,
        },
      };
    else
      triage = {
        decision: i % 4 === 1 ? 'advice' : 'nothing',
        reason: i % 4 === 1 ? 'Melder geadviseerd de huisarts te bellen.' : 'Bij navraag geen zorgen.',
      };
    await db.tenant(tenantId, (tx) => triageSignal(tx, tctx, signal.id, triage));
  }
  // The signalling meeting already discussed the energy bills in Egmond.
  const coordinatorId = await userIdByEmail(db, 'coordinator@buch.demo');
  const meeting = contextAt(new Date(now - DAY_MS), coordinatorId ?? null, ['coordinator']);
  await db.tenant(tenantId, async (tx) => {
    const energy = (await listClusters(tx, meeting, { area: 'Egmond' })).find(
      (c) => c.category.code === 'energy-bills',
    );
    if (energy)
      await decideCluster(tx, meeting, energy.id, {
        decision: 'inform-partners',
        note: 'Woningcorporatie en bibliotheek wijzen op het energieloket.',
      });
  });
}
