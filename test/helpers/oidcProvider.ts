import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { OidcConfig } from '../../server/config';

/** A person the test directory knows, by the login typed on its sign-in page. */
export interface DirectoryUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Logins of people added to the directory (keyed by what is typed in "login"). */
  users: Map<string, DirectoryUser>;
  close(): Promise<void>;
}

/** A port that was free a moment ago: the PMP server's, known before the provider registers its redirect URI. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Another client of the provider, whose redirect address (never contacted) tests stop at. */
export const otherClientId = 'autre-appli';
export const otherRedirectUri = 'http://127.0.0.1:9/autre-appli/callback';

const page = (title: string, body: string): string =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1, with one confidential client for the
 * PMP server at `appUrl`, its development sign-in and consent pages (any password), and
 * RP-initiated logout. Its own pages load nothing from elsewhere, except the dev pages' font
 * (the e2e browser resolves no other host than 127.0.0.1).
 */
export async function startOidcProvider(appUrl: string, users: DirectoryUser[] = []): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const directory = new Map(users.map((u) => [u.sub, u]));
  const clientId = 'pmp';
  const clientSecret = 'secret-of-the-pmp-client-for-tests';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appUrl}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${appUrl}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      // Another application of the same directory: its codes and tokens are not for the PMP.
      {
        client_id: otherClientId,
        client_secret: 'secret-of-another-application',
        redirect_uris: [otherRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const user = directory.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ ...user }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    cookies: { keys: ['test-cookie-key-one-two-three'] },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page('Logout', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.body = page('Signed out', '<p>Signed out</p>');
        },
      },
    },
    renderError: (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = page('Error', `<pre id="error">${String(out.error)}: ${String(out.error_description ?? '')}</pre>`);
    },
  });
  provider.proxy = false;
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    users: directory,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The PMP server's SSO settings for a provider at `issuer` (domain chu-test.fr allowed). */
export function oidcSettingsFor(issuer: string, appUrl: string, clientSecret: string): OidcConfig {
  return {
    issuer,
    clientId: 'pmp',
    clientSecret,
    scopes: 'openid email profile',
    emailClaim: 'email',
    nameClaim: 'name',
    allowedDomains: ['chu-test.fr'],
    requireEmailVerified: true,
    redirectUri: `${appUrl}/api/auth/oidc/callback`,
    postLogoutRedirectUri: `${appUrl}/`,
  };
}
