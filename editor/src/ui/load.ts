import { h, replaceChildren, type Child } from '../dom';
import { errorMessage, isSessionExpired } from './errors';
import { createLifetime, type Lifetime } from './part';

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

export interface LoadSpec<T, A> {
  /** The loading line shown again by « Réessayer ». */
  loading?: string;
  load(): Promise<T>;
  /** Shows the answer; `arg` is what `reload` was given (an action's notice). */
  show(data: T, arg: A): void;
  /** What a failure shows in the slot instead of the message and « Réessayer ». */
  failed?(error: unknown, retry: () => void): Child[];
}

/** A load's controls: it ends with its part or page (`Lifetime`), after which no answer shows. */
export interface Loader<A> extends Lifetime {
  /** Loads again; the slot keeps what it shows until the answer. */
  reload(arg: A): void;
}

/**
 * The one way pages and panels load into a slot: only the latest answer shows (an earlier,
 * slower one is stale), none once ended; a 401 shows nothing (the API client has already gone to
 * the login page); a failure shows the message and « Réessayer », which loads again with `retryArg`.
 */
export function createLoader<T, A = void>(slot: HTMLElement, spec: LoadSpec<T, A>, retryArg: A = undefined as A): Loader<A> {
  const life = createLifetime();
  let loads = 0;
  const retry = (): void => {
    replaceChildren(slot, loadingLine(spec.loading));
    reload(retryArg);
  };
  const reload = (arg: A): void => {
    const mine = ++loads;
    spec.load().then(
      (data) => {
        if (!life.ended && mine === loads) spec.show(data, arg);
      },
      (error: unknown) => {
        if (life.ended || mine !== loads || isSessionExpired(error)) return;
        replaceChildren(slot, ...(spec.failed ? spec.failed(error, retry) : [errorBlock(error, retry)]));
      },
    );
  };
  return {
    reload,
    get ended() {
      return life.ended;
    },
    onEnd: life.onEnd,
    end: life.end,
  };
}
