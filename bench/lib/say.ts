/** One progress line of the benchmark, with the time. */
export const say = (msg: string): void => {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};
