// Where the map tiles come from. A municipality may run its own tile server or use PDOK's; the default is
// OpenStreetMap's. WIJKKRACHT_MAP_TILES=off turns the map off (the list always works without it).

export interface MapSettings {
  /** Leaflet URL template with {z}, {x} and {y} (and optionally {s}). */
  tileUrl: string;
  /** Shown on the map, as the tile provider's licence asks; plain text. */
  attribution: string;
  /** Origin(s) the page must allow images from (Content-Security-Policy img-src). */
  imageOrigins: string[];
  /** Opens a place on a map in another tab; {lat} and {lon} are filled in. */
  placeLink: string;
}

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_ATTRIBUTION = '© OpenStreetMap-bijdragers (openstreetmap.org/copyright)';
export const DEFAULT_PLACE_LINK = 'https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}';

/**
 * Reads WIJKKRACHT_MAP_TILES, WIJKKRACHT_MAP_ATTRIBUTION and WIJKKRACHT_MAP_LINK. Returns undefined when
 * the map is turned off; throws a Dutch message when a value is not usable, so a wrong setting shows at start.
 */
export function mapSettings(env: Record<string, string | undefined> = process.env): MapSettings | undefined {
  const raw = env.WIJKKRACHT_MAP_TILES?.trim();
  if (raw && ['off', 'false', 'uit', 'nee', '0'].includes(raw.toLowerCase())) return undefined;
  const tileUrl = raw || DEFAULT_TILE_URL;
  if (
    !/^https?:\/\//i.test(tileUrl) ||
    !/\{z\}/.test(tileUrl) ||
    !/\{x\}/.test(tileUrl) ||
    !/\{y\}/.test(tileUrl)
  )
    throw new Error(
      `WIJKKRACHT_MAP_TILES moet een http(s)-adres zijn met {z}, {x} en {y}, of "off" (nu: "${tileUrl}")`,
    );
  const subdomains = tileUrl.includes('{s}') ? ['a', 'b', 'c'] : [''];
  const imageOrigins = [
    ...new Set(subdomains.map((s) => new URL(tileUrl.replace('{s}', s).replace(/\{[a-z]+\}/g, '0')).origin)),
  ];
  const placeLink = env.WIJKKRACHT_MAP_LINK?.trim() || DEFAULT_PLACE_LINK;
  if (!/^https?:\/\//i.test(placeLink))
    throw new Error(
      `WIJKKRACHT_MAP_LINK moet een http(s)-adres zijn met {lat} en {lon} (nu: "${placeLink}")`,
    );
  return {
    tileUrl,
    attribution: env.WIJKKRACHT_MAP_ATTRIBUTION?.trim() || DEFAULT_ATTRIBUTION,
    imageOrigins,
    placeLink,
  };
}

export function placeLink(settings: MapSettings | undefined, lat: number, lon: number): string {
  const template = settings?.placeLink ?? DEFAULT_PLACE_LINK;
  return template.replace(/\{lat\}/g, lat.toFixed(6)).replace(/\{lon\}/g, lon.toFixed(6));
}
