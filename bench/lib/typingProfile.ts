import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import path from 'node:path';

/**
 * CPU profile of an editor worker over the typing window only (BENCH_WORKER_PROFILE_DIR): a
 * whole-process profile is mostly the connection wave and module loading.
 */
export async function profileTyping<T>(label: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_WORKER_PROFILE_DIR;
  if (!dir) return run();
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(path.resolve(dir), `typing-${label}-${process.pid}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
