import { h, replaceChildren, type Child } from '../dom';
import { appName } from '../labels';
import type { View } from '../views/view';
import { createLoader, errorBlock, loadingLine } from './load';
import type { Part } from './part';

export { errorBlock, loadingLine } from './load';

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
  /** Runs when the page goes: what the shell started, which lives as long as the page. */
  onEnd(undo: () => void): void;
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
  /** The loading line ("Chargement des projets…"); null for none (a form shown at once, the load only adds to it). */
  loading?: string | null;
  /** The element's class once the data is shown, when it differs (the project editor is wider than its loading line). */
  contentClass?: string;
  /**
   * The page around that element, shown at once with its heading (the router focuses it).
   * Without it the element is the page, the heading comes with the data and takes the focus.
   */
  shell?(slot: HTMLElement, page: Page): HTMLElement;
  /** Without a shell, the heading written over an error (the error may say which: 404). */
  errorHeading?: string | ((error: unknown) => string);
  /** Written under an error (a way back). */
  errorFooter?(): Child[];
  /** Whether « Réessayer » can help after this error (not after a 404); always, by default. */
  canRetry?(error: unknown): boolean;
  /** What a failure shows instead of the heading, the message and « Réessayer » (a form's own words). */
  failed?(error: unknown): Child[];
  load(): Promise<T>;
  render(data: T, page: Page, rendering: Rendering): Child[];
  /** Runs once the rendered nodes are in the page: what must start in the document (an editor that may take the focus). */
  shown?(slot: HTMLElement, rendering: Rendering): void;
  /** Where the focus goes once rendered, when the default (the heading, if nothing has it) is not right. */
  focus?(slot: HTMLElement, rendering: Rendering): void;
}

/** document.title: the page's words, most specific first, then the application's name. */
export function setTitle(...parts: string[]): void {
  document.title = [...parts, appName].join(' – ');
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
  let parts: Part[] = [];
  const slot = h('div', { class: spec.className }, spec.loading === null ? null : loadingLine(spec.loading));

  const dropParts = (): void => {
    for (const part of parts) part.destroy();
    parts = [];
  };

  const loader = createLoader<T, Rendering>(
    slot,
    {
      loading: spec.loading ?? undefined,
      load: spec.load,
      show: (data, rendering) => {
        dropParts();
        replaceChildren(slot, ...spec.render(data, page, rendering));
        if (spec.contentClass) slot.className = spec.contentClass;
        spec.shown?.(slot, rendering);
        if (spec.focus) spec.focus(slot, rendering);
        else if (!spec.shell) focusTitleIfLost(slot);
      },
      failed: (error, retry) => {
        dropParts();
        slot.className = spec.className;
        if (spec.failed) return spec.failed(error);
        const heading = typeof spec.errorHeading === 'function' ? spec.errorHeading(error) : (spec.errorHeading ?? spec.title);
        return [
          spec.shell ? null : h('h1', { tabindex: '-1' }, heading),
          errorBlock(error, spec.canRetry?.(error) === false ? undefined : retry),
          ...(spec.errorFooter?.() ?? []),
        ];
      },
    },
    { notice: null },
  );
  loader.onEnd(dropParts);

  const page: Page = {
    reload: (options = {}) => loader.reload({ notice: options.notice ?? null }),
    get destroyed() {
      return loader.ended;
    },
    setTitle,
    own: (part) => {
      parts.push(part);
      return part;
    },
    onEnd: loader.onEnd,
  };

  main.replaceChildren(spec.shell ? spec.shell(slot, page) : slot);
  setTitle(spec.title);
  loader.reload({ notice: null });
  return { destroy: loader.end };
}
