// Progressive enhancement for the sociale-kaart pages; every page works fully without this script.
// - Print buttons ([data-wk-print]) appear and call the browser's print dialog.
// - The search results get a map: the result items carry their coordinates in data attributes
//   (data-wk-lat, data-wk-lon, data-wk-name, data-wk-href, data-wk-number). Leaflet is loaded only then,
//   from /assets/directory/. On a small screen the map waits for a button, to save data.
/* global document, window */

for (const button of document.querySelectorAll('[data-wk-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

// Shorter, shareable addresses: choices left empty are not sent.
for (const form of document.querySelectorAll('form.wk-search')) {
  form.addEventListener('submit', () => {
    for (const field of form.querySelectorAll('input, select')) {
      const empty = field.type === 'radio' ? field.checked && field.value === '' : field.value === '';
      if (empty && field.name) field.disabled = true;
    }
  });
}

const section = document.querySelector('[data-wk-map]');
if (section) setUpMap(section);

function setUpMap(section) {
  const items = [...document.querySelectorAll('.wk-result[data-wk-lat][data-wk-lon]')]
    .map((el) => ({
      lat: Number(el.dataset.wkLat),
      lon: Number(el.dataset.wkLon),
      name: el.dataset.wkName ?? '',
      href: el.dataset.wkHref ?? '',
      number: el.dataset.wkNumber ?? '',
    }))
    .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  if (!items.length) return;
  section.hidden = false;
  const wide = window.matchMedia('(min-width: 64rem)').matches;
  if (wide) {
    draw(section, items);
    return;
  }
  // Phones: a button first; the map (and its tiles) only when asked for.
  section.classList.add('wk-map--collapsed');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'utrecht-button utrecht-button--secondary-action';
  button.textContent = section.dataset.showLabel ?? 'Toon de kaart';
  section.prepend(button);
  button.addEventListener('click', () => {
    section.classList.remove('wk-map--collapsed');
    button.remove();
    // The button is gone: focus moves to the map, which Leaflet makes focusable (arrow keys pan it).
    draw(section, items).then(() => section.querySelector('.wk-map__canvas')?.focus());
  });
}

function loadLeaflet() {
  if (window.L) return Promise.resolve(window.L);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/assets/directory/leaflet.js';
    script.onload = () => resolve(window.L);
    script.onerror = reject;
    document.head.append(script);
  });
}

function loadStyles() {
  if (document.querySelector('link[href="/assets/directory/leaflet.css"]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/assets/directory/leaflet.css';
  document.head.append(link);
}

async function draw(section, items) {
  loadStyles();
  const L = await loadLeaflet();
  const canvas = section.querySelector('.wk-map__canvas');
  const data = section.dataset;
  const map = L.map(canvas, {
    scrollWheelZoom: false,
    zoomControl: false,
  });
  L.control
    .zoom({ zoomInTitle: data.zoomIn ?? 'Zoom in', zoomOutTitle: data.zoomOut ?? 'Zoom out' })
    .addTo(map);
  map.attributionControl.setPrefix(false);
  L.tileLayer(data.tiles, { maxZoom: 19, attribution: escapeHtml(data.attribution ?? '') }).addTo(map);

  const bounds = [];
  for (const item of items) {
    const icon = L.divIcon({
      className: 'wk-marker',
      html: String(Number(item.number) || ''),
      iconSize: [28, 28],
      iconAnchor: [14, 14],
      popupAnchor: [0, -14],
    });
    const marker = L.marker([item.lat, item.lon], {
      icon,
      title: `${item.number}. ${item.name}`,
      riseOnHover: true,
    });
    const link = document.createElement('a');
    link.href = item.href;
    link.className = 'utrecht-link';
    link.textContent = `${item.number}. ${item.name}`;
    marker.bindPopup(link);
    marker.addTo(map);
    bounds.push([item.lat, item.lon]);
  }
  const lat = Number(data.placeLat);
  const lon = Number(data.placeLon);
  if (data.placeLat && Number.isFinite(lat) && Number.isFinite(lon)) {
    L.circleMarker([lat, lon], {
      radius: 9,
      color: '#1b1b1b',
      weight: 3,
      fillColor: '#ffdd00',
      fillOpacity: 1,
    })
      .bindTooltip(data.placeName ?? '')
      .addTo(map);
    bounds.push([lat, lon]);
  }
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  section.classList.add('wk-map--ready');
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
