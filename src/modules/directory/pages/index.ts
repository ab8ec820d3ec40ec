// Pages of the directory (sociale kaart): search, offer page, print views, calendar file, Preventiekaart.
// app.ts registers them with registerDirectoryPages(app, db, config).
export { registerDirectoryPages } from './routes.js';
export { mapSettings, type MapSettings } from './map-settings.js';
