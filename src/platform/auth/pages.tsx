import { isEmailAddress } from '../mail/index.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../db/index.js';
import { DEMO_PASSWORD, demoAccounts } from '../demo/index.js';
import { requireTenant, type RequestContext } from '../http/context.js';
import { toAppError } from '../http/error-handler.js';
import { AppError, errorCodes, type FieldError } from '../http/errors.js';
import { SESSION_COOKIE } from '../http/hooks.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  Heading1,
  html,
  Layout,
  P,
  SubmitButton,
} from '../pages/layout.js';
import { rateLimits, setSessionCookie } from './routes.js';
import {
  completePasswordReset,
  completeTwoFactor,
  endSession,
  login,
  requestPasswordReset,
} from './service.js';

interface Deps {
  db: Database;
  config: Config;
}

/** Form posts: every field arrives as a string; the handler checks them so the form can show its own errors. */
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 2000 }));
const pageSchema = { hide: true } as const;
const formSchema = { hide: true, body: FormBody } as const;

/** Only local paths are followed after login, so a crafted link cannot send someone elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/mijn-account';
}

function LoginPage(props: {
  ctx: RequestContext;
  config: Config;
  email?: string;
  next?: string;
  error?: string;
  errors?: FieldError[];
  notice?: string;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const oidc = ctx.tenant?.oidc;
  return (
    <Layout ctx={ctx} title={t('login.title')}>
      <div class="wk-form wk-stack">
        <Heading1>{t('login.title')}</Heading1>
        {props.notice && <Alert type="ok">{props.notice}</Alert>}
        <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.error} />
        <P>{t('login.intro')}</P>
        <form method="post" action="/inloggen" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={safeNext(props.next)} />
          <Field
            ctx={ctx}
            name="email"
            label={t('login.email')}
            type="email"
            autocomplete="username"
            value={props.email}
            required
            errors={props.errors}
          />
          <Field
            ctx={ctx}
            name="password"
            label={t('login.password')}
            type="password"
            autocomplete="current-password"
            required
            errors={props.errors}
          />
          <SubmitButton>{t('login.submit')}</SubmitButton>
        </form>
        <P>
          <a class="utrecht-link" href="/wachtwoord-vergeten">
            {t('login.forgot')}
          </a>
        </P>
        {oidc && (
          <P>
            {t('login.oidc')}:{' '}
            <a
              class="utrecht-button-link utrecht-button-link--secondary-action"
              href={`/inloggen/oidc?tenant=${ctx.tenant!.slug}&next=${encodeURIComponent(safeNext(props.next))}`}
            >
              {oidc.label}
            </a>
          </P>
        )}
        {props.config.demo && (
          <details class="wk-card">
            <summary>{t('login.demo')}</summary>
            <P>
              <code class="utrecht-code">{DEMO_PASSWORD}</code>
            </P>
            <ul class="utrecht-unordered-list">
              {demoAccounts.map((a) => (
                <li class="utrecht-unordered-list__item" key={a.email}>
                  <code class="utrecht-code">{a.email}</code> —{' '}
                  {a.roles.map((r) => t(`role.${r}`)).join(', ')}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </Layout>
  );
}

function TwoFactorPage(props: { ctx: RequestContext; next?: string; error?: string; errors?: FieldError[] }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('login.totp.title')}>
      <div class="wk-form wk-stack">
        <Heading1>{t('login.totp.title')}</Heading1>
        <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.error} />
        <P>{t('login.totp.intro')}</P>
        <form method="post" action="/inloggen/code" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={safeNext(props.next)} />
          <Field
            ctx={ctx}
            name="code"
            label={t('login.totp.code')}
            autocomplete="one-time-code"
            inputmode="numeric"
            required
            errors={props.errors}
          />
          <SubmitButton>{t('login.totp.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

function ResetRequestPage(props: {
  ctx: RequestContext;
  sent?: boolean;
  email?: string;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('reset.title')}>
      <div class="wk-form wk-stack">
        <Heading1>{t('reset.title')}</Heading1>
        {props.sent ? (
          <Alert type="ok">{t('reset.sent')}</Alert>
        ) : (
          <>
            <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
            <P>{t('reset.intro')}</P>
            <form method="post" action="/wachtwoord-vergeten" novalidate>
              <CsrfField ctx={ctx} />
              <Field
                ctx={ctx}
                name="email"
                label={t('login.email')}
                type="email"
                autocomplete="email"
                value={props.email}
                required
                errors={props.errors}
              />
              <SubmitButton>{t('reset.submit')}</SubmitButton>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}

function ResetCompletePage(props: {
  ctx: RequestContext;
  token: string;
  error?: string;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('reset.new.title')}>
      <div class="wk-form wk-stack">
        <Heading1>{t('reset.new.title')}</Heading1>
        <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.error} />
        <form method="post" action="/wachtwoord-herstellen" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={props.token} />
          <Field
            ctx={ctx}
            name="password"
            label={t('reset.new.password')}
            type="password"
            autocomplete="new-password"
            description={t('reset.new.hint')}
            required
            errors={props.errors}
          />
          <SubmitButton>{t('reset.new.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

function errorText(ctx: RequestContext, err: AppError): string {
  return err.code === 'locked'
    ? ctx.t('error.locked', { minutes: err.detail ?? '15' })
    : ctx.t(errorCodes[err.code].message);
}

/** Expected problems re-render the form with a message; anything else goes to the error handler. */
function userError(err: unknown): AppError | undefined {
  const appErr = toAppError(err);
  return appErr.status < 500 && appErr.code !== 'csrf' && appErr.code !== 'unknown_tenant'
    ? appErr
    : undefined;
}

export function registerLoginPages(app: FastifyInstance, { db, config }: Deps): void {
  const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
  const limits = rateLimits(config);

  app.get(
    '/inloggen',
    {
      config: { access: 'public' },
      schema: {
        ...pageSchema,
        querystring: Type.Object({
          next: Type.Optional(Type.String()),
          tenant: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const { next } = req.query as { next?: string };
      return html(reply, <LoginPage ctx={req.ctx} config={config} next={next} />);
    },
  );

  app.post(
    '/inloggen',
    { config: { access: 'public', rateLimit: limits.login }, schema: formSchema },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      const tenant = requireTenant(req);
      const email = (form.email ?? '').trim();
      const password = form.password ?? '';
      const errors: FieldError[] = [];
      if (!isEmailAddress(email))
        errors.push({ field: 'email', message: email ? 'field.email' : 'field.required' });
      if (!password) errors.push({ field: 'password', message: 'field.required' });
      if (errors.length)
        return html(
          reply,
          <LoginPage ctx={req.ctx} config={config} email={email} next={form.next} errors={errors} />,
          400,
        );
      try {
        const oldToken = req.cookies[SESSION_COOKIE];
        const result = await login(db, tenant, { email, password, allowPendingTwoFactor: true }, client(req));
        if (oldToken) await endSession(db, oldToken);
        setSessionCookie(req, reply, result.token);
        if (result.kind === 'two-factor') {
          return reply.redirect(`/inloggen/code?next=${encodeURIComponent(safeNext(form.next))}`, 303);
        }
        return reply.redirect(safeNext(form.next), 303);
      } catch (err) {
        const e = userError(err);
        if (!e) throw err;
        return html(
          reply,
          <LoginPage
            ctx={req.ctx}
            config={config}
            email={email}
            next={form.next}
            error={errorText(req.ctx, e)}
          />,
          e.status,
        );
      }
    },
  );

  app.get(
    '/inloggen/code',
    {
      config: { access: 'two-factor-pending' },
      schema: { ...pageSchema, querystring: Type.Object({ next: Type.Optional(Type.String()) }) },
    },
    async (req, reply) =>
      html(reply, <TwoFactorPage ctx={req.ctx} next={(req.query as { next?: string }).next} />),
  );

  app.post(
    '/inloggen/code',
    { config: { access: 'two-factor-pending', rateLimit: limits.login }, schema: formSchema },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      const code = (form.code ?? '').replace(/\s/g, '');
      if (!/^\d{6}$/.test(code)) {
        return html(
          reply,
          <TwoFactorPage
            ctx={req.ctx}
            next={form.next}
            errors={[{ field: 'code', message: 'field.totp' }]}
          />,
          400,
        );
      }
      try {
        const result = await completeTwoFactor(db, req.cookies[SESSION_COOKIE]!, code, client(req));
        setSessionCookie(req, reply, result.token);
        return reply.redirect(safeNext(form.next), 303);
      } catch (err) {
        const e = userError(err);
        if (!e) throw err;
        if (e.code === 'unauthenticated') return reply.redirect('/inloggen', 303);
        return html(
          reply,
          <TwoFactorPage ctx={req.ctx} next={form.next} error={errorText(req.ctx, e)} />,
          e.status,
        );
      }
    },
  );

  app.post('/uitloggen', { config: { access: 'public' }, schema: formSchema }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await endSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/uitgelogd', 303);
  });

  app.get('/uitgelogd', { config: { access: 'public' }, schema: pageSchema }, async (req, reply) =>
    html(
      reply,
      <LoginPage
        ctx={{ ...req.ctx, session: undefined, roles: [] }}
        config={config}
        notice={req.ctx.t('logout.done')}
      />,
    ),
  );

  app.get('/wachtwoord-vergeten', { config: { access: 'public' }, schema: pageSchema }, async (req, reply) =>
    html(reply, <ResetRequestPage ctx={req.ctx} />),
  );

  app.post(
    '/wachtwoord-vergeten',
    { config: { access: 'public', rateLimit: limits.forms }, schema: formSchema },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const email = ((req.body as Record<string, string>).email ?? '').trim();
      if (!isEmailAddress(email)) {
        return html(
          reply,
          <ResetRequestPage
            ctx={req.ctx}
            email={email}
            errors={[{ field: 'email', message: email ? 'field.email' : 'field.required' }]}
          />,
          400,
        );
      }
      await requestPasswordReset(db, tenant, email, config.publicUrl);
      return html(reply, <ResetRequestPage ctx={req.ctx} sent />);
    },
  );

  app.get(
    '/wachtwoord-herstellen',
    {
      config: { access: 'public' },
      schema: {
        ...pageSchema,
        querystring: Type.Object({
          token: Type.String({ maxLength: 200 }),
          tenant: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) =>
      html(reply, <ResetCompletePage ctx={req.ctx} token={(req.query as { token: string }).token} />),
  );

  app.post(
    '/wachtwoord-herstellen',
    { config: { access: 'public', rateLimit: limits.forms }, schema: formSchema },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      const token = form.token ?? '';
      try {
        await completePasswordReset(db, token, form.password ?? '');
        return html(reply, <LoginPage ctx={req.ctx} config={config} notice={req.ctx.t('reset.done')} />);
      } catch (err) {
        const e = userError(err);
        if (!e) throw err;
        if (e.code === 'validation')
          return html(reply, <ResetCompletePage ctx={req.ctx} token={token} errors={e.fields} />, 400);
        return html(
          reply,
          <ResetCompletePage ctx={req.ctx} token={token} error={errorText(req.ctx, e)} />,
          e.status,
        );
      }
    },
  );
}
