let counter = 0;

/** A fresh element id, so that every label can point at its control with `for`. */
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
