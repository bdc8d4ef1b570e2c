import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { EditorSpec, FromWorker, ToWorker, TypingPlan, TypingResult } from './protocol';

const workerFile = path.resolve(import.meta.dirname, '../editorWorker.ts');

/**
 * Worker processes hosting the simulated editors. Worker 0 hosts the probe editors and runs at
 * normal priority; the load workers run at a lower priority (nice 10), as if the crowd of
 * editors were on other machines: when they saturate the cores, the server and the probes
 * still get the CPU first.
 */
export class EditorPool {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(loadWorkers: number): EditorPool {
    const children = Array.from({ length: loadWorkers + 1 }, () =>
      fork(workerFile, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    for (const child of children.slice(1)) os.setPriority(child.pid!, 10);
    return new EditorPool(children);
  }

  get loadWorkers(): number {
    return this.children.length - 1;
  }

  private request<T extends FromWorker['type']>(child: ChildProcess, message: ToWorker, expect: T, timeoutMs: number) {
    return new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`editor worker: no '${expect}' after ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (reply: FromWorker) => {
        if (reply.type !== expect && reply.type !== 'error') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        if (reply.type === 'error') reject(new Error(`editor worker: ${reply.message}`));
        else resolve(reply as Extract<FromWorker, { type: T }>);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  }

  /**
   * Connects the probes (worker 0) and the other editors (round-robin over the load workers),
   * waiting until all are synced; returns the slowest worker's time.
   */
  async connect(probes: EditorSpec[], editors: EditorSpec[], timeoutMs: number): Promise<number> {
    const shares = [probes, ...Array.from({ length: this.loadWorkers }, (_, w) => editors.filter((_, i) => i % this.loadWorkers === w))];
    const replies = await Promise.all(
      this.children.map((c, w) => this.request(c, { type: 'connect', editors: shares[w]!, probes: w === 0 }, 'connected', timeoutMs)),
    );
    return Math.max(...replies.map((r) => r.ms));
  }

  async settle(paragraphs: Record<string, number>, fragments: string[]): Promise<number> {
    const replies = await Promise.all(this.children.map((c) => this.request(c, { type: 'settle', paragraphs, fragments }, 'settled', 200_000)));
    return Math.max(...replies.map((r) => r.ms));
  }

  /** Types on every worker at once, the probes steadily; the probe worker's result comes first. */
  async type(plan: TypingPlan): Promise<{ probes: TypingResult; editors: TypingResult[] }> {
    const replies = await Promise.all(
      this.children.map((c, w) => this.request(c, { type: 'type', plan: { ...plan, steady: w === 0 } }, 'typed', plan.durationMs + 60_000)),
    );
    const [probes, ...editors] = replies.map((r) => r.result);
    return { probes: probes!, editors };
  }

  stop(): Promise<void> {
    return Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            const timer = setTimeout(() => c.kill('SIGKILL'), 5_000);
            c.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            c.send({ type: 'stop' } satisfies ToWorker);
          }),
      ),
    ).then(() => undefined);
  }
}
