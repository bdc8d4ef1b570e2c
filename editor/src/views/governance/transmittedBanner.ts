import { h, replaceChildren } from '../../dom';
import { avenantButton } from './avenantAction';
import { formatInstantDay } from './dates';
import { gov, type Submission } from './govApi';
import { createLifetime, type Part } from '../../ui/part';

const purposeText: Record<NonNullable<Submission['purpose']>, string> = {
  information: 'pour information, avant signature',
  approbation: 'pour approbation (convention ou avenant signé)',
  adoption: 'comme dossier d’adoption',
};

/**
 * The editor's warning once the current line's text went to the ARS (or was adopted): what is
 * typed now is no longer the text transmitted, and, once the path is finished, the action that
 * opens an avenant (coordinators). Empty until the submissions are known, and for a text never sent.
 */
export function createTransmittedBanner(input: { projectId: string; isCoordinator: boolean }): Part {
  const life = createLifetime();
  const element = h('div', { class: 'transmitted-banner-slot' });
  Promise.all([gov.projectSubmissions(input.projectId), gov.versions(input.projectId), gov.versionLines(input.projectId)]).then(
    ([submissions, versions, lines]) => {
      const current = new Set(versions.filter((v) => v.line === lines.currentLine).map((v) => v.id));
      const latest = submissions.find((s) => current.has(s.version.id));
      if (life.ended || !latest) return;
      // The path is finished once the signed text's receipt is recorded, or the adoption record built.
      const finished = latest.purpose === 'adoption' || (latest.purpose === 'approbation' && latest.receipt !== null);
      const sent = latest.ars ? `transmis à ${latest.ars.name}` : 'adopté';
      replaceChildren(
        element,
        h(
          'div',
          { class: 'alert alert-warning transmitted-banner', role: 'region', 'aria-label': 'Texte transmis' },
          h(
            'p',
            {},
            h('strong', {}, `Version ${latest.version.number} ${sent} le ${formatInstantDay(latest.createdAt)} `),
            `(${purposeText[latest.purpose ?? 'information']}). `,
            'Ce que vous modifiez maintenant n’est plus le texte transmis : ',
            finished
              ? 'toute modification passe par un avenant, présenté à nouveau aux instances.'
              : 'la version modifiée devra être présentée à nouveau aux instances.',
          ),
          finished && input.isCoordinator
            ? h('p', {}, avenantButton({ projectId: input.projectId, fromVersionId: latest.version.id, id: 'banner-avenant', onOpened: () => undefined }))
            : finished
              ? h('p', { class: 'form-hint' }, 'Un coordonnateur du projet peut ouvrir l’avenant.')
              : null,
        ),
      );
    },
    () => undefined,
  );
  return { element, destroy: life.end };
}
