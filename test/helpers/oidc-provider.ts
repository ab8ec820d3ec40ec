// A real OpenID provider (oidc-provider) on 127.0.0.1 for tests of the OIDC login. The "browser" part of the
// flow (login and consent at the provider) is done without pages: signIn() follows the redirects with fetch and
// finishes the interaction for the account the test names.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestIdentity {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts the provider knows; tests add their own. */
  accounts: Map<string, TestIdentity>;
  /**
   * Plays the browser from the authorization URL (the app's redirect) through login and consent as `sub`, or
   * refuses the login when `sub` is `'deny'`. Returns the URL the provider sends the browser back to.
   */
  signIn(authorizationUrl: string, sub: string): Promise<URL>;
  close(): Promise<void>;
}

// oidc-provider ships no type declarations; these are the few parts the tests use.
interface InteractionDetails {
  uid: string;
  params: Record<string, unknown>;
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface ProviderInstance {
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: new (input: { accountId: string; clientId: string }) => GrantInstance;
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;
interface ProviderModules {
  Provider: ProviderConstructor;
  /** The provider's own in-memory storage; passing it explicitly avoids its "not for production" warning. */
  memoryAdapter: unknown;
}

let modules: Promise<ProviderModules> | undefined;

/** oidc-provider warns on import that it prefers Node 22; the project runs on Node 20, where it works. */
function loadProvider(): Promise<ProviderModules> {
  modules ??= (async () => {
    // Variables as specifiers: the package has no type declarations for TypeScript to look for.
    const main = 'oidc-provider';
    const adapter = 'oidc-provider/lib/adapters/memory_adapter.js';
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('Unsupported runtime')) return;
      warn(...args);
    };
    try {
      const { Provider } = (await import(main)) as { Provider: ProviderConstructor };
      const { createMemoryAdapter } = (await import(adapter)) as {
        createMemoryAdapter: (clockTolerance: number) => unknown;
      };
      return { Provider, memoryAdapter: createMemoryAdapter(15) };
    } finally {
      console.warn = warn;
    }
  })();
  return modules;
}

export async function startOidcProvider(options: { redirectUri: string }): Promise<TestOidcProvider> {
  const { Provider, memoryAdapter } = await loadProvider();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'wijkkracht-test';
  const clientSecret = crypto.randomBytes(24).toString('base64url');
  const accounts = new Map<string, TestIdentity>();
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    adapter: memoryAdapter,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const identity = accounts.get(sub);
      if (!identity) return undefined;
      return { accountId: sub, claims: async () => ({ ...identity }) };
    },
    // Quiet defaults: no refresh tokens or long sessions needed in a test.
    ttl: {
      Session: 600,
      Grant: 600,
      Interaction: 600,
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
    },
    renderError: async (ctx: { type: string; body: unknown }, out: Record<string, unknown>) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  });

  const providerHandler = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname.startsWith('/interaction/')) {
      void finishInteraction(req, res, url.searchParams.get('account') ?? '').catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    providerHandler(req, res);
  });

  /** Stands in for the provider's login and consent pages. */
  async function finishInteraction(req: http.IncomingMessage, res: http.ServerResponse, sub: string) {
    const details = await provider.interactionDetails(req, res);
    if (sub === 'deny' || !accounts.has(sub)) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-user refused the login' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  async function signIn(authorizationUrl: string, sub: string): Promise<URL> {
    const jar = new Map<string, string>();
    let url = new URL(authorizationUrl);
    if (url.origin !== issuer) throw new Error(`not a URL of this provider: ${url.origin}`);
    for (let hop = 0; hop < 10; hop++) {
      if (url.pathname.startsWith('/interaction/')) url.searchParams.set('account', sub);
      const res = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
      }
      const location = res.headers.get('location');
      const body = await res.text();
      if (!location)
        throw new Error(`provider stopped at ${url.pathname} with ${res.status}: ${body.slice(0, 300)}`);
      const next = new URL(location, url);
      if (next.origin !== issuer) return next;
      url = next;
    }
    throw new Error('too many redirects at the provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signIn,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
