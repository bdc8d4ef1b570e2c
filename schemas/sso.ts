/**
 * Why a sign-in through the directory (OpenID Connect) was refused. The callback redirects the
 * browser to the login page with the code only (`/?sso_error=<code>#/connexion`), and the page
 * shows the message from this table: no text from the URL reaches the screen.
 */
export const ssoErrors = {
  sso_unavailable: 'Le service d’authentification de l’établissement est injoignable. Réessayez dans quelques minutes.',
  sso_expired: 'La connexion par l’annuaire a expiré ou a déjà servi. Recommencez.',
  sso_refused: 'L’annuaire de l’établissement a refusé ou interrompu la connexion.',
  sso_no_email:
    'L’annuaire n’a pas transmis d’adresse électronique : la connexion ne peut pas être rattachée à un compte. Contactez l’administrateur de l’atelier.',
  sso_email_unverified: 'L’annuaire ne garantit pas votre adresse électronique : la connexion est refusée. Contactez l’administrateur de l’annuaire.',
  sso_domain_not_allowed:
    'Aucun compte n’existe pour cette adresse et son domaine n’est pas autorisé : demandez une invitation à l’administrateur de l’atelier.',
  sso_identity_conflict: 'Ce compte est déjà rattaché à une autre identité de l’annuaire. Contactez l’administrateur de l’atelier.',
  sso_account_disabled: 'Ce compte est désactivé. Contactez l’administrateur de l’atelier.',
} as const;

export type SsoErrorCode = keyof typeof ssoErrors;

export const isSsoErrorCode = (code: string | null): code is SsoErrorCode => code !== null && Object.hasOwn(ssoErrors, code);

/** The editor routes a sign-in may come back to: "#/" and path characters, nothing that leaves the page. */
export const returnRoute = /^#\/[A-Za-z0-9\-._~/%]{0,200}$/;
