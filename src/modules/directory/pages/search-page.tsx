// /aanbod: one big search box in the resident's own words, where they live, and more choices behind a
// disclosure; results as a list (always) and a map (when the script runs). A GET form: every search is a link.
import type { RequestContext } from '../../../platform/http/context.js';
import { Alert, Heading1, Layout, P } from '../../../platform/pages/layout.js';
import type { SearchHit, SearchResult } from '../search/index.js';
import type { Catalog } from './catalog.js';
import {
  Checkbox,
  DirectoryScript,
  DirectoryStyles,
  Facts,
  Fieldset,
  PrintButton,
  Radio,
  Select,
} from './components.js';
import type { MapSettings } from './map-settings.js';
import { messages, type DirectoryTexts } from './messages.js';
import { filterCount, searchHref, type SearchForm } from './query.js';
import { occasionsOf, scheduleInWords } from '../schedule.js';
import {
  ACCESS_ROUTES,
  accessRouteOf,
  coordinatesOf,
  costOf,
  formatKm,
  placeName,
  shortText,
} from './view.js';

export interface SearchPageProps {
  ctx: RequestContext;
  form: SearchForm;
  catalog: Catalog;
  result: SearchResult | undefined;
  map: MapSettings | undefined;
}

function countText(t: DirectoryTexts, total: number): string {
  if (total === 0) return t('search.count.none');
  if (total === 1) return t('search.count.one');
  return t('search.count.many', { count: total });
}

export function searchTitle(ctx: RequestContext, result: SearchResult | undefined): string {
  const t = messages(ctx.locale);
  return result ? `${countText(t, result.total)} – ${t('search.title')}` : t('search.title');
}

export function SearchPage(props: SearchPageProps) {
  const { ctx, form, catalog, result } = props;
  const t = messages(ctx.locale);
  const showMap = !!props.map && !!result && result.hits.some((h) => coordinatesOf(h.service));
  return (
    <Layout ctx={ctx} title={searchTitle(ctx, result)}>
      <DirectoryStyles />
      <div class="wk-directory">
        <Heading1>{t('search.title')}</Heading1>
        {!result && <P lead>{t('search.intro')}</P>}
        <SearchForm t={t} form={form} catalog={catalog} />
        {result ? (
          <Results {...props} result={result} showMap={showMap} t={t} />
        ) : (
          <StartHere t={t} catalog={catalog} />
        )}
      </div>
      <DirectoryScript />
    </Layout>
  );
}

function SearchForm(props: { t: DirectoryTexts; form: SearchForm; catalog: Catalog }) {
  const { t, form, catalog } = props;
  const chosen = filterCount(form);
  return (
    <form
      method="get"
      action="/aanbod"
      class="wk-search wk-no-print"
      role="search"
      aria-label={t('search.title')}
    >
      <div class="utrecht-form-field utrecht-form-field--text wk-field">
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label wk-search__label" for="q">
            {t('search.q')}
          </label>
        </div>
        <div class="utrecht-form-field-description" id="q-hint">
          {t('search.qHint')}
        </div>
        <div class="utrecht-form-field__input">
          <input
            class="utrecht-textbox utrecht-textbox--html-input wk-search__q"
            type="search"
            id="q"
            name="q"
            value={form.q}
            aria-describedby="q-hint"
            autocomplete="off"
            maxLength={200}
          />
        </div>
      </div>
      <div class="utrecht-form-field utrecht-form-field--text wk-field">
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="waar">
            {t('search.near')}
          </label>
        </div>
        <div class="utrecht-form-field-description" id="waar-hint">
          {t('search.nearHint')}
        </div>
        <div class="utrecht-form-field__input">
          <input
            class="utrecht-textbox utrecht-textbox--html-input wk-search__near"
            type="text"
            id="waar"
            name="waar"
            value={form.waar}
            aria-describedby="waar-hint"
            autocomplete="address-level2"
            maxLength={100}
          />
        </div>
      </div>
      <button type="submit" class="utrecht-button utrecht-button--primary-action wk-search__submit">
        {t('search.submit')}
      </button>
      <details class="wk-filters" open={chosen > 0}>
        <summary class="wk-filters__summary">
          {chosen > 0 ? t('search.filtersActive', { count: chosen }) : t('search.filters')}
        </summary>
        <div class="wk-filters__body">
          <Fieldset legend={t('search.filtersLegend')} class="wk-filters__selects">
            <Select
              name="thema"
              label={t('search.theme')}
              value={form.thema}
              any={t('search.any')}
              options={catalog.themes.map((x) => ({ value: x.code, label: x.name }))}
            />
            <Select
              name="doelgroep"
              label={t('search.targetGroup')}
              value={form.doelgroep}
              any={t('search.any')}
              options={catalog.targetGroups.map((x) => ({ value: x.code, label: x.name }))}
            />
            {catalog.areas.length > 0 && (
              <Select
                name="gebied"
                label={t('search.area')}
                value={form.gebied}
                any={t('search.anyArea')}
                options={[]}
                groups={catalog.areas.map((g) => ({
                  label: g.name,
                  options: g.places.map((p) => ({ value: p, label: p })),
                }))}
              />
            )}
          </Fieldset>
          <Fieldset legend={t('search.access')}>
            <Radio name="toegang" value="" label={t('search.accessAny')} checked={!form.toegang} />
            {ACCESS_ROUTES.map((code) => (
              <Radio
                name="toegang"
                value={code}
                label={t(`access.${code}`)}
                checked={form.toegang === code}
                key={code}
              />
            ))}
          </Fieldset>
          <Fieldset legend={t('search.only')}>
            <Checkbox name="gratis" value="ja" label={t('search.free')} checked={form.gratis} />
            <Checkbox name="rolstoel" value="ja" label={t('search.wheelchair')} checked={form.rolstoel} />
            <Checkbox
              name="open"
              value="deze-week"
              label={t('search.openThisWeek')}
              checked={form.open === 'deze-week'}
            />
          </Fieldset>
          <div class="wk-actions">
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {t('search.apply')}
            </button>
            <a class="utrecht-link" href="/aanbod">
              {t('search.clear')}
            </a>
          </div>
        </div>
      </details>
    </form>
  );
}

function StartHere(props: { t: DirectoryTexts; catalog: Catalog }) {
  const { t, catalog } = props;
  return (
    <section class="wk-section" aria-labelledby="start-kop">
      <h2 class="utrecht-heading-2" id="start-kop">
        {t('search.start')}
      </h2>
      <P>{t('search.startText')}</P>
      {catalog.themes.length > 0 && (
        <ul class="wk-topics">
          {catalog.themes.map((theme) => (
            <li key={theme.code}>
              <a class="utrecht-link wk-topic" href={`/aanbod?thema=${encodeURIComponent(theme.code)}`}>
                {theme.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      <P>
        <a class="utrecht-link" href="/aanbod?alles=ja">
          {t('search.showAll')}
        </a>
      </P>
    </section>
  );
}

function Results(props: SearchPageProps & { result: SearchResult; showMap: boolean; t: DirectoryTexts }) {
  const { ctx, form, catalog, result, t } = props;
  const from = (result.page - 1) * result.perPage + 1;
  const to = Math.min(result.total, from + result.hits.length - 1);
  const pages = Math.max(1, Math.ceil(result.total / result.perPage));
  const words = [
    ...(result.understood?.themes ?? []).map((code) => catalog.term('thema', code)?.name ?? code),
    ...(result.understood?.targetGroups ?? []).map((code) => catalog.term('doelgroep', code)?.name ?? code),
  ].map((w) => w.toLowerCase());
  return (
    <section class="wk-results" aria-labelledby="resultaten-kop">
      <h2 class="utrecht-heading-2" id="resultaten-kop">
        {countText(t, result.total)}
      </h2>
      {result.placeNotFound !== undefined && (
        <Alert type="warning">{t('search.placeNotFound', { place: result.placeNotFound })}</Alert>
      )}
      {result.areaNotFound !== undefined && (
        <Alert type="warning">{t('search.areaNotFound', { area: result.areaNotFound })}</Alert>
      )}
      {words.length > 0 && <P>{t('search.understood', { words: [...new Set(words)].join(', ') })}</P>}
      {result.place && <P>{t('search.nearPlace', { place: result.place.name })}</P>}
      {result.total > 0 && result.hits.length > 0 && pages > 1 && (
        <P>
          {t('search.countPage', { from, to })} {t('search.pageOf', { page: result.page, pages })}
        </P>
      )}
      {result.total === 0 || result.hits.length === 0 ? (
        <div class="wk-stack">
          <P>{t('search.noResults')}</P>
          <P>{t('search.noResultsTips')}</P>
          <P>{t('search.noResultsHelp')}</P>
        </div>
      ) : (
        <div class={`wk-results__layout${props.showMap ? ' wk-results__layout--map' : ''}`}>
          {props.showMap && props.map && (
            <section
              class="wk-map wk-no-print"
              aria-label={t('search.map')}
              hidden
              data-wk-map
              data-tiles={props.map.tileUrl}
              data-attribution={props.map.attribution}
              data-place-name={result.place ? t('search.mapYou', { place: result.place.name }) : undefined}
              data-place-lat={result.place?.lat}
              data-place-lon={result.place?.lon}
              data-show-label={t('map.show')}
              data-zoom-in={t('map.zoomIn')}
              data-zoom-out={t('map.zoomOut')}
            >
              <div class="wk-map__canvas" />
            </section>
          )}
          <ol class="wk-results__list" start={from}>
            {result.hits.map((hit, i) => (
              <ResultItem
                key={hit.service.id}
                ctx={ctx}
                hit={hit}
                number={from + i}
                place={result.place?.name}
              />
            ))}
          </ol>
        </div>
      )}
      {pages > 1 && <Paging t={t} form={form} page={result.page} pages={pages} />}
      {result.hits.length > 0 && (
        <div class="wk-actions wk-no-print">
          <PrintButton>{t('search.print')}</PrintButton>
        </div>
      )}
    </section>
  );
}

function ResultItem(props: {
  ctx: RequestContext;
  hit: SearchHit;
  number: number;
  place: string | undefined;
}) {
  const { ctx, hit } = props;
  const t = messages(ctx.locale);
  const s = hit.service;
  const coords = coordinatesOf(s);
  const access = accessRouteOf(s);
  const village = placeName(s);
  const when = occasionsOf(s)
    .map((o) => scheduleInWords(o.schedule, ctx.locale))
    .filter(Boolean)
    .join('; ');
  const distance =
    hit.distanceKm !== null && props.place
      ? t('result.distance', { km: formatKm(ctx.locale, hit.distanceKm), place: props.place })
      : hit.distanceKm !== null
        ? formatKm(ctx.locale, hit.distanceKm)
        : undefined;
  return (
    <li
      class="wk-result"
      data-wk-lat={coords?.lat}
      data-wk-lon={coords?.lon}
      data-wk-name={s.name}
      data-wk-href={`/aanbod/${s.id}`}
      data-wk-number={props.number}
    >
      <h3 class="utrecht-heading-3 wk-result__title">
        <span class="wk-result__number" aria-hidden="true">
          {props.number}
        </span>
        <a class="utrecht-link" href={`/aanbod/${s.id}`}>
          {s.name}
        </a>
      </h3>
      {s.organization?.name && (
        <p class="utrecht-paragraph wk-result__provider">
          {t('offer.by', { provider: s.organization.name })}
        </p>
      )}
      {s.description && <p class="utrecht-paragraph">{shortText(s.description)}</p>}
      <Facts
        compact
        items={[
          [t('result.where'), [village, distance].filter(Boolean).join(' · ') || undefined],
          [t('result.when'), when || undefined],
          [t('result.cost'), costOf(s, ctx.locale)],
          [t('result.join'), access ? t(`access.short.${access}`) : undefined],
        ]}
      />
      {hit.matchReason && <p class="utrecht-paragraph wk-result__why">{hit.matchReason}</p>}
    </li>
  );
}

function Paging(props: { t: DirectoryTexts; form: SearchForm; page: number; pages: number }) {
  const { t, form, page, pages } = props;
  // The first, the last and two either side of the current page.
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="utrecht-pagination wk-paging wk-no-print" aria-label={t('search.paging')}>
      <ul class="wk-paging__list">
        {page > 1 && (
          <li>
            <a
              class="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev"
              rel="prev"
              href={searchHref(form, { pagina: page - 1 })}
            >
              {t('search.previous')}
            </a>
          </li>
        )}
        {shown.map((p, i) => (
          <li key={p}>
            {i > 0 && shown[i - 1]! < p - 1 && <span class="wk-paging__gap">…</span>}
            {p === page ? (
              <a
                class="utrecht-pagination__page-link utrecht-pagination__page-link--current"
                aria-current="page"
                href={searchHref(form, { pagina: p })}
                aria-label={t('search.pageN', { page: p })}
              >
                {p}
              </a>
            ) : (
              <a
                class="utrecht-pagination__page-link"
                href={searchHref(form, { pagina: p })}
                aria-label={t('search.pageN', { page: p })}
              >
                {p}
              </a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a
              class="utrecht-pagination__relative-link utrecht-pagination__relative-link--next"
              rel="next"
              href={searchHref(form, { pagina: page + 1 })}
            >
              {t('search.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
