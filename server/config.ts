import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PMP_DATA_DIR: z.string().default('./data'),
  PMP_DEMO: z.enum(['0', '1']).default('1'),
  PMP_BOOTSTRAP_ADMIN: z
    .string()
    .regex(/^[^:]+@[^:]+:.{10,}$/, 'attendu email:motdepasse (10 caractères minimum)')
    .optional(),
  /** Set to 1 behind HTTPS so the session cookie is Secure. */
  PMP_COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  /** A loaded document with no connection is unloaded after this delay. */
  PMP_DOC_IDLE_MS: z.coerce.number().int().min(0).default(30_000),
  /** The update log of a document is compacted into a snapshot past this many updates. */
  PMP_COMPACT_EVERY: z.coerce.number().int().min(1).default(500),
  /** The SQLite WAL is checkpointed this often, in a background thread. */
  PMP_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(10).default(1_000),
  /**
   * The store thread (checkpoints, compactions, journal moves) ends after this long without work,
   * and the next need starts it again. A minute: a document edited now and then keeps its thread;
   * a server nobody writes to gives back its ~10 MiB.
   */
  PMP_STORE_THREAD_IDLE_MS: z.coerce.number().int().min(0).default(60_000),
  /** Updates are made durable in a journal file at once, and moved into SQLite this often. */
  PMP_JOURNAL_DRAIN_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** Directory of the scheduled backups (database + update journal, with a manifest); unset = none. */
  PMP_BACKUP_DIR: z.string().min(1).optional(),
  /** A backup is taken this often (and at start-up when the newest one is older). */
  PMP_BACKUP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(24 * 3_600_000),
  /** The newest backups kept in PMP_BACKUP_DIR (scheduled and `npm run backup` alike). */
  PMP_BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
  /** Bearer token a Prometheus scraper sends to GET /metrics (administrators' sessions may read it too); unset = sessions only. */
  PMP_METRICS_TOKEN: z.string().min(16, '16 caractères minimum').optional(),
  /** Failed logins allowed per account (whatever the client address) in 15 minutes. */
  PMP_LOGIN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /** Failed logins allowed per client address (whatever the account) in 15 minutes; a hospital's NAT shares one. */
  PMP_LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** Collaboration connections are pinged this often; one that misses a pong is dropped. */
  PMP_PING_INTERVAL_MS: z.coerce.number().int().min(10).default(30_000),
  /** An HTTP request (or WebSocket upgrade) must send its headers within this delay. */
  PMP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  PMP_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Chromium executable that renders PDF exports (Debian: /usr/bin/chromium). */
  PMP_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** LibreOffice executable that converts ODT imports to DOCX (Debian: /usr/bin/soffice). */
  PMP_SOFFICE_PATH: z.string().min(1).default('/usr/bin/soffice'),
  /** A PDF or DOCX export taking longer is stopped (503 export_timeout). */
  PMP_EXPORT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  /** PDF exports rendered at the same time (each holds a Chromium page). */
  PMP_EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(1),
  /** DOCX exports rendered at the same time (each in a worker thread, off the serving thread). */
  PMP_EXPORT_DOCX_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(1),
  /** Ad-hoc exports (PDF and DOCX together) allowed to wait for a slot; more are refused with 503. Packages are not counted. */
  PMP_EXPORT_QUEUE: z.coerce.number().int().min(0).default(8),
  /** Largest document exported (its content as JSON, about 5 KB per page); larger is refused with 413. */
  PMP_EXPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /** SMTP server for reminder e-mails, e.g. smtp://user:pass@mail.hopital.fr:587; unset = no e-mail. */
  PMP_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'attendu smtp://… ou smtps://…')
    .optional(),
  /** Sender of reminder e-mails. */
  PMP_MAIL_FROM: z.string().min(3).default('Atelier PMP <ne-pas-repondre@localhost>'),
  /** How often reminders (convocations, séances, missing acts, deadlines) are computed; 0 = never. */
  PMP_REMINDER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(15 * 60_000),
  /** Public address of the product, for links in e-mails and calendar feeds (e.g. https://pmp.ght.fr). */
  PMP_PUBLIC_URL: z.string().url().optional(),
  /** Projects one account may create (administrators excepted). */
  PMP_QUOTA_PROJECTS_PER_USER: z.coerce.number().int().min(1).default(20),
  /** Versions one project may freeze in 24 hours. */
  PMP_QUOTA_FREEZES_PER_DAY: z.coerce.number().int().min(1).default(20),
  /** Bytes one project may store: versions, update log, snapshot, submission packages. */
  PMP_QUOTA_PROJECT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(256 * 1024 * 1024),
  /** Bytes one organisation may store: its projects and its séances' documents. */
  PMP_QUOTA_ORGANISATION_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(4 * 1024 * 1024 * 1024),
  /** Below this much free space in the data directory, writes are refused (507) and /api/health answers 503. */
  PMP_MIN_FREE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(512 * 1024 * 1024),
  /** OpenID Connect provider (Keycloak realm, Pro Santé Connect…); set = single sign-on on. */
  PMP_OIDC_ISSUER: z.string().url().optional(),
  PMP_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Unset = a public client (PKCE only). */
  PMP_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  PMP_OIDC_SCOPES: z
    .string()
    .regex(/\bopenid\b/, 'doit contenir openid')
    .default('openid email profile'),
  /** The claim (ID token or userinfo) carrying the e-mail that accounts are matched on. */
  PMP_OIDC_EMAIL_CLAIM: z.string().min(1).default('email'),
  /** The claim carrying the person's display name (given_name + family_name when absent). */
  PMP_OIDC_NAME_CLAIM: z.string().min(1).default('name'),
  /** Comma-separated e-mail domains whose unknown users get an account (no role); empty = none. */
  PMP_OIDC_ALLOWED_DOMAINS: z.string().default(''),
  /** 1 = the e-mail must come with email_verified=true; 0 = only an explicit false is refused. */
  PMP_OIDC_REQUIRE_EMAIL_VERIFIED: z.enum(['0', '1']).default('1'),
  /** 0 = no password login (POST /api/auth/login answers 403); needs PMP_OIDC_ISSUER. */
  PMP_PASSWORD_LOGIN: z.enum(['0', '1']).default('1'),
});

/** Single sign-on settings, present when PMP_OIDC_ISSUER is set. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  emailClaim: string;
  nameClaim: string;
  /** Lower-case domains, without "@". */
  allowedDomains: string[];
  requireEmailVerified: boolean;
  /** Where the provider sends the browser back: PMP_PUBLIC_URL + /api/auth/oidc/callback. */
  redirectUri: string;
  /** Where the provider sends the browser after its logout: PMP_PUBLIC_URL + /. */
  postLogoutRedirectUri: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  bootstrapAdmin?: { email: string; password: string };
  cookieSecure: boolean;
  docIdleMs: number;
  compactEvery: number;
  checkpointIntervalMs: number;
  storeThreadIdleMs: number;
  journalDrainMs: number;
  /** Scheduled backups, when PMP_BACKUP_DIR is set. */
  backup?: { dir: string; intervalMs: number; keep: number };
  /** Backups kept by `npm run backup` too. */
  backupKeep: number;
  metricsToken?: string;
  loginAttempts: number;
  loginAttemptsPerAddress: number;
  pingIntervalMs: number;
  headersTimeoutMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  chromiumPath: string;
  sofficePath: string;
  exportTimeoutMs: number;
  exportConcurrency: number;
  exportDocxConcurrency: number;
  exportQueue: number;
  exportMaxBytes: number;
  smtpUrl?: string;
  mailFrom: string;
  reminderIntervalMs: number;
  publicUrl?: string;
  quotaProjectsPerUser: number;
  quotaFreezesPerDay: number;
  quotaProjectBytes: number;
  quotaOrganisationBytes: number;
  minFreeBytes: number;
  oidc?: OidcConfig;
  passwordLogin: boolean;
}

/** The session cookie is Secure behind HTTPS: asked for (PMP_COOKIE_SECURE=1), or implied by an https public URL. */
export const secureCookies = (config: Pick<Config, 'cookieSecure' | 'publicUrl'>): boolean => config.cookieSecure || /^https:/i.test(config.publicUrl ?? '');

/** Reads and validates the environment once; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.PMP_PUBLIC_URL?.replace(/\/+$/, '');
  const problems = oidcProblems(e, publicUrl);
  if (problems.length) throw new Error(`Configuration invalide :\n${problems.map((p) => `  ${p}`).join('\n')}`);
  let bootstrapAdmin: Config['bootstrapAdmin'];
  if (e.PMP_BOOTSTRAP_ADMIN) {
    const at = e.PMP_BOOTSTRAP_ADMIN.indexOf(':');
    bootstrapAdmin = {
      email: e.PMP_BOOTSTRAP_ADMIN.slice(0, at),
      password: e.PMP_BOOTSTRAP_ADMIN.slice(at + 1),
    };
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.PMP_DATA_DIR),
    demo: e.PMP_DEMO === '1',
    bootstrapAdmin,
    cookieSecure: e.PMP_COOKIE_SECURE === '1',
    docIdleMs: e.PMP_DOC_IDLE_MS,
    compactEvery: e.PMP_COMPACT_EVERY,
    checkpointIntervalMs: e.PMP_CHECKPOINT_INTERVAL_MS,
    storeThreadIdleMs: e.PMP_STORE_THREAD_IDLE_MS,
    journalDrainMs: e.PMP_JOURNAL_DRAIN_MS,
    backup: e.PMP_BACKUP_DIR ? { dir: path.resolve(e.PMP_BACKUP_DIR), intervalMs: e.PMP_BACKUP_INTERVAL_MS, keep: e.PMP_BACKUP_KEEP } : undefined,
    backupKeep: e.PMP_BACKUP_KEEP,
    metricsToken: e.PMP_METRICS_TOKEN,
    loginAttempts: e.PMP_LOGIN_ATTEMPTS,
    loginAttemptsPerAddress: e.PMP_LOGIN_ATTEMPTS_PER_ADDRESS,
    pingIntervalMs: e.PMP_PING_INTERVAL_MS,
    headersTimeoutMs: e.PMP_HEADERS_TIMEOUT_MS,
    logLevel: e.PMP_LOG_LEVEL,
    chromiumPath: e.PMP_CHROMIUM_PATH,
    sofficePath: e.PMP_SOFFICE_PATH,
    exportTimeoutMs: e.PMP_EXPORT_TIMEOUT_MS,
    exportConcurrency: e.PMP_EXPORT_CONCURRENCY,
    exportDocxConcurrency: e.PMP_EXPORT_DOCX_CONCURRENCY,
    exportQueue: e.PMP_EXPORT_QUEUE,
    exportMaxBytes: e.PMP_EXPORT_MAX_BYTES,
    smtpUrl: e.PMP_SMTP_URL,
    mailFrom: e.PMP_MAIL_FROM,
    reminderIntervalMs: e.PMP_REMINDER_INTERVAL_MS,
    publicUrl,
    quotaProjectsPerUser: e.PMP_QUOTA_PROJECTS_PER_USER,
    quotaFreezesPerDay: e.PMP_QUOTA_FREEZES_PER_DAY,
    quotaProjectBytes: e.PMP_QUOTA_PROJECT_BYTES,
    quotaOrganisationBytes: e.PMP_QUOTA_ORGANISATION_BYTES,
    minFreeBytes: e.PMP_MIN_FREE_BYTES,
    oidc:
      e.PMP_OIDC_ISSUER && e.PMP_OIDC_CLIENT_ID && publicUrl
        ? {
            issuer: e.PMP_OIDC_ISSUER,
            clientId: e.PMP_OIDC_CLIENT_ID,
            clientSecret: e.PMP_OIDC_CLIENT_SECRET,
            scopes: e.PMP_OIDC_SCOPES.trim(),
            emailClaim: e.PMP_OIDC_EMAIL_CLAIM,
            nameClaim: e.PMP_OIDC_NAME_CLAIM,
            allowedDomains: e.PMP_OIDC_ALLOWED_DOMAINS.split(',')
              .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
              .filter(Boolean),
            requireEmailVerified: e.PMP_OIDC_REQUIRE_EMAIL_VERIFIED === '1',
            redirectUri: `${publicUrl}/api/auth/oidc/callback`,
            postLogoutRedirectUri: `${publicUrl}/`,
          }
        : undefined,
    passwordLogin: e.PMP_PASSWORD_LOGIN === '1',
  };
}

/** What the single sign-on variables lack, in the words the administrator reads at start-up. */
function oidcProblems(e: z.infer<typeof Env>, publicUrl: string | undefined): string[] {
  const problems: string[] = [];
  if (e.PMP_OIDC_ISSUER) {
    if (!e.PMP_OIDC_CLIENT_ID) problems.push('PMP_OIDC_CLIENT_ID: requis quand PMP_OIDC_ISSUER est défini');
    if (!publicUrl) problems.push('PMP_PUBLIC_URL: requis quand PMP_OIDC_ISSUER est défini (adresse de retour du fournisseur)');
    // Tokens and the client secret travel to the issuer: plain HTTP only on this machine (tests, a local Keycloak).
    const issuer = new URL(e.PMP_OIDC_ISSUER);
    if (issuer.protocol !== 'https:' && !isLoopback(issuer.hostname))
      problems.push('PMP_OIDC_ISSUER: https:// requis (http:// seulement sur 127.0.0.1 ou localhost)');
  }
  if (e.PMP_PASSWORD_LOGIN === '0' && !e.PMP_OIDC_ISSUER) problems.push('PMP_PASSWORD_LOGIN: 0 demande PMP_OIDC_ISSUER (sinon personne ne peut se connecter)');
  return problems;
}

export const isLoopback = (hostname: string): boolean => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname);
