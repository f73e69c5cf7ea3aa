import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) in the test process, on a random port of this
 * machine, with one client (PKCE required) and its built-in development login and consent forms
 * (devInteractions: any login name is the account id; the password is not checked). Accounts
 * are set by the test: `accounts.set('alice', { email, email_verified })`.
 */

export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  accounts: Map<string, ProviderAccount>;
  /** The code_verifier of every successful code exchange, in order. */
  verifiers: string[];
  close(): Promise<void>;
}

export async function startOidcProvider(options: {
  redirectUris: string[];
  /** Absent: a public client (token_endpoint_auth_method none), PKCE alone. */
  clientSecret?: string;
  /** The host the issuer names: 127.0.0.1 or localhost (a different site from 127.0.0.1). */
  host?: 'localhost' | '127.0.0.1';
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const clientId = 'peaceops-test';
  const accounts = new Map<string, ProviderAccount>();
  const verifiers: string[] = [];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        ...(options.clientSecret
          ? {
              client_secret: options.clientSecret,
              token_endpoint_auth_method: 'client_secret_basic',
            }
          : { token_endpoint_auth_method: 'none' }),
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['peaceops-test-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account }) };
    },
  });
  provider.on('grant.success', (ctx) => {
    const verifier = (ctx.oidc.params as Record<string, unknown> | undefined)?.code_verifier;
    if (typeof verifier === 'string') verifiers.push(verifier);
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret: options.clientSecret,
    accounts,
    verifiers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A cookie jar for one origin (enough for the provider's own cookies). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k, v] = a.trim().split('=');
        return k?.toLowerCase() === 'expires' && v !== undefined && new Date(v) < new Date();
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The first form of an HTML page: its action and its fields (hidden and named inputs). */
function formOf(html: string, base: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the provider's page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input([^>]*)>/gi)) {
    const name = /name="([^"]+)"/.exec(input[1]!)?.[1];
    const value = /value="([^"]*)"/.exec(input[1]!)?.[1] ?? '';
    if (name) fields[name] = value.replace(/&amp;/g, '&');
  }
  return { action: new URL(form[1]!.replace(/&amp;/g, '&'), base).href, fields };
}

/**
 * Play the user at the provider: from the authorization URL, follow the redirects by hand, fill
 * in the login form with `login` and accept the consent form, until the provider redirects to
 * `redirectUri`; return that URL (the callback, not yet visited).
 */
export async function loginAtProvider(
  authorizationUrl: string,
  login: string,
  redirectUri: string,
  jar = new CookieJar(),
): Promise<string> {
  let url = authorizationUrl;
  let method: 'GET' | 'POST' = 'GET';
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(redirectUri)) return url;
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    jar.store(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200)
      throw new Error(`provider answered ${res.status}: ${html.slice(0, 500)}`);
    const form = formOf(html, url);
    if (form.fields.prompt === 'login') {
      form.fields.login = login;
      form.fields.password = 'any';
    }
    url = form.action;
    method = 'POST';
    body = new URLSearchParams(form.fields);
  }
  throw new Error('the provider never redirected back');
}
