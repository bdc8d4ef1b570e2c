import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workerEntry';
import { lengthProblem } from './passwordPolicy';
import type { PasswordCheck, PasswordVerdict } from './passwordWorker';

/** How long the thread outlives its last check: a run of sign-ups or invitations starts it once. */
export const checkerKeepMs = 10_000;

interface Checker {
  check(password: string, context: PasswordCheck['context']): Promise<string | null>;
}

let current: Checker | null = null;

/** A thread, its checks waiting for an answer, and its stop once idle for `checkerKeepMs`. */
function startChecker(): Checker {
  const worker = new Worker(workerEntry(import.meta.url, 'passwordWorker'), { name: 'password strength' });
  worker.unref();
  const waiting = new Map<number, { resolve(problem: string | null): void; reject(error: Error): void }>();
  let nextId = 0;
  let stopTimer: NodeJS.Timeout | undefined;
  const self: Checker = {
    check(password, context) {
      clearTimeout(stopTimer);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, password, context } satisfies PasswordCheck);
      });
    },
  };
  const stop = () => {
    // Checks from now on start a new thread; this one answers nothing more.
    if (current === self) current = null;
    void worker.terminate();
  };
  worker.on('message', (verdict: PasswordVerdict) => {
    waiting.get(verdict.id)?.resolve(verdict.problem);
    waiting.delete(verdict.id);
    if (waiting.size === 0) stopTimer = setTimeout(stop, checkerKeepMs).unref();
  });
  const fail = (error: Error) => {
    if (current === self) current = null;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('password strength thread stopped')));
  return self;
}

/**
 * Why a password is refused (auth/passwordPolicy.ts), or null, from a thread of its own. The
 * estimator's dictionaries take 12 MiB and ~50 ms to load: on the serving thread they held it
 * that long at the first sign-up, then stayed in its heap for good. The thread is stopped
 * `checkerKeepMs` after its last check, and its whole heap with it.
 */
export function checkPasswordStrength(password: string, context: PasswordCheck['context']): Promise<string | null> {
  const tooShort = lengthProblem(password);
  if (tooShort) return Promise.resolve(tooShort);
  return (current ??= startChecker()).check(password, context);
}

/** Whether a thread is running now (tests). */
export const checkerRunning = (): boolean => current !== null;
