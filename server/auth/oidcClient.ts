import type * as OidcLibrary from 'openid-client';
import { isLoopback, type OidcConfig } from '../config';
import type { Logger } from '../log';
import type { PendingOidcLogin } from '../store/oidc';

/** What the provider says of the person, ID token claims completed by the userinfo endpoint. */
export type OidcClaims = Record<string, unknown> & { sub: string };

/** A refusal the login page explains (schemas/sso.ts); the cause goes to the log only. */
export class OidcRefusal extends Error {
  constructor(
    readonly code: 'sso_unavailable' | 'sso_refused',
    readonly reason?: unknown,
  ) {
    super(code);
  }
}

/**
 * The relying party: discovery on first use (the server starts even when the provider is
 * down), then the authorization code flow with PKCE, state and nonce. openid-client checks the
 * ID token's signature (provider's JWKS), issuer, audience, expiry and nonce, and the `iss` of
 * the authorization response where the provider sends one (RFC 9207).
 */
/** Loaded with the first sign-in through the directory (ES module only: an import). */
let library: Promise<typeof OidcLibrary> | undefined;
const openid = (): Promise<typeof OidcLibrary> => (library ??= import('openid-client'));

export function createOidcClient(settings: OidcConfig, logger: Logger) {
  let discovered: Promise<OidcLibrary.Configuration> | undefined;
  const configuration = (): Promise<OidcLibrary.Configuration> => {
    discovered ??= openid()
      .then((oidc) =>
        oidc.discovery(
          new URL(settings.issuer),
          settings.clientId,
          settings.clientSecret,
          settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
          // config.ts allows http:// only for an issuer on this machine.
          isLoopback(new URL(settings.issuer).hostname) ? { execute: [oidc.allowInsecureRequests] } : undefined,
        ),
      )
      .catch((error: unknown) => {
        discovered = undefined; // try again at the next sign-in
        logger.warn('oidc discovery failed', { issuer: settings.issuer, error: String(error) });
        throw new OidcRefusal('sso_unavailable', error);
      });
    return discovered;
  };

  return {
    /** A new sign-in: the checks to keep, and the provider's address to send the browser to. */
    async start(returnTo: string): Promise<{ login: PendingOidcLogin; url: string }> {
      const config = await configuration();
      const oidc = await openid();
      const login: PendingOidcLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        response_type: 'code',
        state: login.state,
        nonce: login.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(login.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { login, url: url.href };
    },

    /** Exchanges the code of the provider's answer (its query string) after every check. */
    async finish(query: string, login: PendingOidcLogin): Promise<{ claims: OidcClaims; idToken: string }> {
      const config = await configuration();
      const oidc = await openid();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, new URL(`${settings.redirectUri}${query}`), {
          pkceCodeVerifier: login.codeVerifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims || !tokens.id_token) throw new Error('no ID token');
        // Keycloak puts e-mail and name in the ID token; Pro Santé Connect and others at userinfo
        // (whose subject openid-client checks against the ID token's). The signed ID token wins.
        const info = config.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
        return { claims: { ...info, ...idClaims }, idToken: tokens.id_token };
      } catch (error) {
        logger.warn('oidc sign-in refused', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        throw new OidcRefusal('sso_refused', error);
      }
    },

    /** The provider's logout address for a session opened with `idToken`, when it has one. */
    async endSessionUrl(idToken: string): Promise<string | undefined> {
      const config = await configuration().catch(() => undefined);
      const oidc = await openid();
      if (!config?.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: settings.postLogoutRedirectUri }).href;
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
