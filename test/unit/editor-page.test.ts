// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../editor/src/api';
import { h } from '../../editor/src/dom';
import { errorMessage, errorWithFields, unexpectedError } from '../../editor/src/ui/errors';
import { createLoader } from '../../editor/src/ui/load';
import { mountPage } from '../../editor/src/ui/page';
import { createLifetime } from '../../editor/src/ui/part';

/** A promise the test settles by hand, to see the page between request and answer. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('mountPage', () => {
  it('shows the loading line, then the content, with the title and the heading focused', async () => {
    const main = h('main');
    document.body.replaceChildren(main);
    const answer = deferred<string[]>();
    mountPage(main, {
      title: 'Essai',
      className: 'page essai',
      load: () => answer.promise,
      render: (names, page) => {
        page.setTitle('Essai', names[0]!);
        return [h('h1', { tabindex: '-1' }, 'Essai'), h('ul', {}, ...names.map((n) => h('li', {}, n)))];
      },
    });
    expect(main.querySelector('[role=status]')?.textContent).toBe('Chargement…');
    expect(document.title).toMatch(/^Essai – /);
    answer.resolve(['a', 'b']);
    await settle();
    expect(main.querySelectorAll('li')).toHaveLength(2);
    expect(document.title).toMatch(/^Essai – a – /);
    expect(document.activeElement).toBe(main.querySelector('h1'));
  });

  it('keeps the shell and its heading, and fills only its slot', async () => {
    const main = h('main');
    document.body.replaceChildren(main);
    mountPage(main, {
      title: 'Avec cadre',
      className: 'slot',
      loading: 'Chargement des choses…',
      shell: (slot) => h('div', { class: 'page' }, h('h1', {}, 'Avec cadre'), slot),
      load: async () => 3,
      render: (n) => [h('p', { class: 'count' }, String(n))],
    });
    const heading = main.querySelector('h1');
    expect(main.querySelector('.slot [role=status]')?.textContent).toBe('Chargement des choses…');
    await settle();
    expect(main.querySelector('.slot .count')?.textContent).toBe('3');
    expect(main.querySelector('h1')).toBe(heading);
  });

  it('writes the server’s message or the one fallback, and "Réessayer" loads again', async () => {
    const main = h('main');
    document.body.replaceChildren(main);
    let calls = 0;
    mountPage(main, {
      title: 'Erreurs',
      className: 'page',
      errorHeading: (e) => (e instanceof ApiError && e.status === 404 ? 'Introuvable' : 'Erreurs'),
      load: async () => {
        calls += 1;
        if (calls === 1) throw new ApiError(404, 'not_found', 'Ressource introuvable.');
        if (calls === 2) throw new Error('bug');
        return 'ok';
      },
      render: (text) => [h('h1', {}, text)],
    });
    await settle();
    expect(main.querySelector('h1')?.textContent).toBe('Introuvable');
    expect(main.querySelector('[role=alert]')?.textContent).toBe('Ressource introuvable.');
    main.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    expect(main.querySelector('[role=alert]')?.textContent).toBe(unexpectedError);
    main.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    expect(main.querySelector('h1')?.textContent).toBe('ok');
  });

  it('shows nothing more once destroyed, or after a 401 (the login page takes over), and ends its parts', async () => {
    const main = h('main');
    document.body.replaceChildren(main);
    const answer = deferred<number>();
    let ended = 0;
    const view = mountPage(main, {
      title: 'Quittée',
      className: 'page',
      load: () => answer.promise,
      render: (_n, page) => [page.own({ element: h('p', {}, 'partie'), destroy: () => (ended += 1) }).element],
    });
    view.destroy();
    answer.resolve(1);
    await settle();
    expect(main.textContent).toBe('Chargement…');

    const expired = h('main');
    mountPage(expired, {
      title: 'Expirée',
      className: 'page',
      load: () => Promise.reject(new ApiError(401, 'unauthorized', 'Session expirée.')),
      render: () => [],
    });
    await settle();
    expect(expired.querySelector('[role=alert]')).toBeNull();

    const owner = mountPage(h('main'), {
      title: 'Parties',
      className: 'page',
      load: async () => 1,
      render: (_n, page) => [page.own({ element: h('p'), destroy: () => (ended += 1) }).element],
    });
    await settle();
    owner.destroy();
    expect(ended).toBe(1);
  });
});

describe('error messages', () => {
  it('has one fallback, and lists the fields at fault', () => {
    expect(errorMessage(new Error('x'))).toBe('Erreur inattendue. Réessayez.');
    const refused = new ApiError(400, 'invalid', 'Données invalides.', [{ path: 'name', message: 'Le nom est requis.' }]);
    expect(errorWithFields(refused)).toBe('Données invalides. Le nom est requis.');
    expect(errorWithFields(refused, { withPath: true })).toBe('Données invalides. name : Le nom est requis.');
  });
});

describe('createLifetime', () => {
  it('runs what was registered once, at the end, and at once what comes after it', () => {
    const life = createLifetime();
    const ran: string[] = [];
    life.onEnd(() => ran.push('listener'));
    expect(life.ended).toBe(false);
    life.end();
    life.end();
    expect(ran).toEqual(['listener']);
    expect(life.ended).toBe(true);
    life.onEnd(() => ran.push('late timer'));
    expect(ran).toEqual(['listener', 'late timer']);
  });
});

describe('createLoader', () => {
  it('shows only the latest answer, and none once ended', async () => {
    const slot = h('div');
    const answers = [deferred<string>(), deferred<string>(), deferred<string>()];
    let call = 0;
    const shown: string[] = [];
    const loader = createLoader(slot, { load: () => answers[call++]!.promise, show: (text) => shown.push(text) });
    loader.reload();
    loader.reload();
    answers[1]!.resolve('second');
    answers[0]!.resolve('first, slower');
    await settle();
    expect(shown).toEqual(['second']);
    loader.reload();
    loader.end();
    answers[2]!.resolve('after the end');
    await settle();
    expect(shown).toEqual(['second']);
  });

  it('shows the message with « Réessayer », the panel’s own words, or nothing on a 401', async () => {
    const slot = h('div');
    let calls = 0;
    const loader = createLoader(slot, {
      loading: 'Chargement des versions…',
      load: async () => {
        calls += 1;
        if (calls === 1) throw new ApiError(500, 'internal', 'Le serveur a rencontré une erreur.');
        return calls;
      },
      show: (n) => slot.replaceChildren(`réponse ${n}`),
    });
    loader.reload();
    await settle();
    expect(slot.querySelector('[role=alert]')?.textContent).toBe('Le serveur a rencontré une erreur.');
    slot.querySelector<HTMLButtonElement>('button')!.click();
    expect(slot.textContent).toBe('Chargement des versions…');
    await settle();
    expect(slot.textContent).toBe('réponse 2');

    const own = h('div');
    createLoader(own, { load: () => Promise.reject(new Error('bug')), show: () => undefined, failed: () => ['Liste indisponible.'] }).reload();
    await settle();
    expect(own.textContent).toBe('Liste indisponible.');

    const expired = h('div', {}, 'avant');
    createLoader(expired, { load: () => Promise.reject(new ApiError(401, 'unauthorized', 'Session expirée.')), show: () => undefined }).reload();
    await settle();
    expect(expired.textContent).toBe('avant');
  });
});

describe('mountPage, for the pages that moved last', () => {
  it('offers « Réessayer » only where it can help, with a way back, and widens once the content is there', async () => {
    const main = h('main');
    document.body.replaceChildren(main);
    const notFound = (e: unknown) => e instanceof ApiError && e.status === 404;
    let calls = 0;
    const started: string[] = [];
    mountPage(main, {
      title: 'Projet',
      className: 'page',
      contentClass: 'project-page',
      errorHeading: (e) => (notFound(e) ? 'Projet introuvable' : 'Impossible d’ouvrir le projet'),
      canRetry: (e) => !notFound(e),
      errorFooter: () => [h('a', { href: '#/projets' }, 'Retour à mes projets')],
      load: async () => {
        calls += 1;
        if (calls === 1) throw new ApiError(0, 'network', 'Le serveur est injoignable.');
        return 'Projet médical';
      },
      render: (title) => [h('h1', { tabindex: '-1' }, title)],
      // In the document by then: the editor may take the focus.
      shown: (slot) => started.push(String(document.contains(slot))),
    });
    await settle();
    expect(main.querySelector('h1')?.textContent).toBe('Impossible d’ouvrir le projet');
    expect(main.querySelector('a')?.textContent).toBe('Retour à mes projets');
    main.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    expect(main.firstElementChild?.className).toBe('project-page');
    expect(started).toEqual(['true']);

    const missing = h('main');
    mountPage(missing, {
      title: 'Projet',
      className: 'page',
      errorHeading: 'Projet introuvable',
      canRetry: (e) => !notFound(e),
      load: () => Promise.reject(new ApiError(404, 'not_found', 'Projet introuvable.')),
      render: () => [],
    });
    await settle();
    expect(missing.querySelector('[role=alert]')?.textContent).toBe('Projet introuvable.');
    expect(missing.querySelector('button')).toBeNull();
  });

  it('shows a form at once (no loading line), and ends with the page what its shell started', async () => {
    const main = h('main');
    let feedEnded = false;
    const view = mountPage(main, {
      title: 'Connexion',
      className: 'login-methods',
      loading: null,
      shell: (slot, page) => {
        page.onEnd(() => (feedEnded = true));
        return h('div', {}, h('h1', {}, 'Connexion'), slot);
      },
      load: async () => ({ passwordLogin: true }),
      render: (config) => [h('form', { class: config.passwordLogin ? 'password' : 'sso' })],
    });
    expect(main.querySelector('[role=status]')).toBeNull();
    await settle();
    expect(main.querySelector('form.password')).not.toBeNull();
    view.destroy();
    expect(feedEnded).toBe(true);
  });
});
