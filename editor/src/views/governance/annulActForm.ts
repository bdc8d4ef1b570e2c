import { actKindLabels, submissionActKinds } from '../../../../schemas/governance';
import { h } from '../../dom';
import { gov, type Act } from './govApi';

/**
 * The way to correct an act: annul it with a justification (kept in the audit log), then record
 * the right one. Offered to the séance's secretary on live acts the séance records by hand.
 */
export function annulActForm(act: Act, helpers: { reload(message: string): void; fail(error: unknown, what: string): void }): HTMLElement | null {
  if (act.annulled || submissionActKinds.includes(act.kind)) return null;
  const id = `annul-${act.id}`;
  const justification = h('textarea', { id, rows: 2, required: true, minlength: 10, 'aria-describedby': `${id}-hint` });
  const submit = h('button', { type: 'submit', class: 'button button-danger' }, 'Annuler l’acte');
  const form = h(
    'form',
    { class: 'annul-act' },
    h(
      'p',
      { class: 'form-hint', id: `${id}-hint` },
      'L’acte reste visible, marqué annulé, et ne compte plus ; vous pourrez ensuite enregistrer l’acte correct.',
    ),
    h('label', { for: id }, 'Justification (10 caractères au moins)'),
    justification,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await gov.annulAct(act.id, justification.value.trim());
      helpers.reload(`Acte annulé : ${actKindLabels[act.kind]}.`);
    } catch (error) {
      submit.disabled = false;
      helpers.fail(error, 'Acte non annulé');
    }
  });
  return h('details', { class: 'annul-act-details' }, h('summary', {}, 'Corriger cet acte (l’annuler)'), form);
}
