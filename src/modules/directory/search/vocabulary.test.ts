// The vocabulary and the reading of a question: every entry well formed, every theme of the corpus reachable,
// and residents' situations, misspellings, ages and requests for heavier help recognised.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDemoServices } from '../demo.js';
import { documentOf, isFree, mentionsWheelchair, placesNamed } from './indexer.js';
import { editDistance, lightStem, normalize, tokenize, trigramSimilarity } from './text.js';
import { understand } from './understand.js';
import { targetGroupCodes, themeCodes, vocabulary } from './vocabulary.js';
import { buchPlaces, normalizePlaceName, type Place } from '../../areas/index.js';

const read = (text: string) => understand(tokenize(text));
const themesOf = (text: string) => [...read(text).themes.keys()];

describe('search vocabulary', () => {
  test('has at least 150 entries, each with a phrase and at least one theme, group or heavy mark', () => {
    assert.ok(vocabulary.length >= 150, `${vocabulary.length} entries`);
    for (const e of vocabulary) {
      assert.ok(tokenize(e.say).length > 0, `empty phrase: ${JSON.stringify(e)}`);
      assert.ok(e.themes?.length || e.groups?.length || e.heavy, `"${e.say}" maps to nothing`);
      if (e.weight !== undefined) assert.ok(e.weight > 0 && e.weight <= 1, `"${e.say}" weight ${e.weight}`);
    }
  });

  test('uses only the codes of the thema and doelgroep taxonomies, and no phrase twice', () => {
    const seen = new Set<string>();
    for (const e of vocabulary) {
      for (const t of e.themes ?? []) assert.ok(themeCodes.includes(t), `${e.say}: ${t}`);
      for (const g of e.groups ?? []) assert.ok(targetGroupCodes.includes(g), `${e.say}: ${g}`);
      const key = normalize(e.say);
      assert.ok(!seen.has(key), `"${e.say}" twice`);
      seen.add(key);
    }
  });

  test('reaches every theme and target group the demo corpus uses, and the corpus uses no other', async () => {
    const corpus = await readDemoServices();
    const used = (taxonomy: string) =>
      new Set(
        corpus.flatMap((s) =>
          (s.attributes ?? []).flatMap((a) =>
            a.taxonomy_term?.taxonomy === taxonomy ? [a.taxonomy_term.code!] : [],
          ),
        ),
      );
    assert.deepEqual([...used('thema')].sort(), [...themeCodes].sort());
    assert.deepEqual([...used('doelgroep')].sort(), [...targetGroupCodes].sort());
    const reached = new Set(vocabulary.flatMap((e) => e.themes ?? []));
    for (const code of themeCodes) assert.ok(reached.has(code), `no entry leads to ${code}`);
    const groups = new Set(vocabulary.flatMap((e) => e.groups ?? []));
    for (const code of targetGroupCodes.filter((c) => c !== 'iedereen' && c !== 'volwassenen'))
      assert.ok(groups.has(code), `no entry leads to ${code}`);
  });
});

describe('understanding a question', () => {
  test('situations in residents’ words lead to themes', () => {
    assert.deepEqual(themesOf('ik zie bijna nooit iemand').slice(0, 2), ['eenzaamheid', 'ontmoeting']);
    assert.equal(themesOf('De rekeningen stapelen zich op!')[0], 'geldzaken');
    const moeder = read('mijn moeder vergeet steeds meer');
    assert.deepEqual([...moeder.themes.keys()].slice(0, 2), ['dementie', 'mantelzorg']);
    assert.deepEqual([...moeder.targetGroups.keys()], ['mantelzorgers']);
    assert.equal(themesOf('thuis is het niet veilig')[0], 'huiselijk-geweld');
    assert.equal(themesOf('ik zorg voor mijn man en het wordt me te zwaar')[0], 'mantelzorg');
    assert.equal(themesOf('mijn puber luistert niet')[0], 'opvoeden');
  });

  test('forgives endings and a typo, but not a different word', () => {
    assert.equal(themesOf('eenzaamhied')[0], 'eenzaamheid');
    assert.equal(themesOf('schuldn')[0], 'geldzaken');
    assert.equal(themesOf('mantelsorg')[0], 'mantelzorg');
    assert.equal(themesOf('demetie')[0], 'dementie');
    assert.equal(themesOf('rouwverwerking')[0], 'rouw');
    assert.equal(read('mantelsorg').corrected.get(0), 'mantelzorg');
    // Near misses that mean something else.
    assert.ok(!themesOf('rekenen').includes('geldzaken'), 'rekenen is no rekeningen');
    assert.ok(!themesOf('mijn vrouw').includes('rouw'), 'vrouw is no rouw');
  });

  test('a word alone that means little weighs less than the phrase it is part of', () => {
    assert.ok(
      read('alleen').themes.get('eenzaamheid')! < read('ik voel me alleen').themes.get('eenzaamheid')!,
    );
  });

  test('words asking for treatment, an indication or a specialist ask for heavier help', () => {
    assert.equal(read('ik heb een psycholoog nodig').heavy, true);
    assert.equal(read('indicatie voor dagbesteding').heavy, true);
    assert.equal(read('ik zie bijna nooit iemand').heavy, false);
  });

  test('an age in the question gives the target group', () => {
    const young = read('ik ben 19 en voel me alleen');
    assert.equal(young.age, 19);
    assert.ok(young.targetGroups.has('jongeren'));
    assert.ok(read('ik ben 80 jaar').targetGroups.has('ouderen'));
    assert.equal(read('65 plus').age, 65);
    assert.equal(read('1931').age, undefined);
  });

  test('words the offers use for a situation are searched for too', () => {
    assert.ok(read('gezellig samen eten').words.has('maaltijd'));
  });

  test('nothing is recognised in noise', () => {
    for (const text of ['', '???', '💩💩', 'x'.repeat(300), "'; drop table services; --"]) {
      const u = read(text);
      assert.equal(u.heavy, false, text);
    }
    assert.equal(read('💩 🙂').themes.size, 0);
  });
});

describe('search text helpers', () => {
  test('normalise: lower case, no accents, no punctuation', () => {
    assert.equal(normalize('  Cliënt-ondersteuning, Café!  '), 'client ondersteuning cafe');
    assert.deepEqual(tokenize('Oekraïense   inwoners'), ['oekraiense', 'inwoners']);
    assert.deepEqual(tokenize('🙂 ??'), []);
  });

  test('edit distance counts a swap of neighbours as one, and stops early', () => {
    assert.equal(editDistance('eenzaamheid', 'eenzaamhied'), 1);
    assert.equal(editDistance('kofie', 'koffie'), 1);
    assert.equal(editDistance('abc', 'xyz'), 3);
    assert.equal(editDistance('kort', 'veel langer woord', 2), 3);
  });

  test('a light stemmer brings inflections together', () => {
    assert.equal(lightStem('schulden'), lightStem('schuld'));
    assert.equal(lightStem('eenzaamheid'), lightStem('eenzaam'));
    assert.notEqual(lightStem('rekeningen'), lightStem('rekenen'));
  });

  test('trigram similarity as pg_trgm computes it', () => {
    assert.equal(trigramSimilarity('koffie', 'koffie'), 1);
    assert.ok(trigramSimilarity('schuldn', 'schulden') > 0.4);
    assert.ok(trigramSimilarity('koffie', 'dementie') < 0.2);
  });
});

describe('search documents', () => {
  test('free, wheelchair access and the places a service area names', () => {
    assert.equal(isFree('Gratis', []), true);
    assert.equal(isFree('Gratis; lunch € 2,-', []), true);
    assert.equal(isFree('€ 15,- per maand; gratis met de Meedoenpas', []), false);
    assert.equal(isFree(null, [{ amount: '0' }]), true);
    assert.equal(isFree(null, []), false);
    assert.equal(mentionsWheelchair(['Rolstoeltoegankelijk Drempelvrije entree']), true);
    assert.equal(mentionsWheelchair(['Niet geschikt voor een rolstoel']), false);
    assert.equal(mentionsWheelchair(['Toegankelijk met lift']), false);
    const places: Place[] = buchPlaces.map((p, i) => ({
      id: String(i),
      name: p.name,
      aliases: p.aliases ?? [],
      lookupKeys: [p.name, ...(p.aliases ?? [])].map(normalizePlaceName),
      postcodes: p.postcodes ?? [],
      latitude: p.latitude,
      longitude: p.longitude,
      areaId: null,
    }));
    assert.deepEqual(placesNamed(['Werkgebied: Bergen aan Zee, Egmond-Binnen'], places).sort(), [
      'bergen aan zee',
      'egmond binnen',
    ]);
  });

  test('a corpus service becomes a document with its codes, access step, places and days', async () => {
    const [digi] = (await readDemoServices()).filter((s) => s.name === 'Digi-spreekuur Egmond aan Zee');
    assert.ok(digi);
    const loc = digi.service_at_locations![0]!.location!;
    const doc = documentOf({
      id: digi.id,
      organization_id: digi.organization_id!,
      status: digi.status,
      name: digi.name,
      alternate_name: null,
      description: digi.description ?? null,
      eligibility_description: null,
      application_process: null,
      fees_description: digi.fees_description ?? null,
      minimum_age: null,
      maximum_age: null,
      last_modified: '2025-01-01T00:00:00Z',
      organization_name: 'Bibliotheek',
      terms: (digi.attributes ?? []).map((a) => ({
        id: a.taxonomy_term_id!,
        code: a.taxonomy_term!.code ?? null,
        name: a.taxonomy_term!.name,
        taxonomy: a.taxonomy_term!.taxonomy ?? null,
        taxonomy_id: a.taxonomy_term!.taxonomy_id ?? null,
      })),
      locations: [
        {
          type: 'physical',
          name: loc.name ?? null,
          lat: loc.latitude!,
          lon: loc.longitude!,
          cities: ['Egmond aan Zee'],
          postcodes: ['1931 AN'],
          accessibility: ['Toegankelijk met lift'],
        },
      ],
      schedules: [
        {
          freq: 'MONTHLY',
          byday: '2TU,4TU',
          bymonthday: null,
          valid_from: null,
          valid_to: null,
          dtstart: null,
          until: null,
        },
      ],
      costs: [],
      serviceAreas: [],
    });
    assert.deepEqual(doc.themes, ['digitale-vaardigheden', 'administratie']);
    assert.equal(doc.access, 'vrij-toegankelijk');
    assert.equal(doc.access_step, 0);
    assert.equal(doc.free, true);
    assert.deepEqual(doc.cities, ['egmond aan zee']);
    assert.deepEqual(doc.postcodes, ['1931']);
    assert.deepEqual(doc.days, ['M:2TU', 'M:4TU']);
    assert.equal(doc.wheelchair, false);
  });
});
