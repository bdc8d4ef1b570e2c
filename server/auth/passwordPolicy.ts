import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { limits } from '../../schemas/limits';
import { lazyRequire } from '../lazyRequire';

const core = lazyRequire<typeof import('@zxcvbn-ts/core')>('@zxcvbn-ts/core');
const common = lazyRequire<typeof import('@zxcvbn-ts/language-common')>('@zxcvbn-ts/language-common');
const fr = lazyRequire<typeof import('@zxcvbn-ts/language-fr')>('@zxcvbn-ts/language-fr');

/**
 * zxcvbn's score (0–4) a new password must reach: 3 means "safely unguessable" for an online
 * attack with rate limiting, which the login limiters provide.
 */
const minimumScore = 3;
/** Words anyone targeting this product would try first. */
const productWords = ['pmp', 'atelier', 'projet', 'medical', 'médical', 'hopital', 'hôpital', 'ght', 'ars', 'cme', 'demo'];

let estimator: ZxcvbnFactory | undefined;
// Loaded and built on first use: the dictionaries take 12 MiB and ~50 ms, not needed to serve reads.
const zxcvbn = (): ZxcvbnFactory =>
  (estimator ??= new (core().ZxcvbnFactory)({
    dictionary: { ...common().dictionary, ...fr().dictionary },
    graphs: common().adjacencyGraphs,
    translations: fr().translations,
  }));

/** The e-mail, its parts and the person's name: what a password must not be made of. */
function contextWords(context: { email?: string; name?: string }): string[] {
  const words = [...productWords];
  // Each part, and the parts run together: "Jeanne Dupont" → jeanne, dupont, jeannedupont.
  const add = (text: string, separators: RegExp) => {
    const parts = text.split(separators);
    words.push(text, ...parts, parts.join(''));
  };
  if (context.email) {
    add(context.email, /[@.+_-]/);
    add(context.email.split('@')[0]!, /[.+_-]/);
  }
  if (context.name) add(context.name, /[\s'\u2019.-]+/);
  return words.filter((w) => w.length >= 2);
}

/**
 * Why a password is refused, in French, or null when it is strong enough: long enough, and not
 * a common password, a French word, a keyboard walk or a variation of the account's own e-mail
 * or name (estimated by zxcvbn-ts with its French and common dictionaries).
 */
export function passwordProblem(password: string, context: { email?: string; name?: string }): string | null {
  const tooShort = lengthProblem(password);
  if (tooShort) return tooShort;
  const result = zxcvbn().check(password.slice(0, 100), contextWords(context));
  if (result.score >= minimumScore) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s));
  return ['Mot de passe trop facile à deviner.', ...why].join(' ');
}

/** The length rule alone: no need of the estimator (nor of its thread, auth/passwordChecker.ts) to refuse a short password. */
export function lengthProblem(password: string): string | null {
  return password.length < limits.passwordMinLength ? `Au moins ${limits.passwordMinLength} caractères.` : null;
}
