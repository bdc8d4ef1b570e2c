import { h } from '../../dom';
import { gov } from './govApi';
import { errorText, isSessionGone } from './ui';

/**
 * "Ouvrir un avenant" for a coordinator, from the version that finished its path: the versions
 * frozen afterwards belong to the avenant and go through the instances again. The server refuses
 * (409 `version_not_approved`) a version whose path is not finished; its sentence is shown.
 */
export function avenantButton(input: { projectId: string; fromVersionId: string; id: string; onOpened(label: string): void }): HTMLElement {
  const button = h('button', { type: 'button', class: 'button button-primary', id: input.id }, 'Ouvrir un avenant');
  const status = h('span', { class: 'inline-status avenant-status', role: 'status', 'aria-live': 'polite' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = '';
    try {
      const { label } = await gov.startAvenant(input.projectId, input.fromVersionId);
      status.textContent = `${label} ouvert : les versions figées désormais lui appartiennent et repasseront devant les instances.`;
      input.onOpened(label);
    } catch (error) {
      button.disabled = false;
      if (!isSessionGone(error)) status.textContent = `Avenant non ouvert : ${errorText(error)}`;
    }
  });
  return h('span', { class: 'avenant-action' }, button, ' ', status);
}
