import { h } from '../../dom';
import { hashFor } from '../../router';
import { setupStatus } from './setupApi';

/** For an administrator, on the projects page: the set-up left half-way, and the way back into it. */
export function setupReminder(): HTMLElement {
  const element = h('div', { class: 'alert alert-info setup-reminder', hidden: true });
  setupStatus().then(
    ({ done, steps }) => {
      if (done) return;
      const left = steps.filter((s) => !s.done).length;
      element.replaceChildren(
        h(
          'p',
          {},
          `La mise en place n’est pas terminée : ${left} étape${left > 1 ? 's' : ''} sur ${steps.length} ${left > 1 ? 'restent' : 'reste'}. `,
          h('a', { href: hashFor({ name: 'setup', step: null }) }, 'Continuer la mise en place'),
        ),
      );
      element.hidden = false;
    },
    () => {},
  );
  return element;
}
