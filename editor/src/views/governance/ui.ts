import { actKindLabels, actOutcomeLabels, type ActKind, type ActOutcome, type SeanceStatus } from '../../../../schemas/governance';
import { h } from '../../dom';
import '../../governance.css';
import type { Act, Seance } from './govApi';
import { formatDay } from './dates';

/** Small building blocks shared by the governance pages. */

// The page kit's pieces, under the names the governance pages know.
export { errorMessage as errorText, isSessionExpired as isSessionGone } from '../../ui/errors';
export { errorBlock, focusOn, focusTitleIfLost, loadingLine, setTitle } from '../../ui/page';

export const seanceStatusLabel: Record<SeanceStatus, string> = {
  planned: 'prévue',
  held: 'tenue',
  cancelled: 'annulée',
};

export function actLabel(kind: ActKind): string {
  return actKindLabels[kind];
}

export function outcomeLabel(outcome: ActOutcome | null): string {
  return outcome ? actOutcomeLabels[outcome] : '—';
}

/** A badge whose word carries the meaning (never the colour alone, RGAA 3.1). */
export function tag(text: string, kind: 'ok' | 'warn' | 'danger' | 'info' | 'neutral' = 'neutral', extra?: string): HTMLElement {
  return h('span', { class: `gov-tag gov-tag-${kind}${extra ? ` ${extra}` : ''}` }, text);
}

/** "Convocation envoyée le 01/03/2027", "à envoyer avant le 02/03/2027 (en retard)"… */
export function convocationLine(seance: Pick<Seance, 'convocation'>): HTMLElement {
  const c = seance.convocation;
  const parts: (HTMLElement | string)[] = [];
  if (c.sentOn) {
    parts.push(`Convocation envoyée le ${formatDay(c.sentOn)}`);
    if (c.deadline) parts.push(` (date limite ${formatDay(c.deadline)})`);
  } else if (c.deadline) {
    parts.push(`Convocation à envoyer au plus tard le ${formatDay(c.deadline)}`);
    if (c.days) parts.push(` (${c.days} jours avant la séance)`);
  } else {
    parts.push('Convocation non envoyée (pas de délai réglementaire)');
  }
  if (c.late) parts.push(' ', tag('en retard', 'danger', 'late-badge'));
  else if (c.sentOn) parts.push(' ', tag('envoyée', 'ok'));
  else parts.push(' ', tag('non envoyée', 'warn'));
  return h('p', { class: 'seance-convocation' }, ...parts);
}

export function votesText(act: Pick<Act, 'votes'>): string {
  if (!act.votes) return 'sans vote';
  const { pour, contre, abstention } = act.votes;
  return `${pour} pour, ${contre} contre, ${abstention} abstention${abstention > 1 ? 's' : ''}`;
}

/** A definition list from label/value pairs (values already text or nodes). */
export function facts(pairs: [string, string | Node | null][]): HTMLDListElement {
  const dl = h('dl', { class: 'gov-facts' });
  for (const [term, value] of pairs) {
    if (value === null || value === '') continue;
    dl.append(h('dt', {}, term), h('dd', {}, value));
  }
  return dl;
}
