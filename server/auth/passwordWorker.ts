import { parentPort } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../threadPriority';
import { passwordProblem } from './passwordPolicy';

export interface PasswordCheck {
  id: number;
  password: string;
  context: { email?: string; name?: string };
}

export interface PasswordVerdict {
  id: number;
  problem: string | null;
}

lowerThisThreadPriority();

/** One strength check per message (passwordChecker.ts), answered in order. */
parentPort?.on('message', (check: PasswordCheck) => {
  parentPort!.postMessage({ id: check.id, problem: passwordProblem(check.password, check.context) } satisfies PasswordVerdict);
});
