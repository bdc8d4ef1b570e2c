/** Link targets the product accepts: anything else (javascript:, data:, file:) is dropped. */
export function isAllowedLink(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}
