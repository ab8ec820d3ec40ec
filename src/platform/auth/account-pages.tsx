// My account (profile, two-factor setup, sessions, who viewed my data) and administration pages.
import { isEmailAddress } from '../mail/index.js';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { recordAccess, searchAudit, type AuditRow } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { actorOf, requireSession, requireTenant, type RequestContext } from '../http/context.js';
import { toAppError } from '../http/error-handler.js';
import { AppError, type FieldError } from '../http/errors.js';
import { SESSION_COOKIE } from '../http/hooks.js';
import type { MessageKey } from '../i18n/index.js';
import { nl } from '../i18n/nl.js';
import {
  Alert,
  CsrfField,
  DataList,
  ErrorSummary,
  Field,
  Heading1,
  Heading2,
  Layout,
  P,
  SubmitButton,
  Table,
  formatDateTime,
} from '../pages/layout.js';
import { html } from '../pages/layout.js';
import { can, roles as allRoles, type Role } from './permissions.js';
import { IdParams } from './schemas.js';
import {
  accessLogOfUser,
  beginTotpSetup,
  changeRoles,
  confirmTotpSetup,
  createUser,
  disableTotp,
  endOwnSession,
  endSession,
  listSessions,
  listUsers,
  readProfile,
  twoFactorMissing,
  updateProfile,
  type Profile,
  type UserListItem,
} from './service.js';

interface Deps {
  db: Database;
  config: Config;
}

/** Form posts: every field arrives as a string; the handler checks them so the form can show its own errors. */
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 2000 }));
type Form = Record<string, string>;
const NoticeQuery = Type.Object({ melding: Type.Optional(Type.String({ maxLength: 40 })) });

/** Success messages after a redirect (post/redirect/get): the query names one, the catalog has the words. */
const notices = {
  opgeslagen: 'account.saved',
  'tweestaps-aan': 'account.twoFactor.enabled',
  'tweestaps-uit': 'account.twoFactor.disabled',
  'sessie-uitgelogd': 'account.sessions.ended',
  'gebruiker-toegevoegd': 'admin.users.created',
  'rollen-opgeslagen': 'admin.users.rolesSaved',
} as const satisfies Record<string, MessageKey>;
type Notice = keyof typeof notices;

function noticeText(ctx: RequestContext, melding: string | undefined): string | undefined {
  return melding && Object.hasOwn(notices, melding) ? ctx.t(notices[melding as Notice]) : undefined;
}

const phonePattern = /^[0-9 +()-]*$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const AUDIT_LIMIT = 200;

// ---- words for codes ----

function word(ctx: RequestContext, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return Object.hasOwn(nl, key) ? ctx.t(key as MessageKey) : code;
}

function roleWords(ctx: RequestContext, list: readonly string[]): string {
  return list.length ? list.map((r) => word(ctx, 'role', r)).join(', ') : ctx.t('account.roles.none');
}

/** "Gegevens bekeken", "Rollen veranderd": the record type and the action in words. */
function whatWords(ctx: RequestContext, r: AuditRow): string {
  return `${word(ctx, 'record', r.recordType)} ${word(ctx, 'action', r.action)}`;
}

/** The purpose is the route (or a purpose stated by the CLI); known routes get words a resident understands. */
function purposeWords(ctx: RequestContext, purpose: string): string {
  if (/^[A-Z]+ \/(beheer\/gebruikers|api\/v1\/admin\/users)(\/|$)/.test(purpose))
    return ctx.t('purpose.admin');
  if (/^[A-Z]+ \/(mijn-account|api\/v1\/me)(\/|$)/.test(purpose)) return ctx.t('purpose.own');
  return purpose;
}

function actorWords(ctx: RequestContext, r: AuditRow): string {
  if (!r.actorUserId) return ctx.t('account.viewers.system');
  const name = r.actorName ?? ctx.t('account.viewers.unknown');
  return r.actorRoles.length ? `${name} (${roleWords(ctx, r.actorRoles)})` : name;
}

/** A readable device from the user agent: enough to recognise it, without showing the raw string. */
function deviceWords(ctx: RequestContext, userAgent: string | null, method: string): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : undefined;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /CrOS/.test(ua)
          ? 'ChromeOS'
          : /Mac OS X/.test(ua)
            ? 'macOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : undefined;
  const device =
    browser && os
      ? ctx.t('account.sessions.deviceOn', { browser, os })
      : (browser ?? os ?? ctx.t('account.sessions.unknownDevice'));
  return `${device}, ${word(ctx, 'account.sessions.method', method)}`;
}

// ---- building blocks ----

function RoleCheckboxes(props: { ctx: RequestContext; checked: readonly Role[]; errors?: FieldError[] }) {
  const t = props.ctx.t;
  const error = props.errors?.find((e) => e.field === 'roles');
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      id="roles"
      aria-describedby={error ? 'roles-hint roles-error' : 'roles-hint'}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
        {t('admin.users.roles')}
      </legend>
      <div class="utrecht-form-field-description" id="roles-hint">
        {t('admin.users.rolesHint')}
      </div>
      {error && (
        <div class="utrecht-form-field-error-message" id="roles-error">
          {t(error.message as MessageKey)}
        </div>
      )}
      {allRoles.map((r) => (
        <div class="utrecht-form-field utrecht-form-field--checkbox" key={r}>
          <div class="utrecht-form-field__input">
            <input
              class="utrecht-checkbox utrecht-checkbox--html-input"
              type="checkbox"
              id={`role-${r}`}
              name={`role-${r}`}
              value="ja"
              checked={props.checked.includes(r)}
            />
          </div>
          <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <label class="utrecht-form-label utrecht-form-label--checkbox" for={`role-${r}`}>
              {t(`role.${r}`)}
            </label>
          </div>
        </div>
      ))}
    </fieldset>
  );
}

function chosenRoles(form: Form): Role[] {
  return allRoles.filter((r) => form[`role-${r}`] !== undefined);
}

function AdminNav(props: { ctx: RequestContext; current: 'users' | 'audit' }) {
  const t = props.ctx.t;
  const links = [
    {
      id: 'users',
      href: '/beheer/gebruikers',
      label: t('admin.nav.users'),
      show: can(props.ctx.roles, 'users:read'),
    },
    {
      id: 'audit',
      href: '/beheer/audit',
      label: t('admin.nav.audit'),
      show: can(props.ctx.roles, 'audit:search'),
    },
  ].filter((l) => l.show);
  return (
    <nav aria-label={t('admin.nav')} class="wk-subnav">
      <ul class="wk-subnav__list">
        {links.map((l) => (
          <li key={l.id}>
            <a class="utrecht-link" href={l.href} aria-current={l.id === props.current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// ---- my account ----

type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];

interface AccountData {
  profile: Profile;
  sessions: SessionRow[];
  viewers: AuditRow[];
  twoFactorMissing: boolean;
  /** The tenant requires two-factor login for one of the user's roles. */
  twoFactorRequired: boolean;
  currentSessionId: string;
}

function AccountPage(props: {
  ctx: RequestContext;
  data: AccountData;
  notice?: string;
  /** What the user typed, when the profile form comes back with errors. */
  form?: { name: string; phone: string };
  errors?: FieldError[];
}) {
  const { ctx, data } = props;
  const t = ctx.t;
  const p = data.profile;
  const errors = props.errors ?? [];
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <div class="wk-stack">
        <Heading1>{t('account.title')}</Heading1>
        {props.notice && <Alert type="ok">{props.notice}</Alert>}
        <ErrorSummary ctx={ctx} errors={errors} />
        {data.twoFactorMissing && <Alert type="warning">{t('account.twoFactor.missing')}</Alert>}
        <P lead>{t('account.intro')}</P>

        <section aria-labelledby="gegevens" class="wk-section wk-stack">
          <Heading2 id="gegevens">{t('account.profile')}</Heading2>
          <DataList
            items={[
              [t('account.name'), p.name],
              [t('account.email'), p.email],
              [t('account.phone'), p.phone || t('account.phone.none')],
              [t('account.roles'), roleWords(ctx, p.roles)],
            ]}
          />
          <P>{t('account.email.hint')}</P>
          <h3 class="utrecht-heading-3">{t('account.edit')}</h3>
          <form method="post" action="/mijn-account" novalidate class="wk-form">
            <CsrfField ctx={ctx} />
            <Field
              ctx={ctx}
              name="name"
              label={t('account.name')}
              autocomplete="name"
              value={props.form?.name ?? p.name}
              required
              errors={errors}
            />
            <Field
              ctx={ctx}
              name="phone"
              label={t('account.phone')}
              type="tel"
              autocomplete="tel"
              description={t('account.phone.hint')}
              value={props.form?.phone ?? p.phone ?? ''}
              errors={errors}
            />
            <SubmitButton>{t('account.save')}</SubmitButton>
          </form>
        </section>

        <section aria-labelledby="tweestaps" class="wk-section wk-stack">
          <Heading2 id="tweestaps">{t('account.twoFactor')}</Heading2>
          <P>{t('account.twoFactor.what')}</P>
          <P>
            <strong>{p.twoFactorEnabled ? t('account.twoFactor.on') : t('account.twoFactor.off')}</strong>
          </P>
          {p.twoFactorEnabled ? (
            <form method="post" action="/mijn-account/tweestaps/uit" novalidate class="wk-form">
              <CsrfField ctx={ctx} />
              <P>{t('account.twoFactor.disableIntro')}</P>
              {data.twoFactorRequired && (
                <P>
                  <strong>{t('account.twoFactor.disableWarning')}</strong>
                </P>
              )}
              <Field
                ctx={ctx}
                name="code"
                label={t('account.twoFactor.code')}
                autocomplete="one-time-code"
                inputmode="numeric"
                description={t('account.twoFactor.codeHint')}
                required
                errors={errors}
              />
              <SubmitButton variant="secondary">{t('account.twoFactor.turnOff')}</SubmitButton>
            </form>
          ) : (
            <P>
              <a
                class="utrecht-button-link utrecht-button-link--primary-action"
                href="/mijn-account/tweestaps"
              >
                {t('account.twoFactor.setup')}
              </a>
            </P>
          )}
        </section>

        <section aria-labelledby="sessies" class="wk-section wk-stack">
          <Heading2 id="sessies">{t('account.sessions')}</Heading2>
          <P>{t('account.sessions.intro')}</P>
          <Table
            id="sessies-tabel"
            caption={t('account.sessions.caption')}
            head={[
              t('account.sessions.device'),
              t('account.sessions.started'),
              t('account.sessions.lastSeen'),
              t('account.sessions.action'),
            ]}
            rows={data.sessions.map((s) => {
              const device = deviceWords(ctx, s.userAgent, s.method);
              const started = formatDateTime(ctx, s.createdAt);
              return {
                key: s.id,
                cells: [
                  device,
                  started,
                  formatDateTime(ctx, s.lastSeenAt),
                  s.id === data.currentSessionId ? (
                    <strong>{t('account.sessions.current')}</strong>
                  ) : (
                    <form
                      method="post"
                      action={`/mijn-account/sessies/${s.id}/uitloggen`}
                      class="wk-inline-form"
                    >
                      <CsrfField ctx={ctx} />
                      {/* The name says which device, since every row has the same button; it starts with the visible text. */}
                      <button
                        type="submit"
                        class="utrecht-button utrecht-button--secondary-action"
                        aria-label={`${t('account.sessions.endOther')}: ${device}, ${started}`}
                      >
                        {t('account.sessions.endOther')}
                      </button>
                    </form>
                  ),
                ],
              };
            })}
          />
        </section>

        <section aria-labelledby="bekeken" class="wk-section wk-stack">
          <Heading2 id="bekeken">{t('account.viewers')}</Heading2>
          <P>{t('account.viewers.intro')}</P>
          {data.viewers.length === 0 ? (
            <P>{t('account.viewers.none')}</P>
          ) : (
            <Table
              id="bekeken-tabel"
              caption={t('account.viewers.caption')}
              head={[
                t('account.viewers.when'),
                t('account.viewers.who'),
                t('account.viewers.what'),
                t('account.viewers.why'),
              ]}
              rows={data.viewers.map((r) => ({
                key: String(r.id),
                cells: [
                  formatDateTime(ctx, r.at),
                  actorWords(ctx, r),
                  whatWords(ctx, r),
                  purposeWords(ctx, r.purpose),
                ],
              }))}
            />
          )}
        </section>
      </div>
    </Layout>
  );
}

function TwoFactorSetupPage(props: {
  ctx: RequestContext;
  secret: string;
  qrSvg: string;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  const grouped = props.secret.match(/.{1,4}/g)?.join(' ') ?? props.secret;
  return (
    <Layout ctx={ctx} title={t('account.twoFactor.setup')}>
      <div class="wk-stack">
        <Heading1>{t('account.twoFactor.setup')}</Heading1>
        <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
        <P>{t('account.twoFactor.what')}</P>
        <ol class="utrecht-ordered-list wk-steps">
          <li class="utrecht-ordered-list__item">{t('account.twoFactor.step1')}</li>
          <li class="utrecht-ordered-list__item">
            <span>{t('account.twoFactor.step2')}</span>
            <figure class="utrecht-figure wk-qr" aria-labelledby="qr-caption">
              {/* The SVG is made by the qrcode library from our own otpauth URI: no user input reaches it. */}
              <div
                class="wk-qr__image"
                role="img"
                aria-label={t('account.twoFactor.qr')}
                dangerouslySetInnerHTML={{ __html: props.qrSvg }}
              />
              <figcaption class="utrecht-figure__caption" id="qr-caption">
                {t('account.twoFactor.qr')}
              </figcaption>
            </figure>
            <p class="utrecht-paragraph">{t('account.twoFactor.typeInstead')}</p>
            <p class="utrecht-paragraph">
              <code class="utrecht-code wk-secret" id="totp-secret">
                {grouped}
              </code>
            </p>
          </li>
          <li class="utrecht-ordered-list__item">
            <span>{t('account.twoFactor.step3')}</span>
            <form method="post" action="/mijn-account/tweestaps" novalidate class="wk-form">
              <CsrfField ctx={ctx} />
              <Field
                ctx={ctx}
                name="code"
                label={t('account.twoFactor.code')}
                autocomplete="one-time-code"
                inputmode="numeric"
                description={t('account.twoFactor.codeHint')}
                required
                errors={props.errors}
              />
              <SubmitButton>{t('account.twoFactor.turnOn')}</SubmitButton>
            </form>
          </li>
        </ol>
        <P>
          <a class="utrecht-link" href="/mijn-account">
            {t('account.back')}
          </a>
        </P>
      </div>
    </Layout>
  );
}

// ---- administration ----

interface NewUserForm {
  email: string;
  name: string;
  roles: Role[];
}

function UsersPage(props: {
  ctx: RequestContext;
  users: UserListItem[];
  form?: NewUserForm;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  const errors = props.errors ?? [];
  const yesNo = (b: boolean) => (b ? t('admin.users.yes') : t('admin.users.no'));
  return (
    <Layout ctx={ctx} title={t('admin.users.title')}>
      <div class="wk-stack">
        <AdminNav ctx={ctx} current="users" />
        <Heading1>{t('admin.users.title')}</Heading1>
        <ErrorSummary ctx={ctx} errors={errors} />
        <P>{t('admin.users.intro')}</P>
        <Table
          id="gebruikers-tabel"
          caption={t('admin.users.caption', { count: props.users.length })}
          head={[
            t('admin.users.name'),
            t('admin.users.email'),
            t('admin.users.roles'),
            t('admin.users.twoFactor'),
            t('admin.users.locked'),
          ]}
          rows={props.users.map((u) => ({
            key: u.id,
            cells: [
              <a class="utrecht-link" href={`/beheer/gebruikers/${u.id}`}>
                {u.name}
              </a>,
              <span class="wk-break">{u.email}</span>,
              roleWords(ctx, u.roles),
              u.twoFactorEnabled ? t('admin.users.on') : t('admin.users.off'),
              yesNo(u.locked),
            ],
          }))}
        />
        {can(ctx.roles, 'users:manage') && (
          <section aria-labelledby="nieuw" class="wk-section wk-stack">
            <Heading2 id="nieuw">{t('admin.users.new')}</Heading2>
            <P>{t('admin.users.newIntro')}</P>
            <form method="post" action="/beheer/gebruikers" novalidate class="wk-form">
              <CsrfField ctx={ctx} />
              <Field
                ctx={ctx}
                name="name"
                label={t('admin.users.name')}
                autocomplete="off"
                value={props.form?.name}
                required
                errors={errors}
              />
              <Field
                ctx={ctx}
                name="email"
                label={t('admin.users.email')}
                type="email"
                autocomplete="off"
                value={props.form?.email}
                required
                errors={errors}
              />
              <RoleCheckboxes ctx={ctx} checked={props.form?.roles ?? []} errors={errors} />
              <Field
                ctx={ctx}
                name="password"
                label={t('admin.users.initialPassword')}
                type="password"
                autocomplete="new-password"
                description={t('admin.users.passwordHint')}
                errors={errors}
              />
              <SubmitButton>{t('admin.users.create')}</SubmitButton>
            </form>
          </section>
        )}
      </div>
    </Layout>
  );
}

function UserPage(props: { ctx: RequestContext; profile: Profile; notice?: string; checked?: Role[] }) {
  const { ctx, profile: p } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('admin.user.title', { name: p.name })}>
      <div class="wk-stack">
        <AdminNav ctx={ctx} current="users" />
        <Heading1>{t('admin.user.title', { name: p.name })}</Heading1>
        {props.notice && <Alert type="ok">{props.notice}</Alert>}
        <section aria-labelledby="gegevens" class="wk-section wk-stack">
          <Heading2 id="gegevens">{t('admin.user.profile')}</Heading2>
          <DataList
            items={[
              [t('account.name'), p.name],
              [t('account.email'), <span class="wk-break">{p.email}</span>],
              [t('account.phone'), p.phone || t('account.phone.none')],
              [t('admin.users.roles'), roleWords(ctx, p.roles)],
              [t('account.twoFactor'), p.twoFactorEnabled ? t('admin.users.on') : t('admin.users.off')],
              [t('admin.user.createdAt'), formatDateTime(ctx, p.createdAt)],
            ]}
          />
          {can(ctx.roles, 'audit:search') && (
            <P>
              <a class="utrecht-link" href={`/beheer/audit?recordType=user&recordId=${p.id}`}>
                {t('admin.user.auditLink')}
              </a>
            </P>
          )}
        </section>
        {can(ctx.roles, 'users:manage') && (
          <section aria-labelledby="rollen" class="wk-section wk-stack">
            <Heading2 id="rollen">{t('admin.user.roles')}</Heading2>
            <P>{t('admin.user.rolesIntro')}</P>
            <form method="post" action={`/beheer/gebruikers/${p.id}/rollen`} novalidate class="wk-form">
              <CsrfField ctx={ctx} />
              <RoleCheckboxes ctx={ctx} checked={props.checked ?? p.roles} />
              <SubmitButton>{t('admin.users.saveRoles')}</SubmitButton>
            </form>
          </section>
        )}
        <P>
          <a class="utrecht-link" href="/beheer/gebruikers">
            {t('admin.users.back')}
          </a>
        </P>
      </div>
    </Layout>
  );
}

interface AuditFilter {
  recordType: string;
  recordId: string;
  from: string;
}

function AuditPage(props: {
  ctx: RequestContext;
  filter: AuditFilter;
  rows?: AuditRow[];
  errors?: FieldError[];
}) {
  const { ctx, filter } = props;
  const t = ctx.t;
  const errors = props.errors ?? [];
  return (
    <Layout ctx={ctx} title={t('admin.audit.title')}>
      <div class="wk-stack">
        <AdminNav ctx={ctx} current="audit" />
        <Heading1>{t('admin.audit.title')}</Heading1>
        <ErrorSummary ctx={ctx} errors={errors} />
        <P>{t('admin.audit.intro')}</P>
        <form
          method="get"
          action="/beheer/audit"
          novalidate
          class="wk-form"
          role="search"
          aria-label={t('admin.audit.filter')}
        >
          <Field
            ctx={ctx}
            name="recordType"
            label={t('admin.audit.recordType')}
            description={t('admin.audit.recordTypeHint')}
            value={filter.recordType}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="recordId"
            label={t('admin.audit.recordId')}
            description={t('admin.audit.recordIdHint')}
            value={filter.recordId}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="from"
            label={t('admin.audit.from')}
            type="date"
            description={t('admin.audit.fromHint')}
            value={filter.from}
            errors={errors}
          />
          <SubmitButton>{t('admin.audit.filter')}</SubmitButton>
        </form>
        {props.rows && (
          <section aria-labelledby="resultaten" class="wk-section wk-stack">
            <Heading2 id="resultaten">{t('admin.audit.results')}</Heading2>
            {props.rows.length === 0 ? (
              <P>{t('admin.audit.none')}</P>
            ) : (
              <>
                {props.rows.length >= AUDIT_LIMIT && <P>{t('admin.audit.limit', { limit: AUDIT_LIMIT })}</P>}
                <Table
                  id="audit-tabel"
                  caption={t('admin.audit.caption', { count: props.rows.length })}
                  head={[
                    t('admin.audit.when'),
                    t('admin.audit.actor'),
                    t('admin.audit.action'),
                    t('admin.audit.record'),
                    t('admin.audit.purpose'),
                  ]}
                  rows={props.rows.map((r) => ({
                    key: String(r.id),
                    cells: [
                      formatDateTime(ctx, r.at),
                      actorWords(ctx, r),
                      word(ctx, 'action', r.action),
                      <>
                        {word(ctx, 'record', r.recordType)}{' '}
                        <code class="utrecht-code wk-break">{r.recordId}</code>
                      </>,
                      <code class="utrecht-code wk-break">{r.purpose}</code>,
                    ],
                  }))}
                />
              </>
            )}
          </section>
        )}
      </div>
    </Layout>
  );
}

// ---- routes ----

/** Expected problems of a form (wrong code, taken address) come back as field errors; the rest goes to the error handler. */
function formError(err: unknown, codes: readonly string[]): AppError | undefined {
  const e = toAppError(err);
  return codes.includes(e.code) ? e : undefined;
}

export function registerAccountPages(app: FastifyInstance, { db }: Deps): void {
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;

  async function accountData(req: FastifyRequest): Promise<AccountData> {
    const session = requireSession(req);
    const tenant = requireTenant(req);
    return db.tenant(tenant.id, async (tx) => ({
      profile: await readProfile(tx, actorOf(req), session.user.id),
      sessions: await listSessions(tx, session.user.id),
      viewers: await accessLogOfUser(tx, session.user.id),
      twoFactorMissing: twoFactorMissing(tenant, session.user, session.method),
      twoFactorRequired: session.user.roles.some((r) => tenant.settings.requireTwoFactorForRoles.includes(r)),
      currentSessionId: session.id,
    }));
  }

  async function showAccount(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: { name: string; phone: string }; errors?: FieldError[] },
  ) {
    return html(
      reply,
      <AccountPage ctx={req.ctx} data={await accountData(req)} {...extra} />,
      extra.errors?.length ? 400 : 200,
    );
  }

  app.get(
    '/mijn-account',
    { config: { access: 'account:own' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return html(
        reply,
        <AccountPage ctx={req.ctx} data={await accountData(req)} notice={noticeText(req.ctx, melding)} />,
      );
    },
  );

  app.post('/mijn-account', { config: { access: 'account:own' }, schema: formSchema }, async (req, reply) => {
    const session = requireSession(req);
    const tenant = requireTenant(req);
    const form = req.body as Form;
    const name = (form.name ?? '').trim();
    const phone = (form.phone ?? '').trim();
    const errors: FieldError[] = [];
    if (!name) errors.push({ field: 'name', message: 'field.required' });
    else if (name.length > 200) errors.push({ field: 'name', message: 'field.tooLong' });
    if (phone.length > 30) errors.push({ field: 'phone', message: 'field.tooLong' });
    else if (!phonePattern.test(phone)) errors.push({ field: 'phone', message: 'field.phone' });
    if (errors.length) return showAccount(req, reply, { form: { name, phone }, errors });
    await db.tenant(tenant.id, (tx) =>
      updateProfile(tx, actorOf(req), session.user.id, { name, phone: phone || null }),
    );
    return reply.redirect('/mijn-account?melding=opgeslagen', 303);
  });

  app.post(
    '/mijn-account/sessies/:id/uitloggen',
    { config: { access: 'account:own' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof IdParams>;
      if (id === session.id) {
        await endSession(db, req.cookies[SESSION_COOKIE]!);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.redirect('/uitgelogd', 303);
      }
      const ended = await db.tenant(tenant.id, (tx) => endOwnSession(tx, session.user.id, id));
      if (!ended) throw new AppError('not_found');
      return reply.redirect('/mijn-account?melding=sessie-uitgelogd', 303);
    },
  );

  async function showSetup(req: FastifyRequest, reply: FastifyReply, errors?: FieldError[]) {
    const session = requireSession(req);
    const tenant = requireTenant(req);
    let setup: { secret: string; qrSvg: string };
    try {
      setup = await db.tenant(tenant.id, (tx) => beginTotpSetup(tx, tenant, session.user.id));
    } catch (err) {
      // Already on: nothing to set up.
      if (formError(err, ['conflict'])) return reply.redirect('/mijn-account', 303);
      throw err;
    }
    return html(
      reply,
      <TwoFactorSetupPage ctx={req.ctx} secret={setup.secret} qrSvg={setup.qrSvg} errors={errors} />,
      errors?.length ? 400 : 200,
    );
  }

  app.get(
    '/mijn-account/tweestaps',
    { config: { access: 'account:own' }, schema: page },
    async (req, reply) => showSetup(req, reply),
  );

  app.post(
    '/mijn-account/tweestaps',
    { config: { access: 'account:own' }, schema: formSchema },
    async (req, reply) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const code = ((req.body as Form).code ?? '').replace(/\s/g, '');
      if (!/^\d{6}$/.test(code))
        return showSetup(req, reply, [{ field: 'code', message: code ? 'field.totp' : 'field.required' }]);
      try {
        await db.tenant(tenant.id, (tx) => confirmTotpSetup(tx, actorOf(req), session.user.id, code));
      } catch (err) {
        const e = formError(err, ['invalid_totp', 'conflict']);
        if (!e) throw err;
        if (e.code === 'conflict') return reply.redirect('/mijn-account', 303);
        return showSetup(req, reply, [{ field: 'code', message: 'error.invalidTotp' }]);
      }
      return reply.redirect('/mijn-account?melding=tweestaps-aan', 303);
    },
  );

  app.post(
    '/mijn-account/tweestaps/uit',
    { config: { access: 'account:own' }, schema: formSchema },
    async (req, reply) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const code = ((req.body as Form).code ?? '').replace(/\s/g, '');
      if (!/^\d{6}$/.test(code))
        return showAccount(req, reply, {
          errors: [{ field: 'code', message: code ? 'field.totp' : 'field.required' }],
        });
      try {
        await db.tenant(tenant.id, (tx) => disableTotp(tx, actorOf(req), session.user.id, code));
      } catch (err) {
        const e = formError(err, ['invalid_totp', 'conflict']);
        if (!e) throw err;
        if (e.code === 'conflict') return reply.redirect('/mijn-account', 303);
        return showAccount(req, reply, { errors: [{ field: 'code', message: 'error.invalidTotp' }] });
      }
      return reply.redirect('/mijn-account?melding=tweestaps-uit', 303);
    },
  );

  // ---- administration ----

  async function showUsers(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: NewUserForm; errors?: FieldError[] } = {},
  ) {
    const tenant = requireTenant(req);
    const users = await db.tenant(tenant.id, (tx) => listUsers(tx, actorOf(req)));
    return html(
      reply,
      <UsersPage ctx={req.ctx} users={users} {...extra} />,
      extra.errors?.length ? 400 : 200,
    );
  }

  app.get('/beheer/gebruikers', { config: { access: 'users:read' }, schema: page }, async (req, reply) =>
    showUsers(req, reply),
  );

  app.post(
    '/beheer/gebruikers',
    { config: { access: 'users:manage' }, schema: formSchema },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const form = req.body as Form;
      const input = {
        email: (form.email ?? '').trim(),
        name: (form.name ?? '').trim(),
        roles: chosenRoles(form),
      };
      const password = form.password ?? '';
      const errors: FieldError[] = [];
      if (!input.name) errors.push({ field: 'name', message: 'field.required' });
      else if (input.name.length > 200) errors.push({ field: 'name', message: 'field.tooLong' });
      if (!input.email) errors.push({ field: 'email', message: 'field.required' });
      else if (!isEmailAddress(input.email)) errors.push({ field: 'email', message: 'field.email' });
      if (input.roles.length === 0) errors.push({ field: 'roles', message: 'field.roles' });
      if (password && password.length < 12)
        errors.push({ field: 'password', message: 'field.passwordTooShort' });
      if (errors.length) return showUsers(req, reply, { form: input, errors });
      let id: string;
      try {
        id = await db.tenant(tenant.id, async (tx) => {
          const user = await createUser(tx, tenant.id, { ...input, ...(password ? { password } : {}) });
          await recordAccess(tx, actorOf(req), {
            action: 'create',
            recordType: 'user',
            recordId: user.id,
            subjectUserId: user.id,
          });
          return user.id;
        });
      } catch (err) {
        const e = formError(err, ['conflict', 'validation']);
        if (!e) throw err;
        const fields =
          e.code === 'conflict' ? [{ field: 'email', message: 'field.emailTaken' }] : (e.fields ?? []);
        return showUsers(req, reply, { form: input, errors: fields });
      }
      return reply.redirect(`/beheer/gebruikers/${id}?melding=gebruiker-toegevoegd`, 303);
    },
  );

  app.get(
    '/beheer/gebruikers/:id',
    { config: { access: 'users:read' }, schema: { ...page, params: IdParams, querystring: NoticeQuery } },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof IdParams>;
      const { melding } = req.query as Static<typeof NoticeQuery>;
      const profile = await db.tenant(tenant.id, (tx) => readProfile(tx, actorOf(req), id));
      return html(reply, <UserPage ctx={req.ctx} profile={profile} notice={noticeText(req.ctx, melding)} />);
    },
  );

  app.post(
    '/beheer/gebruikers/:id/rollen',
    { config: { access: 'users:manage' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof IdParams>;
      await db.tenant(tenant.id, (tx) => changeRoles(tx, actorOf(req), id, chosenRoles(req.body as Form)));
      return reply.redirect(`/beheer/gebruikers/${id}?melding=rollen-opgeslagen`, 303);
    },
  );

  const AuditPageQuery = Type.Object({
    recordType: Type.Optional(Type.String({ maxLength: 500 })),
    recordId: Type.Optional(Type.String({ maxLength: 500 })),
    from: Type.Optional(Type.String({ maxLength: 500 })),
  });

  app.get(
    '/beheer/audit',
    { config: { access: 'audit:search' }, schema: { ...page, querystring: AuditPageQuery } },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const q = req.query as Static<typeof AuditPageQuery>;
      const filter: AuditFilter = {
        recordType: (q.recordType ?? '').trim(),
        recordId: (q.recordId ?? '').trim(),
        from: (q.from ?? '').trim(),
      };
      const errors: FieldError[] = [];
      if (filter.recordType.length > 60) errors.push({ field: 'recordType', message: 'field.tooLong' });
      if (filter.recordId.length > 100) errors.push({ field: 'recordId', message: 'field.tooLong' });
      const from = filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined;
      if (filter.from && (!datePattern.test(filter.from) || Number.isNaN(from!.getTime())))
        errors.push({ field: 'from', message: 'field.date' });
      if (errors.length) return html(reply, <AuditPage ctx={req.ctx} filter={filter} errors={errors} />, 400);
      const rows = await db.tenant(tenant.id, (tx) =>
        searchAudit(tx, {
          recordType: filter.recordType || undefined,
          recordId: filter.recordId || undefined,
          from,
          limit: AUDIT_LIMIT,
        }),
      );
      return html(reply, <AuditPage ctx={req.ctx} filter={filter} rows={rows} />);
    },
  );
}
