import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Linux: the calling thread gives way to the serving thread (editors' keystrokes) when both want
 * a core; setpriority on one's own thread id needs no privilege. Elsewhere it does nothing.
 */
export function lowerThisThreadPriority(niceness = 10): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), niceness);
  } catch {
    /* not Linux */
  }
}
