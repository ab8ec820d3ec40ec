// The source of eval/search-judgments.json: for each resident question, a grade (1-3) per offer of the demo
// corpus, judged by reading the offers (name without the village). `npx tsx eval/build-judgments.ts` expands
// each offer to its services (one per village) and, for a question that names a village, lowers the grade
// with distance unless the offer's service area covers that village. Edit the grades here, not in the JSON.
import fs from 'node:fs';
import { readDemoServices } from '../src/modules/directory/index.js';
import { buchPlaces } from '../src/modules/areas/index.js';

type G = Record<string, number>;
interface Q {
  id: string;
  text: string;
  near?: string;
  village?: string; // the village the question names (in text or near)
  kind: 'situation' | 'typo' | 'village' | 'heavy';
  offers: G;
}

const lonely: G = {
  'Koffie-inloop': 3,
  Buurtkamer: 3,
  'Bezoekdienst aan huis': 3,
  'Huiskamer Slotzicht': 3,
  'Open Huis De Hoeve': 3,
  Zondagmiddagcafé: 3,
  Aanschuiftafel: 3,
  'Telefooncirkel De Zilveren Draad': 3,
  'Maatjesproject Samen Verder': 3,
  'Sociëteit De Zilverreiger': 3,
  Buurtrestaurant: 2,
  'Mannenochtend De Werkplaats': 2,
  'Wandelgroep Samen op Pad': 2,
  'De Luisterpost': 2,
  'Inloophuis De Vuurtoren': 2,
  'Jong Volwassenen Café': 2,
  Dorpscoach: 2,
  Duofietsmaatjes: 2,
  'Welzijn op Recept': 1,
  'Ontmoetingsgroep Alleen Verder': 1,
  Rollatorwandelclub: 1,
  Koersbal: 1,
  'Creatief atelier': 1,
  'Meezingkoor Zing Mee': 1,
  Buurtcoach: 1,
  'Wijkcoach Heiloo': 1,
  'Vrijetijdsmaatje voor mensen met een beperking': 1,
};

const money: G = {
  'Inloopspreekuur Geldzorgen': 3,
  Budgetmaatje: 3,
  Schuldhulpverlening: 3,
  Thuisadministratie: 2,
  'Cursus Grip op je Geld': 2,
  'Sociaal raadslieden': 2,
  Formulierenspreekuur: 1,
  'Beschermingsbewind en budgetbeheer': 1,
  'Spreekuur Jong & Geld': 1,
  'Voedselhulp uitdeelpunt': 1,
  'Meedoenpas BUCH': 1,
};

const carer: G = {
  'Inloopspreekuur mantelzorg': 3,
  Mantelzorgcafé: 3,
  'Mantelzorgconsulent: persoonlijk gesprek': 3,
  'Training Zorgen zonder omvallen': 3,
  'Vrijwillige thuishulp: even vrij van zorg': 3,
  'Logeerhuis De Duinroos': 2,
  'Mantelzorgwaardering aanvragen': 2,
  'Jonge Mantelzorgers Club': 1,
  'Vrijwillige terminale zorg thuis': 1,
  'Naastengroep psychische problemen': 1,
  'Cursus Omgaan met dementie voor naasten': 1,
};

const dementia: G = {
  Geheugencafé: 3,
  'Cursus Omgaan met dementie voor naasten': 3,
  'Ontmoetingsgroep Geheugenkracht': 3,
  'Casemanager dementie': 2,
  'Inloopspreekuur mantelzorg': 2,
  'Mantelzorgconsulent: persoonlijk gesprek': 2,
  Mantelzorgcafé: 2,
  'Logeerhuis De Duinroos': 2,
  'Vrijwillige thuishulp: even vrij van zorg': 2,
  'Meezingkoor Zing Mee': 1,
  'Dagbesteding op de zorgboerderij': 1,
  'Dagactiviteiten De Lindeboom': 1,
  'Training Zorgen zonder omvallen': 1,
  Ouderenadviseur: 1,
};

const digital: G = {
  'Computerinloop 50+': 3,
  'Computerhulp aan huis voor senioren': 3,
  'Digi-spreekuur': 3,
  'Tabletcursus voor senioren': 2,
  'Cursus Digitaal Basis': 2,
  'Voorlichting Veilig online': 1,
};

const questions: Q[] = [
  { id: 'q01', kind: 'situation', text: 'ik zie bijna nooit iemand', offers: lonely },
  { id: 'q02', kind: 'situation', text: 'de rekeningen stapelen zich op', offers: money },
  { id: 'q03', kind: 'situation', text: 'mijn moeder vergeet steeds meer', offers: dementia },
  {
    id: 'q04',
    kind: 'situation',
    text: 'ik voel me somber en zit niet lekker in mijn vel',
    offers: {
      'Cursus Lekker in je Vel': 3,
      'Lotgenotengroep Depressie en Somberheid': 3,
      'Praktijkondersteuner GGZ': 3,
      'Inloophuis De Vuurtoren': 2,
      'De Luisterpost': 2,
      'Herstelacademie Kennemerkust': 2,
      'Algemeen maatschappelijk werk': 2,
      'Welzijn op Recept': 2,
      'Behandeling basis-GGZ': 1,
      'Praatgroep Angst en Paniek': 1,
      'Spreekuur Levensvragen': 1,
    },
  },
  { id: 'q05', kind: 'situation', text: 'ik zorg voor mijn man en het wordt me te zwaar', offers: carer },
  {
    id: 'q06',
    kind: 'situation',
    text: 'ik wil meer bewegen maar weet niet wat bij mij past',
    offers: {
      'Buurtsportcoach: advies over bewegen': 3,
      Beweegmaatje: 3,
      'Wandelgroep Samen op Pad': 2,
      'Fit na 55': 2,
      'Sportinstuif Iedereen Doet Mee': 2,
      'Stoelyoga en ontspanning': 1,
      'Walking football 60+': 1,
      'Beweeggroep Samen in Beweging': 1,
      'Gecombineerde Leefstijlinterventie (GLI)': 1,
    },
  },
  {
    id: 'q07',
    kind: 'situation',
    text: 'ik snap de brieven en formulieren van de gemeente niet',
    offers: {
      Formulierenspreekuur: 3,
      'Sociaal raadslieden': 2,
      Thuisadministratie: 2,
      'Digi-spreekuur': 2,
      'Inloopspreekuur Sociaal Wijkteam': 1,
      'Hulp bij belastingaangifte en toeslagen': 1,
      'Onafhankelijke cliëntondersteuning': 1,
      'Taalhuis spreekuur': 1,
      'Cursus Lezen en Schrijven in Stapjes': 1,
    },
  },
  {
    id: 'q08',
    kind: 'situation',
    text: 'mijn computer doet raar en ik snap mijn tablet niet',
    offers: digital,
  },
  {
    id: 'q09',
    kind: 'situation',
    text: 'ik wil beter Nederlands leren spreken',
    offers: {
      Taalcafé: 3,
      'Nederlandse les voor anderstaligen': 3,
      'Taalmaatje via het Taalhuis': 3,
      'Taalhuis spreekuur': 3,
      'Welkom-maatje voor nieuwe inwoners': 1,
      'Spreekuur inburgering': 1,
      'Ontmoetingsmiddag Oekraïense inwoners': 1,
      'Cursus Lezen en Schrijven in Stapjes': 1,
    },
  },
  {
    id: 'q10',
    kind: 'situation',
    text: 'mijn vrouw is overleden en ik mis haar zo',
    offers: {
      'Rouwgroep Verder na Verlies': 3,
      'Ontmoetingsgroep Alleen Verder': 3,
      Rouwwandeling: 3,
      'Spreekuur Levensvragen': 2,
      'De Luisterpost': 2,
      'Praktijkondersteuner GGZ': 1,
      'Algemeen maatschappelijk werk': 1,
    },
  },
  {
    id: 'q11',
    kind: 'situation',
    text: 'mijn puber luistert niet meer en we hebben steeds ruzie',
    offers: {
      'Cursus Puberbrein': 3,
      Opvoedspreekuur: 3,
      'Schoolmaatschappelijk werk': 2,
      'Cursus Opvoeden met Vertrouwen': 1,
      'Oudergroep Druk in je Hoofd': 1,
      Jongerencoach: 1,
      'Ambulante jeugdhulp': 1,
    },
  },
  {
    id: 'q12',
    kind: 'situation',
    text: 'boodschappen doen lukt niet meer',
    offers: {
      Boodschappenmaatje: 3,
      Boodschappenbus: 3,
      Burenhulpdienst: 2,
      'Egmond Helpt Elkaar': 2,
      'Warme maaltijd aan huis': 1,
      Rijmaatje: 1,
      'Buurtbus Duin & Dorp': 1,
    },
  },
  {
    id: 'q13',
    kind: 'situation',
    text: 'ik heb geen auto en moet naar het ziekenhuis',
    offers: {
      Rijmaatje: 3,
      'Buurtbus Duin & Dorp': 2,
      'Egmond Helpt Elkaar': 2,
      Burenhulpdienst: 2,
      Boodschappenbus: 1,
    },
  },
  {
    id: 'q14',
    kind: 'situation',
    text: 'ik heb geen geld meer voor eten',
    offers: {
      'Voedselhulp uitdeelpunt': 3,
      'Inloopspreekuur Geldzorgen': 2,
      Budgetmaatje: 1,
      Schuldhulpverlening: 1,
      'Kledingpunt De Kapstok': 1,
      'Meedoenpas BUCH': 1,
      Buurtrestaurant: 1,
    },
  },
  {
    id: 'q15',
    kind: 'situation',
    text: 'thuis is het niet veilig, mijn partner slaat mij',
    offers: {
      'Steunlijn Veilig Binnen': 3,
      'Opvang bij huiselijk geweld': 3,
      'Praatgroep Sterker na geweld': 2,
      'Algemeen maatschappelijk werk': 1,
      'Inloopspreekuur Sociaal Wijkteam': 1,
    },
  },
  {
    id: 'q16',
    kind: 'situation',
    text: 'ik drink te veel alcohol en wil minderen',
    offers: {
      'Inloopspreekuur alcohol en drugs': 3,
      'Herstelacademie Kennemerkust': 1,
      'Praktijkondersteuner GGZ': 1,
      'Jongerenspreekuur Je Lijf & Zo': 1,
    },
  },
  {
    id: 'q17',
    kind: 'situation',
    text: 'ik heb net een verblijfsvergunning en ken hier niemand',
    offers: {
      'Begeleiding statushouders': 3,
      'Welkom-maatje voor nieuwe inwoners': 3,
      'Spreekuur inburgering': 2,
      Taalcafé: 2,
      'Vrouwencirkel Samen Sterk': 1,
      'Ontmoetingsmiddag Oekraïense inwoners': 1,
      'Nederlandse les voor anderstaligen': 1,
    },
  },
  {
    id: 'q18',
    kind: 'situation',
    text: 'leuke activiteiten voor mijn peuter',
    offers: {
      Peuterpret: 3,
      'Peutergym en kleuterdans': 3,
      Babycafé: 1,
      'Voorleesmaatjes aan huis': 1,
      Consultatiebureau: 1,
    },
  },
  {
    id: 'q19',
    kind: 'situation',
    text: 'mijn kind wordt gepest op school',
    offers: {
      'Training Sterk in je Schoenen': 3,
      'Schoolmaatschappelijk werk': 3,
      Opvoedspreekuur: 2,
      Jongerenbuddy: 1,
    },
  },
  {
    id: 'q20',
    kind: 'situation',
    text: 'ik zit in de bijstand en wil weer aan het werk',
    offers: {
      'Werkfit: traject naar werk': 3,
      'Leerwerkplek Kringloopwinkel De Tweede Ronde': 2,
      Vrijwilligersvacaturebank: 1,
      Jongerencoach: 1,
      'Vrouwencirkel Samen Sterk': 1,
      'Meewerkdag op de boerderij': 1,
    },
  },
  {
    id: 'q21',
    kind: 'situation',
    text: 'ik heb tijd over en wil iets voor een ander doen',
    offers: {
      Vrijwilligersvacaturebank: 3,
      'Vrijwilligerswerk in Woonzorgcentrum': 3,
      'Bezoekdienst aan huis': 1,
      'Maatschappelijke Diensttijd Kust': 1,
      'Vrijwilligersacademie BUCH': 1,
      'Egmond Helpt Elkaar': 1,
    },
  },
  {
    id: 'q22',
    kind: 'situation',
    text: 'ik ben gevallen en nu bang om weer te vallen',
    offers: {
      'Cursus Stevig Staan': 3,
      'Fit na 55': 2,
      'Stoelyoga en ontspanning': 1,
      'Woonadvies: langer thuis wonen': 1,
      'Uitleenpunt hulpmiddelen': 1,
      Rollatorwandelclub: 1,
    },
  },
  {
    id: 'q23',
    kind: 'situation',
    text: 'overdag iets te doen voor mijn vader met dementie',
    offers: {
      'Ontmoetingsgroep Geheugenkracht': 3,
      'Dagactiviteiten De Lindeboom': 3,
      'Dagbesteding op de zorgboerderij': 3,
      'Casemanager dementie': 2,
      Geheugencafé: 2,
      'Meezingkoor Zing Mee': 1,
      'Vrijwillige thuishulp: even vrij van zorg': 1,
    },
  },
  {
    id: 'q24',
    kind: 'heavy',
    text: 'ik heb een behandeling bij een psycholoog nodig',
    offers: {
      'Behandeling basis-GGZ': 3,
      'Praktijkondersteuner GGZ': 3,
      'Cursus Lekker in je Vel': 1,
      'Algemeen maatschappelijk werk': 1,
    },
  },
  {
    id: 'q25',
    kind: 'heavy',
    text: 'huishoudelijke hulp via de wmo aanvragen',
    offers: {
      'Hulp bij het huishouden (Wmo)': 3,
      'Wmo-ondersteuning aanvragen': 3,
      'Onafhankelijke cliëntondersteuning': 2,
      'Individuele begeleiding (Wmo)': 1,
      'Hulpmiddelen en woningaanpassingen (Wmo)': 1,
      'Inloopspreekuur Sociaal Wijkteam': 1,
    },
  },
  {
    id: 'q26',
    kind: 'heavy',
    text: 'een traplift of rolstoel aanvragen',
    offers: {
      'Hulpmiddelen en woningaanpassingen (Wmo)': 3,
      'Uitleenpunt hulpmiddelen': 2,
      'Wmo-ondersteuning aanvragen': 2,
      'Woonadvies: langer thuis wonen': 1,
    },
  },
  {
    id: 'q27',
    kind: 'situation',
    text: 'ik ben 19 en voel me vaak alleen',
    offers: {
      'Jong Volwassenen Café': 3,
      Jongerenbuddy: 3,
      Jongereninloop: 2,
      Jongerencoach: 1,
      'De Luisterpost': 1,
    },
  },
  { id: 'q28', kind: 'typo', text: 'eenzaamhied', offers: lonely },
  { id: 'q29', kind: 'typo', text: 'schuldn en geldzorgn', offers: money },
  { id: 'q30', kind: 'typo', text: 'mantelsorg', offers: carer },
  {
    id: 'q31',
    kind: 'typo',
    text: 'demetie',
    offers: {
      Geheugencafé: 3,
      'Casemanager dementie': 3,
      'Cursus Omgaan met dementie voor naasten': 3,
      'Ontmoetingsgroep Geheugenkracht': 3,
      'Dagbesteding op de zorgboerderij': 2,
      'Logeerhuis De Duinroos': 1,
      'Meezingkoor Zing Mee': 1,
    },
  },
  {
    id: 'q32',
    kind: 'typo',
    text: 'kofie drinken',
    offers: {
      'Koffie-inloop': 3,
      Buurtkamer: 3,
      'Open Huis De Hoeve': 3,
      Zondagmiddagcafé: 3,
      'Huiskamer Slotzicht': 2,
      'Sociëteit De Zilverreiger': 1,
      'Inloophuis De Vuurtoren': 1,
    },
  },
  {
    id: 'q33',
    kind: 'typo',
    text: 'wandlen in de duinen',
    offers: {
      'Wandelgroep Samen op Pad': 3,
      Rollatorwandelclub: 2,
      Rouwwandeling: 1,
      Beweegmaatje: 1,
      Duofietsmaatjes: 1,
    },
  },
  {
    id: 'q34',
    kind: 'typo',
    text: 'computr cursus voor beginners',
    offers: {
      'Cursus Digitaal Basis': 3,
      'Tabletcursus voor senioren': 3,
      'Computerinloop 50+': 2,
      'Digi-spreekuur': 1,
      'Computerhulp aan huis voor senioren': 1,
    },
  },
  {
    id: 'q35',
    kind: 'village',
    text: 'koffie drinken in Egmond aan Zee',
    village: 'Egmond aan Zee',
    offers: {
      'Koffie-inloop': 3,
      'Huiskamer Slotzicht': 3,
      Buurtkamer: 3,
      'Open Huis De Hoeve': 3,
      Zondagmiddagcafé: 3,
      'Computerinloop 50+': 1,
      Dorpscoach: 1,
    },
  },
  { id: 'q36', kind: 'village', text: 'ik ben eenzaam en woon in Heiloo', village: 'Heiloo', offers: lonely },
  { id: 'q37', kind: 'village', text: 'schulden', near: 'Castricum', village: 'Castricum', offers: money },
  { id: 'q38', kind: 'village', text: 'mantelzorg in Bergen', village: 'Bergen', offers: carer },
  {
    id: 'q39',
    kind: 'village',
    text: 'samen wandelen in Uitgeest',
    village: 'Uitgeest',
    offers: {
      'Wandelgroep Samen op Pad': 3,
      Rollatorwandelclub: 2,
      Duofietsmaatjes: 1,
      Beweegmaatje: 1,
    },
  },
  {
    id: 'q40',
    kind: 'village',
    text: 'hulp met mijn tablet',
    near: 'Schoorl',
    village: 'Schoorl',
    offers: digital,
  },
  {
    id: 'q41',
    kind: 'village',
    text: 'iets leuks voor jongeren in Limmen',
    village: 'Limmen',
    offers: {
      Jongereninloop: 3,
      'Jong Volwassenen Café': 1,
      'Maatschappelijke Diensttijd Kust': 1,
      Jongerenbuddy: 1,
      'Sportinstuif Iedereen Doet Mee': 1,
    },
  },
  {
    id: 'q42',
    kind: 'village',
    text: 'boodschappen doen akersloot',
    village: 'Akersloot',
    offers: {
      Boodschappenbus: 3,
      Boodschappenmaatje: 2,
      Burenhulpdienst: 1,
      Rijmaatje: 1,
      'Warme maaltijd aan huis': 1,
    },
  },
  {
    id: 'q43',
    kind: 'village',
    text: 'gezellig samen eten in Limmen',
    village: 'Limmen',
    offers: {
      Buurtrestaurant: 3,
      Aanschuiftafel: 3,
      'Warme maaltijd aan huis': 1,
      Buurtkamer: 1,
    },
  },
  {
    id: 'q44',
    kind: 'village',
    text: 'taalcafe',
    near: '1931 AB',
    village: 'Egmond aan Zee',
    offers: {
      Taalcafé: 3,
      'Taalhuis spreekuur': 2,
      'Nederlandse les voor anderstaligen': 1,
      'Taalmaatje via het Taalhuis': 1,
    },
  },
  {
    id: 'q45',
    kind: 'village',
    text: 'rouwverwerking heilo',
    village: 'Heiloo',
    offers: {
      'Rouwgroep Verder na Verlies': 3,
      Rouwwandeling: 2,
      'Ontmoetingsgroep Alleen Verder': 2,
      'Rouwgroep Samen Missen voor kinderen en tieners': 1,
      'Spreekuur Levensvragen': 1,
    },
  },
  {
    id: 'q46',
    kind: 'village',
    text: 'vragen over de opvoeding, ik woon in Castricum',
    village: 'Castricum',
    offers: {
      Opvoedspreekuur: 3,
      'Cursus Opvoeden met Vertrouwen': 3,
      'Cursus Puberbrein': 2,
      'Oudergroep Druk in je Hoofd': 2,
      Babycafé: 1,
      'Gezin in Balans': 1,
      'Steungezinnen Kust': 1,
    },
  },
  {
    id: 'q47',
    kind: 'heavy',
    text: 'bewindvoering aanvragen omdat het echt niet meer lukt met geld',
    offers: {
      'Beschermingsbewind en budgetbeheer': 3,
      Schuldhulpverlening: 2,
      'Inloopspreekuur Geldzorgen': 1,
      Budgetmaatje: 1,
      'Sociaal raadslieden': 1,
    },
  },
  {
    id: 'q48',
    kind: 'situation',
    text: 'ik heb last van angst en paniekaanvallen',
    offers: {
      'Praatgroep Angst en Paniek': 3,
      'Praktijkondersteuner GGZ': 2,
      'Cursus Lekker in je Vel': 2,
      'Behandeling basis-GGZ': 2,
      'De Luisterpost': 1,
      'Herstelacademie Kennemerkust': 1,
    },
  },
];

const villages =
  /\s(Egmond aan Zee|Egmond-Binnen|Egmond aan den Hoef|Bergen aan Zee|Bergen|Heiloo|Castricum|Groet|Uitgeest|Schoorl|Akersloot|Bakkum|Limmen|De Woude)$/;
const corpus = await readDemoServices();
const offerOf = (name: string) => name.replace(villages, '').trim();
const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function km(a: { latitude: number; longitude: number }, lat: number, lon: number) {
  const dx = (a.longitude - lon) * 111.195 * Math.cos((lat * Math.PI) / 180);
  const dy = (a.latitude - lat) * 111.195;
  return Math.sqrt(dx * dx + dy * dy);
}

const out = questions.map((q) => {
  const judgments: Record<string, number> = {};
  for (const [offer, grade] of Object.entries(q.offers)) {
    const services = corpus.filter((s) => offerOf(s.name).startsWith(offer));
    if (!services.length) throw new Error(`${q.id}: no offer "${offer}"`);
    for (const s of services) {
      let g = grade;
      if (q.village) {
        const place = buchPlaces.find((p) => p.name === q.village)!;
        const loc = s.service_at_locations![0]!.location!;
        const city = loc.addresses?.[0]?.city;
        const areas = (s.service_areas ?? []).map((a) => norm(`${a.name} ${a.description ?? ''}`));
        const served = areas.some((a) => a.includes(norm(place.name)));
        const d = km(place, loc.latitude!, loc.longitude!);
        if (areas.length && !served) g = 0;
        else if (served || city === place.name) g = grade;
        else if (d <= 3) g = grade - 1;
        else if (d <= 8) g = grade - 2;
        else g = grade - 3;
      }
      if (g > 0) judgments[s.id] = g;
    }
  }
  return {
    id: q.id,
    kind: q.kind,
    text: q.text,
    ...(q.near ? { near: q.near } : {}),
    ...(q.village ? { village: q.village } : {}),
    offers: q.offers,
    judgments,
  };
});

fs.writeFileSync(
  new URL('./search-judgments.json', import.meta.url),
  JSON.stringify(
    {
      about:
        'Graded relevance (0-3) of the demo corpus offers for resident questions, judged by reading the offers. ' +
        '"offers" gives the grade per offer (name without village); "judgments" lists every service id with a grade > 0. ' +
        'For questions that name a village, a service keeps its grade in that village or when its service area covers it, ' +
        'loses 1 within 3 km, 2 within 8 km, 3 further away, and gets 0 when its service area leaves the village out.',
      questions: out,
    },
    null,
    2,
  ) + '\n',
);
console.log(
  out.length,
  'questions',
  out.reduce((n, q) => n + Object.keys(q.judgments).length, 0),
  'judgments',
);
