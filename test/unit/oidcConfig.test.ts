import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

// Single sign-on settings come from the environment; a half-configured SSO stops the start
// with the variable at fault rather than failing at the first sign-in.
const base = { PMP_PUBLIC_URL: 'https://pmp.ght.fr/', PMP_OIDC_ISSUER: 'https://sso.ght.fr/realms/ght', PMP_OIDC_CLIENT_ID: 'pmp' };

describe('SSO configuration', () => {
  it('is off by default, with password login on', () => {
    const config = loadConfig({});
    expect(config.oidc).toBeUndefined();
    expect(config.passwordLogin).toBe(true);
  });

  it('reads every setting, with the redirect addresses under PMP_PUBLIC_URL', () => {
    const config = loadConfig({
      ...base,
      PMP_OIDC_CLIENT_SECRET: 's3cret',
      PMP_OIDC_SCOPES: 'openid scope_all',
      PMP_OIDC_EMAIL_CLAIM: 'mail',
      PMP_OIDC_NAME_CLAIM: 'displayName',
      PMP_OIDC_ALLOWED_DOMAINS: ' CHU-Exemple.fr, @ch-voisin.fr ,,',
      PMP_OIDC_REQUIRE_EMAIL_VERIFIED: '0',
      PMP_PASSWORD_LOGIN: '0',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://sso.ght.fr/realms/ght',
      clientId: 'pmp',
      clientSecret: 's3cret',
      scopes: 'openid scope_all',
      emailClaim: 'mail',
      nameClaim: 'displayName',
      allowedDomains: ['chu-exemple.fr', 'ch-voisin.fr'],
      requireEmailVerified: false,
      redirectUri: 'https://pmp.ght.fr/api/auth/oidc/callback',
      postLogoutRedirectUri: 'https://pmp.ght.fr/',
    });
    expect(config.passwordLogin).toBe(false);
  });

  it('names what a half-configured SSO lacks', () => {
    expect(() => loadConfig({ PMP_OIDC_ISSUER: base.PMP_OIDC_ISSUER })).toThrow(/PMP_OIDC_CLIENT_ID[\s\S]*PMP_PUBLIC_URL/);
    expect(() => loadConfig({ ...base, PMP_OIDC_SCOPES: 'email profile' })).toThrow(/PMP_OIDC_SCOPES/);
    expect(() => loadConfig({ PMP_PASSWORD_LOGIN: '0' })).toThrow(/PMP_PASSWORD_LOGIN: 0 demande PMP_OIDC_ISSUER/);
  });

  it('refuses a plain-HTTP issuer except on this machine', () => {
    expect(() => loadConfig({ ...base, PMP_OIDC_ISSUER: 'http://sso.ght.fr/realms/ght' })).toThrow(/https:\/\/ requis/);
    expect(loadConfig({ ...base, PMP_OIDC_ISSUER: 'http://127.0.0.1:8080/realms/ght' }).oidc?.issuer).toBe('http://127.0.0.1:8080/realms/ght');
  });
});
