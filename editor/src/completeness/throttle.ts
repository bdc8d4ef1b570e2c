/**
 * Runs `task` at most once per `delayMs`, always after the last call: typing fires a document
 * update per keystroke, the completeness check needs to run only once things settle a little.
 */
export function throttle(task: () => void, delayMs: number): { schedule(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule() {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        task();
      }, delayMs);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
