// The gazetteer: villages by name, alias, postcode or with a typo; found in a resident's words; and areas
// (village, core, municipality) resolved to the places and postcodes in them.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Database } from '../../platform/db/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { testDatabase } from '../../../test/helpers/db.js';
import { aTenant } from '../../../test/helpers/factories.js';
import {
  buchPlaces,
  centreOf,
  createPlaces,
  findPlaceInTokens,
  listPlaces,
  matchPlace,
  normalizePlaceName,
  resolveArea,
  type Place,
} from './index.js';

describe('places', () => {
  let db: Database;
  let tenant: Tenant;
  let places: Place[];

  before(async () => {
    db = await testDatabase();
    tenant = await aTenant(db, { withAreas: true });
    await db.system((tx) => createPlaces(tx, tenant.id, buchPlaces));
    places = await db.tenant(tenant.id, (tx) => listPlaces(tx));
  });

  test('the 14 BUCH villages are seeded in order, each in its core, with postcodes and a centre', () => {
    assert.equal(places.length, 14);
    assert.deepEqual(
      places.map((p) => p.name),
      buchPlaces.map((p) => p.name),
    );
    for (const p of places) {
      assert.ok(p.areaId, `${p.name} has no area`);
      assert.ok(p.latitude > 52.5 && p.latitude < 52.75 && p.longitude > 4.6 && p.longitude < 4.76, p.name);
    }
  });

  test('names are compared without case, accents, hyphens or extra spaces', () => {
    assert.equal(normalizePlaceName('  Egmond-Binnen '), 'egmond binnen');
    assert.equal(matchPlace(places, 'egmond aan zee')?.name, 'Egmond aan Zee');
    assert.equal(matchPlace(places, 'EGMOND   AAN ZEE')?.name, 'Egmond aan Zee');
    assert.equal(matchPlace(places, 'Egmond Binnen')?.name, 'Egmond-Binnen');
    assert.equal(matchPlace(places, 'Egmond a/d Hoef')?.name, 'Egmond aan den Hoef');
    assert.equal(matchPlace(places, 'Bergen NH')?.name, 'Bergen');
  });

  test('a postcode, with or without letters, gives its village; a shared one the first village', () => {
    assert.equal(matchPlace(places, '1931')?.name, 'Egmond aan Zee');
    assert.equal(matchPlace(places, '1931 AB')?.name, 'Egmond aan Zee');
    assert.equal(matchPlace(places, '1931ab')?.name, 'Egmond aan Zee');
    assert.equal(matchPlace(places, '1921')?.name, 'Akersloot');
    assert.equal(matchPlace(places, '1000 AA'), undefined);
  });

  test('a small typo still finds the village; something else does not', () => {
    assert.equal(matchPlace(places, 'Heilo')?.name, 'Heiloo');
    assert.equal(matchPlace(places, 'Castricim')?.name, 'Castricum');
    assert.equal(matchPlace(places, 'Amsterdam'), undefined);
    assert.equal(matchPlace(places, ''), undefined);
    assert.equal(matchPlace(places, 'Berg'), undefined);
  });

  test('a place in a resident’s words: the longest name, a postcode, or a typo that is no other word', () => {
    const words = (s: string) => normalizePlaceName(s).split(' ');
    const found = findPlaceInTokens(places, words('koffie in Egmond aan Zee graag'));
    assert.equal(found?.place.name, 'Egmond aan Zee');
    assert.deepEqual([found?.start, found?.end], [2, 5]);
    assert.equal(findPlaceInTokens(places, words('bergen aan zee'))?.place.name, 'Bergen aan Zee');
    assert.equal(findPlaceInTokens(places, words('hulp 1931 ab'))?.place.name, 'Egmond aan Zee');
    assert.equal(findPlaceInTokens(places, words('rouw heilo'))?.place.name, 'Heiloo');
    assert.equal(
      findPlaceInTokens(places, words('gepest op school'), (t) => t !== 'school'),
      undefined,
      '"school" is a word, not a misspelt Schoorl',
    );
    assert.equal(findPlaceInTokens(places, words('ik ben 1999 geboren')), undefined);
  });

  test('an area is a village first, then a core or municipality, with the places and postcodes in it', async () => {
    const area = (name: string) => db.tenant(tenant.id, (tx) => resolveArea(tx, name));
    assert.deepEqual(await area('Egmond aan Zee'), {
      kind: 'place',
      name: 'Egmond aan Zee',
      placeKeys: ['egmond aan zee'],
      postcodes: [],
    });
    const egmond = await area('egmond');
    assert.equal(egmond?.kind, 'core');
    assert.deepEqual(egmond?.placeKeys.sort(), ['egmond aan den hoef', 'egmond aan zee', 'egmond binnen']);
    assert.deepEqual(egmond?.postcodes.sort(), ['1931', '1934', '1935']);
    assert.equal((await area('Bergen'))?.kind, 'place');
    const gemeente = await area('gemeente Bergen');
    assert.equal(gemeente?.kind, 'municipality');
    assert.equal(gemeente?.placeKeys.length, 7);
    assert.equal(await area('Amsterdam'), undefined);
    const centre = centreOf(places, egmond!.placeKeys);
    assert.ok(centre && centre.latitude > 52.6 && centre.latitude < 52.63);
  });

  test('another tenant sees none of these places', async () => {
    const other = await aTenant(db);
    assert.deepEqual(await db.tenant(other.id, (tx) => listPlaces(tx)), []);
  });
});
