/**
 * A browser made of fetch: one cookie jar per origin (enough for the app and the provider on
 * two ports), redirects followed by hand so each hop can be looked at, forms posted as a
 * browser posts them.
 */
export class FetchBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookies(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  /** One request, no redirect followed; cookies sent and kept. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies(target.origin);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = target.origin;
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /**
   * Follows redirects from `url` until a page answers, or until `stop` says a location must
   * not be followed; returns the last response and its address.
   */
  async follow(
    url: string,
    stop: (location: string) => boolean = () => false,
    init: { form?: Record<string, string> } = {},
  ): Promise<{ url: string; res: Response }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 20) throw new Error(`too many redirects from ${url}`);
      const location = new URL(res.headers.get('location')!, current).href;
      if (stop(location)) return { url: current, res };
      current = location;
      res = await this.request(current);
    }
    return { url: current, res };
  }
}

/** The action of the (first) form of an HTML page, as an absolute address. */
export function formAction(html: string, base: string): string {
  const match = /<form[^>]*action="([^"]+)"/i.exec(html);
  if (!match) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  return new URL(match[1]!.replace(/&amp;/g, '&'), base).href;
}
