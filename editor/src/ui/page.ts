import { h, replaceChildren, type Child } from '../dom';
import { appName } from '../labels';
import type { View } from '../views/view';
import { errorMessage, isSessionExpired } from './errors';
import type { Part } from './part';

/** What `render` and the page's actions may ask of the page. */
export interface Page {
  /** Loads and renders again (after an action changed the data); `notice` reaches `render`. */
  reload(options?: { notice?: string }): void;
  /** True once the page is left: the late answer of an action is dropped. */
  readonly destroyed: boolean;
  /** document.title: the parts, then the application's name. */
  setTitle(...parts: string[]): void;
  /** A part shown by `render`: destroyed before the next render and with the page. */
  own<P extends Part>(part: P): P;
}

/** What a reload asks the rebuilt page to say: the result of the action that changed the data. */
export interface Rendering {
  notice: string | null;
}

export interface PageSpec<T> {
  /** document.title until `render` gives a better one (`page.setTitle`). */
  title: string;
  /** Class of the element that holds the loading line, then the error or the content. */
  className: string;
  /** The loading line ("Chargement des projets…"). */
  loading?: string;
  /**
   * The page around that element, shown at once with its heading (the router focuses it).
   * Without it the element is the page, the heading comes with the data and takes the focus.
   */
  shell?(slot: HTMLElement, page: Page): HTMLElement;
  /** Without a shell, the heading written over an error (the error may say which: 404). */
  errorHeading?: string | ((error: unknown) => string);
  /** Written under an error (a way back). */
  errorFooter?(): Child[];
  load(): Promise<T>;
  render(data: T, page: Page, rendering: Rendering): Child[];
  /** Where the focus goes once rendered, when the default (the heading, if nothing has it) is not right. */
  focus?(slot: HTMLElement, rendering: Rendering): void;
}

/** document.title: the page's words, most specific first, then the application's name. */
export function setTitle(...parts: string[]): void {
  document.title = [...parts, appName].join(' – ');
}

/** The "Chargement…" line every loading page shows (announced by screen readers). */
export function loadingLine(text = 'Chargement…'): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, text);
}

/** A failed load: the message (server's or the one fallback) and, when it can help, "Réessayer". */
export function errorBlock(error: unknown, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'page-error' },
    h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, errorMessage(error))),
    retry ? h('button', { type: 'button', class: 'button', onclick: retry }, 'Réessayer') : null,
  );
}

/** Moves the focus to an element that is not focusable by default (an alert, a heading). */
export function focusOn(el: HTMLElement): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
}

/**
 * A page whose title arrives with its data: give the title the focus when nothing else has it
 * (the router focuses the title of pages that render at once; RGAA: the user knows the page changed).
 */
export function focusTitleIfLost(root: HTMLElement): void {
  const active = document.activeElement;
  if (active && active !== document.body && active !== document.getElementById('contenu') && document.contains(active)) return;
  root.querySelector<HTMLElement>('h1')?.focus();
}

/**
 * Mounts a page that loads its data: it owns the destroyed flag, the loading line, the error
 * (with "Réessayer"), the expired session (401: the API client already went to the login page,
 * so nothing is shown), document.title, the focus of the heading and the parts `render` showed.
 */
export function mountPage<T>(main: HTMLElement, spec: PageSpec<T>): View {
  let destroyed = false;
  let loads = 0;
  let parts: Part[] = [];
  const slot = h('div', { class: spec.className }, loadingLine(spec.loading));

  const dropParts = (): void => {
    for (const part of parts) part.destroy?.();
    parts = [];
  };

  const page: Page = {
    reload: (options = {}) => load({ notice: options.notice ?? null }),
    get destroyed() {
      return destroyed;
    },
    setTitle,
    own: (part) => {
      parts.push(part);
      return part;
    },
  };

  const load = (rendering: Rendering): void => {
    // Only the latest load may show: an earlier, slower answer is stale.
    const mine = ++loads;
    spec.load().then(
      (data) => {
        if (destroyed || mine !== loads) return;
        dropParts();
        replaceChildren(slot, ...spec.render(data, page, rendering));
        if (spec.focus) spec.focus(slot, rendering);
        else if (!spec.shell) focusTitleIfLost(slot);
      },
      (error: unknown) => {
        if (destroyed || mine !== loads || isSessionExpired(error)) return;
        dropParts();
        const heading = typeof spec.errorHeading === 'function' ? spec.errorHeading(error) : (spec.errorHeading ?? spec.title);
        replaceChildren(
          slot,
          spec.shell ? null : h('h1', { tabindex: '-1' }, heading),
          errorBlock(error, () => {
            replaceChildren(slot, loadingLine(spec.loading));
            page.reload();
          }),
          ...(spec.errorFooter?.() ?? []),
        );
      },
    );
  };

  main.replaceChildren(spec.shell ? spec.shell(slot, page) : slot);
  setTitle(spec.title);
  load({ notice: null });
  return {
    destroy() {
      destroyed = true;
      dropParts();
    },
  };
}
