// The assessment instruments as versioned item sets: data, not logic. Each assessment stores the item set it
// was made with, so a later version (e.g. the 42 aspects of Positieve Gezondheid) can sit beside this one and
// old scores keep their meaning. Only the names of domains and levels are here, never the ZRM criteria texts
// (those are copyrighted; professionals use the official matrix).
import type { Instrument } from './tables.js';

export interface ItemSet {
  id: string;
  instrument: Instrument;
  /** Lowest and highest score, whole numbers. */
  min: number;
  max: number;
  /** May the resident mark an item "hier wil ik over praten"? */
  talkFlag: boolean;
  items: readonly { code: string; nl: string; en: string }[];
  /** Names of the levels, where the instrument names them (ZRM). */
  levels?: Readonly<Record<number, { nl: string; en: string }>>;
}

/** Zelfredzaamheid-Matrix 2017: 13 life domains, levels 1–5. The codes are also the life domains of casework. */
export const zrm2017: ItemSet = {
  id: 'zrm-2017',
  instrument: 'zrm',
  min: 1,
  max: 5,
  talkFlag: false,
  items: [
    { code: 'finances', nl: 'Financiën', en: 'Finances' },
    { code: 'work-education', nl: 'Werk & opleiding', en: 'Work and education' },
    { code: 'time-use', nl: 'Tijdsbesteding', en: 'Time use' },
    { code: 'housing', nl: 'Huisvesting', en: 'Housing' },
    { code: 'domestic-relations', nl: 'Huiselijke relaties', en: 'Domestic relations' },
    { code: 'mental-health', nl: 'Geestelijke gezondheid', en: 'Mental health' },
    { code: 'physical-health', nl: 'Lichamelijke gezondheid', en: 'Physical health' },
    { code: 'substance-use', nl: 'Middelengebruik', en: 'Substance use' },
    { code: 'basic-adl', nl: 'Basale ADL', en: 'Basic ADL' },
    { code: 'instrumental-adl', nl: 'Instrumentele ADL', en: 'Instrumental ADL' },
    { code: 'social-network', nl: 'Sociaal netwerk', en: 'Social network' },
    { code: 'community-participation', nl: 'Maatschappelijke participatie', en: 'Community participation' },
    { code: 'justice', nl: 'Justitie', en: 'Justice' },
  ],
  levels: {
    1: { nl: 'Acute problematiek', en: 'Acute problems' },
    2: { nl: 'Niet zelfredzaam', en: 'Not self-sufficient' },
    3: { nl: 'Beperkt zelfredzaam', en: 'Barely self-sufficient' },
    4: { nl: 'Voldoende zelfredzaam', en: 'Adequately self-sufficient' },
    5: { nl: 'Volledig zelfredzaam', en: 'Completely self-sufficient' },
  },
};

/** Positieve Gezondheid, the spider web: six dimensions, each self-rated 0–10. */
export const positiveHealth6: ItemSet = {
  id: 'positive-health-6',
  instrument: 'positive-health',
  min: 0,
  max: 10,
  talkFlag: true,
  items: [
    { code: 'body-functions', nl: 'Lichaamsfuncties', en: 'Bodily functions' },
    { code: 'mental-wellbeing', nl: 'Mentaal welbevinden', en: 'Mental wellbeing' },
    { code: 'meaning', nl: 'Zingeving', en: 'Meaningfulness' },
    { code: 'quality-of-life', nl: 'Kwaliteit van leven', en: 'Quality of life' },
    { code: 'participation', nl: 'Meedoen', en: 'Participation' },
    { code: 'daily-functioning', nl: 'Dagelijks functioneren', en: 'Daily functioning' },
  ],
};

export const itemSets: readonly ItemSet[] = [zrm2017, positiveHealth6];

/** The item set new assessments of an instrument use. */
export const currentItemSet: Record<Instrument, ItemSet> = {
  zrm: zrm2017,
  'positive-health': positiveHealth6,
};

export function itemSetById(id: string): ItemSet | undefined {
  return itemSets.find((s) => s.id === id);
}

/** The life domains a support request can name: the ZRM domains. */
export const lifeDomainCodes: readonly string[] = zrm2017.items.map((i) => i.code);
