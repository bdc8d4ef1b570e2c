import { h, replaceChildren } from '../../dom';
import { formatInstant } from './dates';
import { gov } from './govApi';
import { errorText, focusOn, isSessionGone } from './ui';
import { createLoader } from '../../ui/load';
import type { Part } from '../../ui/part';

/** Copies text to the clipboard; falls back to selecting the field for Ctrl+C. */
async function copyText(text: string, field: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * "S'abonner au calendrier": a secret per-user address that Outlook or Thunderbird subscribe to
 * without signing in (shown once), how to use it, and its revocation.
 */
export function createCalendarFeedPanel(): Part {
  const state = h('p', { class: 'feed-state' }, 'Vérification de votre abonnement…');
  const live = h('div', { class: 'feed-live', role: 'status', 'aria-live': 'polite' });
  const alert = h('div', { class: 'feed-error', role: 'alert' });
  const urlBox = h('div', { class: 'feed-url', hidden: true });
  const issue = h('button', { type: 'button', class: 'button button-primary', id: 'feed-issue' }, 'Créer mon lien d’abonnement');
  const revoke = h('button', { type: 'button', class: 'button', id: 'feed-revoke', hidden: true }, 'Révoquer le lien');

  const showState = (active: boolean, issuedAt: string | null): void => {
    state.textContent = active
      ? `Un lien d’abonnement est actif${issuedAt ? ` (créé le ${formatInstant(issuedAt)})` : ''}. Créer un nouveau lien désactive l’ancien.`
      : 'Vous n’avez pas de lien d’abonnement actif.';
    issue.textContent = active ? 'Remplacer mon lien d’abonnement' : 'Créer mon lien d’abonnement';
    revoke.hidden = !active;
  };

  const loader = createLoader(state, {
    load: () => gov.feedStatus(),
    show: (s) => showState(s.active, s.issuedAt),
    failed: () => ['État de l’abonnement inconnu.'],
  });

  issue.addEventListener('click', async () => {
    issue.disabled = true;
    alert.replaceChildren();
    live.textContent = 'Création du lien…';
    try {
      const { url } = await gov.issueFeed();
      if (loader.ended) return;
      const field = h('input', { type: 'text', id: 'feed-url', readonly: true, value: url, class: 'feed-url-input', spellcheck: 'false' });
      const copied = h('span', { class: 'feed-copied', role: 'status', 'aria-live': 'polite' });
      replaceChildren(
        urlBox,
        h('label', { for: 'feed-url' }, 'Adresse secrète de votre calendrier (affichée une seule fois)'),
        h(
          'div',
          { class: 'feed-url-row' },
          field,
          h(
            'button',
            {
              type: 'button',
              class: 'button',
              id: 'feed-copy',
              onclick: async () => {
                copied.textContent = (await copyText(url, field))
                  ? 'Lien copié dans le presse-papiers.'
                  : 'Copie impossible : sélectionnez le lien et copiez-le (Ctrl+C).';
              },
            },
            'Copier le lien',
          ),
        ),
        copied,
        h('p', { class: 'form-hint' }, 'Ce lien donne accès à vos séances sans mot de passe : ne le transmettez pas. En cas de doute, révoquez-le.'),
      );
      urlBox.hidden = false;
      showState(true, new Date().toISOString());
      live.textContent = 'Lien d’abonnement créé.';
      field.focus();
      field.select();
    } catch (error) {
      if (isSessionGone(error)) return;
      live.textContent = '';
      replaceChildren(alert, h('p', {}, `Création du lien impossible : ${errorText(error)}`));
    } finally {
      issue.disabled = false;
    }
  });

  revoke.addEventListener('click', async () => {
    revoke.disabled = true;
    alert.replaceChildren();
    try {
      await gov.revokeFeed();
      if (loader.ended) return;
      urlBox.hidden = true;
      urlBox.replaceChildren();
      showState(false, null);
      live.textContent = 'Lien révoqué : les agendas abonnés ne reçoivent plus les séances.';
      focusOn(issue);
    } catch (error) {
      if (isSessionGone(error)) return;
      replaceChildren(alert, h('p', {}, `Révocation impossible : ${errorText(error)}`));
    } finally {
      revoke.disabled = false;
    }
  });

  loader.reload();

  const element = h(
    'section',
    { class: 'calendar-feed', 'aria-labelledby': 'feed-heading' },
    h('h2', { id: 'feed-heading' }, 'S’abonner au calendrier'),
    h('p', {}, 'Recevez les séances que vous pouvez consulter dans votre messagerie : l’agenda se met à jour tout seul (date, horaire, lieu, ordre du jour).'),
    state,
    h('p', { class: 'actions' }, issue, revoke),
    live,
    alert,
    urlBox,
    h(
      'details',
      { class: 'feed-help' },
      h('summary', {}, 'Comment ajouter ce lien à Outlook ou Thunderbird'),
      h('h3', {}, 'Outlook'),
      h(
        'ol',
        {},
        h('li', {}, 'Ouvrez le Calendrier, puis « Ajouter un calendrier » (ou « Ouvrir le calendrier »).'),
        h('li', {}, 'Choisissez « À partir d’Internet » (ou « S’abonner à partir du web »).'),
        h('li', {}, 'Collez l’adresse secrète, nommez le calendrier (par exemple « Instances ») et validez.'),
      ),
      h('h3', {}, 'Thunderbird'),
      h(
        'ol',
        {},
        h('li', {}, 'Dans l’Agenda, choisissez « Nouvel agenda… » puis « Sur le réseau ».'),
        h('li', {}, 'Collez l’adresse secrète dans « Adresse », cochez « Cet emplacement ne nécessite pas d’identifiants ».'),
        h('li', {}, 'Choisissez le format iCalendar (ICS) si on vous le demande, puis « S’abonner ».'),
      ),
      h('p', {}, 'Les logiciels relisent le calendrier régulièrement (souvent toutes les heures) : une séance modifiée apparaît après ce délai.'),
    ),
  );
  return { element, destroy: loader.end };
}
