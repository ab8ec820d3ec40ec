import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { registerAreaRoutes } from './modules/areas/routes.js';
import { registerCaseworkPages, registerCaseworkRoutes } from './modules/casework/index.js';
import { registerDirectoryRoutes, registerSearchRoutes } from './modules/directory/index.js';
import { registerCurationRoutes } from './modules/directory/curation/index.js';
import { registerDirectoryPages } from './modules/directory/pages/index.js';
import { registerReferralRoutes } from './modules/referrals/index.js';
import { registerSignalRoutes } from './modules/signals/index.js';
import { registerVolunteeringRoutes } from './modules/volunteering/index.js';
import { registerAccountPages } from './platform/auth/account-pages.js';
import { registerLoginPages } from './platform/auth/pages.js';
import { registerAuthRoutes } from './platform/auth/routes.js';
import { registerOidcRoutes } from './platform/auth/oidc.js';
import { useFieldCipher } from './platform/auth/service.js';
import type { Database } from './platform/db/index.js';
import { installErrorHandling } from './platform/http/error-handler.js';
import { registerHealthRoutes } from './platform/http/health.js';
import { contextHook, csrfHook, enforceAccessDeclarations, newRequestId } from './platform/http/hooks.js';
import { registerAssets } from './platform/pages/assets.js';
import { registerFiguresPage } from './platform/pages/figures-page.js';
import { registerHomePage } from './platform/pages/home.js';
import { fieldCipher } from './platform/privacy/crypto.js';

export interface AppDeps {
  config: Config;
  db: Database;
}

export type App = FastifyInstance;

/** The whole HTTP application, without listening: tests call it through app.inject or a real port. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, db } = deps;
  useFieldCipher(fieldCipher(config.secretKey));
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // No personal data in logs: no query strings, headers, cookies or bodies.
      serializers: {
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0], id: req.id }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    genReqId: newRequestId,
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  enforceAccessDeclarations(app);
  installErrorHandling(app);

  // JSON routes must not accept text/plain (a cross-site form can send it without a preflight): 415.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // HSTS only makes sense (and is only honoured) over TLS; added below per request.
    strictTransportSecurity: false,
    // Same-origin referrers let the language switch return to the page it was clicked on.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  await app.register(rateLimit, { global: false });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Wijkkracht API',
        version: '1',
        description:
          'Open API of Wijkkracht. Log in with POST /api/v1/auth/login; send the returned csrfToken as x-csrf-token on every state-changing call made with the session cookie. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'wk_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list' },
    staticCSP: true,
    uiHooks: {},
    transformSpecificationClone: true,
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.addHook('onRequest', contextHook({ db, defaultTenant: config.defaultTenant }));
  app.addHook('preValidation', csrfHook);

  registerAssets(app, db);
  registerHealthRoutes(app, db);
  registerAuthRoutes(app, { db, config });
  registerOidcRoutes(app, { db, config });
  registerLoginPages(app, { db, config });
  registerAccountPages(app, { db, config });
  registerHomePage(app, db);
  registerFiguresPage(app);
  registerAreaRoutes(app, db);
  registerCaseworkRoutes(app, db, config);
  registerCaseworkPages(app, db, config);
  registerSearchRoutes(app, db);
  registerDirectoryRoutes(app, db);
  registerCurationRoutes(app, db, config);
  registerDirectoryPages(app, db, config);
  registerReferralRoutes(app, db, config);
  registerSignalRoutes(app, db, config);
  registerVolunteeringRoutes(app, db, config);

  await app.ready();
  return app;
}
