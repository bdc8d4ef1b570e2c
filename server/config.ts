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
  /** Login attempts allowed per address and account in 15 minutes. */
  PMP_LOGIN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  PMP_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  bootstrapAdmin?: { email: string; password: string };
  cookieSecure: boolean;
  docIdleMs: number;
  compactEvery: number;
  loginAttempts: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** Reads and validates the environment once; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
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
    loginAttempts: e.PMP_LOGIN_ATTEMPTS,
    logLevel: e.PMP_LOG_LEVEL,
  };
}
