import type { Route } from '../router';

/** A mounted page. */
export interface View {
  destroy(): void;
  /** Takes a new route without re-mounting (e.g. another section of the same project); true when handled. */
  update?(route: Route): boolean;
}
