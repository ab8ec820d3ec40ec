// The map's tile server comes from the environment; a wrong value is refused with a Dutch message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_TILE_URL, mapSettings, placeLink } from './map-settings.js';
import { formatKm } from './view.js';

describe('directory pages: map settings', () => {
  test('OpenStreetMap by default, with its attribution and origin', () => {
    const s = mapSettings({})!;
    assert.equal(s.tileUrl, DEFAULT_TILE_URL);
    assert.match(s.attribution, /OpenStreetMap/);
    assert.deepEqual(s.imageOrigins, ['https://tile.openstreetmap.org']);
    assert.equal(
      placeLink(s, 52.7, 4.69),
      'https://www.openstreetmap.org/?mlat=52.700000&mlon=4.690000#map=17/52.700000/4.690000',
    );
  });

  test('an own tile server, subdomains included; or no map at all', () => {
    const s = mapSettings({
      WIJKKRACHT_MAP_TILES: 'https://{s}.tiles.example.nl/wmts/{z}/{x}/{y}.png',
      WIJKKRACHT_MAP_ATTRIBUTION: 'Kaart: gemeente',
    })!;
    assert.deepEqual(s.imageOrigins, [
      'https://a.tiles.example.nl',
      'https://b.tiles.example.nl',
      'https://c.tiles.example.nl',
    ]);
    assert.equal(s.attribution, 'Kaart: gemeente');
    assert.equal(mapSettings({ WIJKKRACHT_MAP_TILES: 'off' }), undefined);
  });

  test('a tile address without {z}/{x}/{y} or not over http(s) stops the start', () => {
    assert.throws(
      () => mapSettings({ WIJKKRACHT_MAP_TILES: 'https://tiles.example.nl/kaart.png' }),
      /\{z\}, \{x\} en \{y\}/,
    );
    assert.throws(
      () => mapSettings({ WIJKKRACHT_MAP_TILES: 'javascript:{z}{x}{y}' }),
      /WIJKKRACHT_MAP_TILES/,
    );
  });

  test('distances read well: metres under a kilometre, never "0 km"', () => {
    assert.equal(formatKm('nl', 0), '100 m');
    assert.equal(formatKm('nl', 0.34), '300 m');
    assert.equal(formatKm('nl', 3.44), '3,4 km');
    assert.equal(formatKm('en', 3.44), '3.4 km');
    assert.equal(formatKm('nl', 12.6), '13 km');
  });
});
