// /aanbod/:id and /aanbod/:id/print: one offer in the order a resident asks about it — what, for whom, when,
// where, cost, how to join, contact — with when it was last checked and a way to report a mistake.
import type { ComponentChildren } from 'preact';
import { can } from '../../../platform/auth/permissions.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { Alert, Heading1, Layout, P } from '../../../platform/pages/layout.js';
import type { CompiledService } from '../schemas.js';
import { DirectoryScript, DirectoryStyles, Facts, PrintButton } from './components.js';
import { placeLink, type MapSettings } from './map-settings.js';
import { messages, type DirectoryTexts } from './messages.js';
import { occasionsOf, scheduleInWords } from '../schedule.js';
import {
  TAXONOMY,
  accessRouteOf,
  addressLine,
  agesOf,
  costOf,
  emailOf,
  formatDate,
  lastCheckedOf,
  locationsOf,
  phonesOf,
  telHref,
  termsOf,
  websiteOf,
} from './view.js';

export interface OfferPageProps {
  ctx: RequestContext;
  service: CompiledService;
  /** The address to share: absolute. */
  shareUrl: string;
  /** The search the person came from, when they came from one. */
  backHref: string | undefined;
  map: MapSettings | undefined;
  hasCalendar: boolean;
  now: Date;
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="wk-offer__section" aria-labelledby={props.id}>
      <h2 class="utrecht-heading-2" id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function Paragraphs(props: { text: string | undefined }) {
  if (!props.text?.trim()) return null;
  return (
    <>
      {props.text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <P key={i}>{p}</P>
        ))}
    </>
  );
}

function Lines(props: { items: ComponentChildren[] }) {
  if (props.items.length === 0) return null;
  if (props.items.length === 1) return <P>{props.items[0]}</P>;
  return (
    <ul class="utrecht-unordered-list wk-plain-list">
      {props.items.map((item, i) => (
        <li class="utrecht-unordered-list__item" key={i}>
          {item}
        </li>
      ))}
    </ul>
  );
}

/** Everything the offer page and its print view show about an offer. */
function OfferBody(props: OfferPageProps & { t: DirectoryTexts; print: boolean }) {
  const { ctx, service: s, t, print } = props;
  const locale = ctx.locale;
  const targetGroups = termsOf(s, TAXONOMY.targetGroup).map((x) => x.name);
  const themes = termsOf(s, TAXONOMY.theme).map((x) => x.name);
  const access = accessRouteOf(s);
  const occasions = occasionsOf(s);
  const locations = locationsOf(s);
  const manyPlaces = new Set(occasions.map((o) => o.location?.id)).size > 1;
  const phones = phonesOf(s);
  const email = emailOf(s);
  const website = websiteOf(s);
  const languages = (s.languages ?? []).map((l) => l.name ?? l.code).filter((x): x is string => !!x);
  const accessibility = locations.flatMap((l) =>
    (l.accessibility ?? []).map((a) => ({
      place: l.name,
      text: [a.description, a.details].filter(Boolean).join('. '),
    })),
  );
  const areas = (s.service_areas ?? []).map((a) => a.name ?? a.description).filter((x): x is string => !!x);
  const checked = lastCheckedOf(s);
  const h = (id: string) => (print ? `print-${id}` : id);
  return (
    <>
      {s.status === 'temporarily closed' && <Alert type="warning">{t('offer.temporarilyClosed')}</Alert>}
      {(s.status === 'inactive' || s.status === 'defunct') && (
        <Alert type="warning">{t('offer.closed')}</Alert>
      )}
      {s.alert && <Alert type="warning">{s.alert}</Alert>}

      <Section id={h('wat')} title={t('offer.what')}>
        <Paragraphs text={s.description} />
      </Section>

      <Section id={h('voor-wie')} title={t('offer.forWhom')}>
        <Facts
          items={[
            [t('offer.targetGroups'), targetGroups.join(', ') || undefined],
            [t('offer.ages'), agesOf(s, t)],
            [t('offer.eligibility'), s.eligibility_description],
            [t('offer.themes'), themes.join(', ') || undefined],
          ]}
        />
      </Section>

      <Section id={h('wanneer')} title={t('offer.when')}>
        {occasions.length ? (
          <Lines
            items={occasions.map((o) => {
              const words = scheduleInWords(o.schedule, locale) ?? '';
              return manyPlaces && o.location?.name ? `${words} (${o.location.name})` : words;
            })}
          />
        ) : (
          <P>{t('offer.whenUnknown')}</P>
        )}
        {!print && props.hasCalendar && (
          <p class="utrecht-paragraph wk-no-print">
            <a class="utrecht-link" href={`/aanbod/${s.id}/agenda.ics`} download>
              {t('offer.calendar')}
            </a>
          </p>
        )}
      </Section>

      <Section id={h('waar')} title={t('offer.where')}>
        {locations.map((l) => {
          const address = addressLine(l);
          const hasPoint = typeof l.latitude === 'number' && typeof l.longitude === 'number';
          return (
            <div class="wk-place" key={l.id}>
              {l.name && <p class="utrecht-paragraph wk-place__name">{l.name}</p>}
              {address && <p class="utrecht-paragraph">{address}</p>}
              {l.transportation && (
                <p class="utrecht-paragraph">
                  {t('offer.transport')}: {l.transportation}
                </p>
              )}
              {!print && hasPoint && (
                <p class="utrecht-paragraph">
                  <a class="utrecht-link" href={placeLink(props.map, l.latitude!, l.longitude!)}>
                    {t('offer.onMap')}
                    <span class="wk-visually-hidden">: {l.name ?? address ?? s.name}</span>
                  </a>
                </p>
              )}
            </div>
          );
        })}
        {areas.length > 0 && (
          <P>
            {t('offer.serviceArea')}: {areas.join(', ')}
          </P>
        )}
      </Section>

      <Section id={h('kosten')} title={t('offer.cost')}>
        <P>{costOf(s, locale) ?? t('offer.costUnknown')}</P>
      </Section>

      <Section id={h('meedoen')} title={t('offer.join')}>
        {access && <P>{t(`access.long.${access}`)}</P>}
        <Paragraphs text={s.application_process} />
        {s.wait_time && (
          <P>
            {t('offer.waitTime')}: {s.wait_time}
          </P>
        )}
      </Section>

      <Section id={h('contact')} title={t('offer.contact')}>
        <Facts
          items={[
            [
              t('offer.phone'),
              phones.length ? (
                <Lines
                  items={phones.map((p) => (
                    <>
                      <a class="utrecht-link" href={telHref(p.number)}>
                        {p.number}
                      </a>
                      {p.description ? ` (${p.description})` : ''}
                    </>
                  ))}
                />
              ) : undefined,
            ],
            [
              t('offer.email'),
              email && (
                <a class="utrecht-link wk-break" href={`mailto:${email}`}>
                  {email}
                </a>
              ),
            ],
            [
              t('offer.website'),
              website && (
                <a class="utrecht-link wk-break" href={website}>
                  {website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                </a>
              ),
            ],
          ]}
        />
      </Section>

      {accessibility.length > 0 && (
        <Section id={h('toegankelijkheid')} title={t('offer.accessibility')}>
          <Lines
            items={accessibility.map((a) =>
              locations.length > 1 && a.place ? `${a.place}: ${a.text}` : a.text,
            )}
          />
        </Section>
      )}

      {(languages.length > 0 || s.interpretation_services) && (
        <Section id={h('talen')} title={t('offer.languages')}>
          {languages.length > 0 && <P>{languages.join(', ')}</P>}
          {s.interpretation_services && (
            <P>
              {t('offer.interpretation')}: {s.interpretation_services}
            </P>
          )}
        </Section>
      )}

      {s.organization && (
        <Section id={h('aanbieder')} title={t('offer.provider')}>
          <P>
            <strong>{s.organization.name}</strong>
          </P>
          {!print && <Paragraphs text={s.organization.description} />}
        </Section>
      )}

      {print && checked && <P>{t('offer.lastChecked', { date: formatDate(locale, checked) })}</P>}
    </>
  );
}

export function OfferPage(props: OfferPageProps) {
  const { ctx, service: s } = props;
  const t = messages(ctx.locale);
  const checked = lastCheckedOf(s);
  const mailBody = `${props.shareUrl}`;
  // Partners refer (the referrals module records consent and closes the loop); residents sign themselves up
  // only where the offer takes sign-ups.
  const professional = ctx.session && !ctx.session.pendingTwoFactor;
  const canRefer = Boolean(professional && can(ctx.roles, 'referrals:send')) && s.status === 'active';
  const canSignUp = !canRefer && accessRouteOf(s) === 'aanmelden' && s.status === 'active';
  const mailto = `mailto:?subject=${encodeURIComponent(t('offer.shareMailSubject', { name: s.name }))}&body=${encodeURIComponent(mailBody)}`;
  return (
    <Layout ctx={ctx} title={s.name}>
      <DirectoryStyles />
      <article class="wk-directory wk-offer">
        <p class="utrecht-paragraph wk-no-print">
          <a class="utrecht-link" href={props.backHref ?? '/aanbod'}>
            {props.backHref ? t('offer.back') : t('offer.backToSearch')}
          </a>
        </p>
        <Heading1>{s.name}</Heading1>
        {s.organization?.name && <P lead>{t('offer.by', { provider: s.organization.name })}</P>}
        <OfferBody {...props} t={t} print={false} />

        <aside class="wk-card wk-report" aria-labelledby="melding-kop">
          {checked && <P>{t('offer.lastChecked', { date: formatDate(ctx.locale, checked) })}</P>}
          <h2 class="utrecht-heading-3 wk-no-print" id="melding-kop">
            {t('offer.report')}
          </h2>
          <p class="utrecht-paragraph wk-no-print">
            {t('offer.reportText')}{' '}
            <a class="utrecht-link" href={`/aanbod/${s.id}/melding`}>
              {t('offer.reportLink')}
            </a>
          </p>
        </aside>

        <section class="wk-offer__actions wk-no-print" aria-labelledby="acties-kop">
          <h2 class="utrecht-heading-2" id="acties-kop">
            {t('offer.actions')}
          </h2>
          <ul class="wk-action-list">
            {canRefer && (
              <li>
                <a
                  class="utrecht-button-link utrecht-button-link--primary-action"
                  href={`/verwijzingen/nieuw?aanbod=${s.id}`}
                >
                  {t('offer.refer')}
                </a>
              </li>
            )}
            {canSignUp && (
              <li>
                <a
                  class="utrecht-button-link utrecht-button-link--primary-action"
                  href={`/aanmelden/${s.id}`}
                >
                  {t('offer.signUp')}
                </a>
              </li>
            )}
            {props.hasCalendar && (
              <li>
                <a
                  class="utrecht-button-link utrecht-button-link--secondary-action"
                  href={`/aanbod/${s.id}/agenda.ics`}
                  download
                >
                  {t('offer.calendar')}
                </a>
              </li>
            )}
            <li>
              <a
                class="utrecht-button-link utrecht-button-link--secondary-action"
                href={`/aanbod/${s.id}/print`}
              >
                {t('offer.print')}
              </a>
            </li>
          </ul>
          <h3 class="utrecht-heading-3">{t('offer.share')}</h3>
          <P>{t('offer.shareHint')}</P>
          <P>
            <a class="utrecht-link wk-break wk-share-url" href={props.shareUrl}>
              {props.shareUrl}
            </a>
          </P>
          <P>
            <a class="utrecht-link" href={mailto}>
              {t('offer.shareMail')}
            </a>
          </P>
        </section>
      </article>
    </Layout>
  );
}

export function OfferPrintPage(props: OfferPageProps) {
  const { ctx, service: s } = props;
  const t = messages(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('print.title', { name: s.name })}>
      <DirectoryStyles />
      <article class="wk-directory wk-offer wk-offer--print">
        <div class="wk-print-bar wk-no-print">
          <P>{t('print.intro')}</P>
          <div class="wk-actions">
            <PrintButton>{t('print.button')}</PrintButton>
            <a class="utrecht-link" href={`/aanbod/${s.id}`}>
              {t('print.backToOffer')}
            </a>
          </div>
        </div>
        <Heading1>{s.name}</Heading1>
        {s.organization?.name && <P lead>{t('offer.by', { provider: s.organization.name })}</P>}
        <OfferBody {...props} t={t} print={true} />
        <footer class="wk-print-footer">
          <P>
            {t('print.source', { url: props.shareUrl })}{' '}
            {t('print.printedOn', { date: formatDate(ctx.locale, props.now) })}
          </P>
        </footer>
      </article>
      <DirectoryScript />
    </Layout>
  );
}

export function OfferNotFoundPage(props: { ctx: RequestContext }) {
  const t = messages(props.ctx.locale);
  return (
    <Layout ctx={props.ctx} title={t('offer.notFound')}>
      <DirectoryStyles />
      <Heading1>{t('offer.notFound')}</Heading1>
      <P lead>{t('offer.notFoundText')}</P>
      <P>
        <a class="utrecht-link" href="/aanbod">
          {t('offer.backToSearch')}
        </a>
      </P>
    </Layout>
  );
}
