// The social team's start page: what waits for a response today (no waiting list), the requests of my own
// households, a way in for a new question; and the lookup "is this household known?".
import type { RequestContext } from '../../../platform/http/context.js';
import type { FieldError } from '../../../platform/http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  Heading1,
  Heading2,
  Layout,
  P,
  SubmitButton,
  Table,
  formatDateTime,
} from '../../../platform/pages/layout.js';
import { can } from '../../../platform/auth/permissions.js';
import { zrm2017 } from '../instruments.js';
import { caseworkTexts } from '../messages.js';
import type { DuplicateMatch, teamOverview } from '../service.js';
import { dueFilters, type DueFilter } from '../schemas.js';
import { CaseworkStyles, Fieldset, Subnav, textsOf } from './components.js';

type Overview = Awaited<ReturnType<typeof teamOverview>>;

export function domainLabel(ctx: RequestContext, code: string): string {
  const item = zrm2017.items.find((i) => i.code === code);
  return item ? (ctx.locale === 'en' ? item.en : item.nl) : code;
}

export const householdHref = (id: string) => `/sociaal-team/huishoudens/${id}`;

function RequestTable(props: { ctx: RequestContext; id: string; caption: string; overview: Overview }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const cw = caseworkTexts(ctx.locale);
  return (
    <Table
      id={props.id}
      caption={props.caption}
      head={[
        texts('overview.col.deadline'),
        texts('overview.col.household'),
        texts('overview.col.area'),
        texts('overview.col.channel'),
        texts('overview.col.lead'),
        texts('overview.col.domains'),
      ]}
      rows={props.overview.items.map((item) => ({
        key: item.id,
        cells: [
          <>
            {formatDateTime(ctx, item.respond_before)}{' '}
            <span class={item.due === 'overdue' ? 'wk-cw-overdue' : undefined}>
              ({texts(`due.${item.due}`)})
            </span>
          </>,
          item.access === 'known' ? (
            texts('overview.notInvolved')
          ) : (
            <a class="utrecht-link" href={householdHref(item.household_id)}>
              {item.household_label ?? texts('overview.open')}
            </a>
          ),
          item.area?.name ?? '–',
          cw(`channel.${item.channel}`),
          item.case_lead ? `${item.case_lead.name} (${item.case_lead.email})` : '–',
          item.life_domains?.map((c) => domainLabel(ctx, c)).join(', ') || '–',
        ],
      }))}
    />
  );
}

export function OverviewPage(props: {
  ctx: RequestContext;
  due: DueFilter;
  team?: Overview;
  mine: Overview;
}) {
  const { ctx, team, mine } = props;
  const texts = textsOf(ctx);
  const counts = (team ?? mine).counts;
  return (
    <Layout ctx={ctx} title={texts('overview.title')}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="/sociaal-team" />
      <Heading1>{texts('overview.title')}</Heading1>
      <P lead>{texts('overview.intro')}</P>
      {can(ctx.roles, 'casework:write') && (
        <div class="wk-card">
          <Heading2>{texts('overview.newRequest')}</Heading2>
          <P>{texts('overview.newRequestText')}</P>
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href="/sociaal-team/nieuw">
              {texts('register.title')}
            </a>
            {' · '}
            <a class="utrecht-link" href="/sociaal-team/zoeken">
              {texts('search.title')}
            </a>
          </p>
        </div>
      )}
      <section class="wk-section" aria-labelledby="counts">
        <Heading2 id="counts">{texts('overview.counts')}</Heading2>
        <ul class="wk-cw-counts">
          {(['overdue', 'today', 'open'] as const).map((k) => (
            <li class={`wk-card${k === 'overdue' && counts[k] > 0 ? ' wk-cw-count--alert' : ''}`} key={k}>
              <span class="wk-cw-count__figure">{counts[k]}</span>
              {texts(`overview.count.${k}`)}
            </li>
          ))}
        </ul>
      </section>
      <section class="wk-section" aria-labelledby="mine">
        <Heading2 id="mine">{texts('overview.mine')}</Heading2>
        {mine.items.length ? (
          <RequestTable ctx={ctx} id="mine-table" caption={texts('overview.mine')} overview={mine} />
        ) : (
          <P>{texts('overview.mineEmpty')}</P>
        )}
      </section>
      {team && (
        <section class="wk-section" aria-labelledby="team">
          <Heading2 id="team">{texts('overview.team')}</Heading2>
          <nav aria-label={texts('overview.filter')} class="wk-subnav">
            <ul class="wk-subnav__list">
              {dueFilters.map((f) => (
                <li key={f}>
                  <a
                    class="utrecht-link"
                    href={`/sociaal-team?termijn=${f}#team`}
                    aria-current={f === props.due ? 'page' : undefined}
                  >
                    {texts(`overview.filter.${f}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {team.items.length ? (
            <RequestTable
              ctx={ctx}
              id="team-table"
              caption={`${texts('overview.team')}: ${texts(`overview.filter.${props.due}`)}`}
              overview={team}
            />
          ) : (
            <P>{texts('overview.teamEmpty')}</P>
          )}
        </section>
      )}
    </Layout>
  );
}

export interface SearchForm {
  given_name: string;
  family_name: string;
  birth_date: string;
  postcode: string;
  house_number: string;
}

export function MatchTable(props: {
  ctx: RequestContext;
  id: string;
  caption: string;
  matches: DuplicateMatch[];
  /** Extra cell per row, e.g. a button to use this household. */
  action?: (m: DuplicateMatch, n: number) => preact.ComponentChildren;
  actionHead?: string;
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Table
      id={props.id}
      caption={props.caption}
      head={[
        texts('search.found'),
        texts('search.col.match'),
        texts('search.col.contact'),
        ...(props.action ? [props.actionHead ?? ''] : []),
      ]}
      rows={props.matches.map((m, i) => ({
        key: m.household_id,
        cells: [
          <a class="utrecht-link" href={householdHref(m.household_id)}>
            {texts('register.match', { n: i + 1 })}
          </a>,
          m.reasons.map((r) => texts(`match.${r}`)).join(', '),
          m.contact ? `${m.contact.name} (${m.contact.email})` : texts('search.noContact'),
          ...(props.action ? [props.action(m, i + 1)] : []),
        ],
      }))}
    />
  );
}

export function SearchPage(props: {
  ctx: RequestContext;
  form?: SearchForm;
  errors?: FieldError[];
  matches?: DuplicateMatch[];
}) {
  const { ctx, form, errors } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('search.title')}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="/sociaal-team/zoeken" />
      <Heading1>{texts('search.title')}</Heading1>
      <P lead>{texts('search.intro')}</P>
      <ErrorSummary ctx={ctx} errors={errors ?? []} />
      <form method="post" action="/sociaal-team/zoeken" class="wk-cw-form" noValidate>
        <CsrfField ctx={ctx} />
        <Fieldset legend={texts('search.person')}>
          <Field
            ctx={ctx}
            name="members.0.given_name"
            label={texts('field.givenName')}
            value={form?.given_name}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="members.0.family_name"
            label={texts('field.familyName')}
            value={form?.family_name}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="members.0.birth_date"
            label={texts('field.birthDate')}
            type="date"
            description={texts('field.birthDateHint')}
            value={form?.birth_date}
            errors={errors}
          />
        </Fieldset>
        <Fieldset legend={texts('search.address')}>
          <Field
            ctx={ctx}
            name="address.postcode"
            label={texts('field.postcode')}
            description={texts('field.postcodeHint')}
            value={form?.postcode}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="address.house_number"
            label={texts('field.houseNumber')}
            inputmode="numeric"
            value={form?.house_number}
            errors={errors}
          />
        </Fieldset>
        <SubmitButton>{texts('search.submit')}</SubmitButton>
      </form>
      {props.matches && (
        <section class="wk-section" aria-labelledby="results">
          <Heading2 id="results">{texts('search.found')}</Heading2>
          {props.matches.length ? (
            <MatchTable ctx={ctx} id="matches" caption={texts('search.found')} matches={props.matches} />
          ) : (
            <Alert type="info">{texts('search.none')}</Alert>
          )}
        </section>
      )}
    </Layout>
  );
}
