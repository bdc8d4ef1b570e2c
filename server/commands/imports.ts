import { createHash, randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import type { ConfirmedLine, ImportPreview, ImportUndone } from '../../schemas/api/imports';
import { fragmentName, sectionEntry, sectionsMap } from '../../schemas/docLayout';
import { etablissementsOf } from '../../schemas/structured';
import { DomainError, type FieldError } from '../errors';
import { importError } from '../import/importError';
import { chapterChoices, type MappingLine } from '../import/mapping';
import { importedImageIndexes, withStoredImages } from '../import/importImages';
import { odtToDocx } from '../import/odtToDocx';
import type { PendingImport, PendingImports } from '../import/pendingImports';
import { changedSince, createUnsortedSection, findUnsortedSection, undoImport, writeImport, type ImportOutcome } from '../import/writeImport';
import { serverChangeViolation } from '../policies/serverChanges';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { projectImageCheck, storeImportedImages } from './images';
import { findReadableProject } from './projects';

const readOnly = () => new DomainError('forbidden', 'forbidden', 'L’import demande le rôle de rédacteur ou de coordonnateur sur ce projet.');

/**
 * Refuses whoever may not import into the project (`project.edit`): 404 to a stranger, 403 to a
 * member who does not edit. The upload route asks it before reading the body too (up to 50 MiB).
 */
export function checkImportRight(deps: Deps, user: UserRecord, projectId: string): void {
  findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'project.edit', projectId })) throw readOnly();
}

/**
 * Converts an uploaded DOCX (or ODT, through LibreOffice) into parts of the editor's schema and
 * proposes where each goes, in a worker thread (import/importConverter.ts). Nothing is written to the document: the preview waits in memory
 * for `applyImport`. Editors and coordinators may import (`project.edit`).
 */
export async function previewImport(
  deps: Deps,
  pending: PendingImports,
  user: UserRecord,
  projectId: string,
  file: { name: string; data: Buffer },
): Promise<ImportPreview> {
  checkImportRight(deps, user, projectId);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const doc = deps.registry.get(projectId).doc;
  const chapters = chapterChoices(doc);
  const convert = (data: Uint8Array) => deps.importConverter.convert({ data, etablissements: etablissementsOf(doc), chapters });
  let converted = await convert(file.data);
  const format = converted.kind === 'odt' ? 'odt' : 'docx';
  if (converted.kind === 'odt') converted = await convert(await odtToDocx(file.data, deps.config.sofficePath));
  if (converted.kind === 'odt')
    throw importError('import_conversion_failed', 'LibreOffice n’a pas produit de document Word lisible : enregistrez le fichier en .docx, puis importez-le.');
  const { parts, mapping, alterations, externalReferences, images, imagesFound } = converted;
  const stored = pending.add({
    projectId,
    userId: user.id,
    parts,
    images,
    mapping,
    report: {
      fileName: file.name,
      format,
      bytes: file.data.byteLength,
      sha256,
      parts: parts.length,
      structured: mapping.flatMap((line) => line.structured.map((label) => ({ partId: line.partId, heading: line.heading, label }))),
      dropped: alterations,
      externalReferences,
      images: { found: imagesFound, kept: images.length },
    },
  });
  return { importId: stored.id, mapping: stored.mapping, report: stored.report, chapters };
}

const invalid = (fields: FieldError[]) => new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', fields);

/** The preview's mapping with the user's changes; every line names a part of the preview and an existing section. */
function confirmedMapping(doc: Y.Doc, preview: PendingImport, lines: ConfirmedLine[]): MappingLine[] {
  const errors: FieldError[] = [];
  const byPart = new Map(lines.map((line, index) => [line.partId, { line, index }]));
  lines.forEach((line, index) => {
    if (!preview.mapping.some((m) => m.partId === line.partId)) errors.push({ path: `mapping.${index}.partId`, message: 'Partie inconnue dans cet import.' });
    if (line.action === 'section' && (!line.sectionId || !sectionEntry(doc, line.sectionId))) {
      errors.push({ path: `mapping.${index}.sectionId`, message: 'Chapitre introuvable dans ce projet.' });
    }
  });
  if (errors.length > 0) throw invalid(errors);
  return preview.mapping.map((proposed) => {
    const confirmed = byPart.get(proposed.partId)?.line;
    if (!confirmed) return proposed;
    return {
      ...proposed,
      action: confirmed.action,
      sectionId: confirmed.action === 'section' ? confirmed.sectionId! : null,
      whenNotEmpty: confirmed.whenNotEmpty ?? proposed.whenNotEmpty,
    };
  });
}

/**
 * Writes a previewed import as mapped, in one update: the « À classer » section (created by the
 * server when needed, a coordinator's right), then the content, checked by the same zone guard
 * as a client's update with the importer's rights (a locked chapter is a coordinator's).
 * Audited with the file's name and SHA-256.
 */
export function applyImport(deps: Deps, pending: PendingImports, user: UserRecord, projectId: string, importId: string, lines: ConfirmedLine[]): ImportOutcome {
  findReadableProject(deps, user, projectId);
  const can = (action: 'project.edit' | 'project.manage' | 'section.editLocked') => deps.policy.can(user, { action, projectId });
  if (!can('project.edit')) throw readOnly();
  const preview = pending.get(projectId, importId);
  if (!preview || preview.userId !== user.id)
    throw new DomainError('not_found', 'import_not_found', 'Import introuvable ou expiré (1 heure) : déposez le fichier à nouveau.');
  if (preview.applied) throw new DomainError('conflict', 'import_already_applied', 'Cet import a déjà été appliqué.');
  const loaded = deps.registry.get(projectId);
  const mapping = confirmedMapping(loaded.doc, preview, lines);
  const needsUnsorted = mapping.some((line) => line.action === 'unsorted');
  let unsortedId = findUnsortedSection(loaded.doc);
  const createdSectionId = needsUnsorted && !unsortedId ? `a-classer-${randomUUID().slice(0, 8)}` : null;
  if (createdSectionId && !can('project.manage')) {
    throw new DomainError(
      'forbidden',
      'forbidden',
      'Seul un coordonnateur crée la section « À classer » : rattachez chaque partie à un chapitre ou ignorez-la.',
    );
  }
  unsortedId ??= createdSectionId;
  const rights = {
    canEditLocked: can('section.editLocked'),
    userId: user.id,
    canManage: can('project.manage'),
    isProjectImage: projectImageCheck(deps.store, projectId),
  };
  const locked = mapping
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.action !== 'skip' && !rights.canEditLocked)
    .filter(({ line }) => sectionEntry(loaded.doc, line.action === 'section' ? line.sectionId! : (unsortedId ?? ''))?.get('locked') === true);
  if (locked.length > 0) {
    throw new DomainError(
      'forbidden',
      'section_locked',
      'Ces chapitres sont verrouillés : seul un coordonnateur peut y importer.',
      locked.map(({ index }) => ({ path: `mapping.${index}.sectionId`, message: 'Chapitre verrouillé.' })),
    );
  }
  // The images the kept parts show are stored with the project first (all, or none past a quota):
  // the update guard accepts only images the project has.
  const shown = importedImageIndexes(preview.parts, mapping);
  const sources = storeImportedImages(
    deps,
    user,
    projectId,
    preview.images.filter((image) => shown.has(image.index)).map((image) => ({ key: image.index, data: image.data })),
  );
  const parts = withStoredImages(preview.parts, sources);
  const { outcome, applied } = loaded.guardedChange(
    (doc) => {
      if (createdSectionId) createUnsortedSection(doc, createdSectionId);
    },
    (doc) => writeImport(doc, parts, mapping, unsortedId),
    (before, update) => {
      const violation = serverChangeViolation(before, update, rights);
      if (violation) {
        deps.logger.warn('import refused by the update guard', { projectId, refusal: violation.refusal, detail: violation.detail });
        throw new DomainError(
          'invalid',
          'import_refused',
          'Le contenu importé ne respecte pas les règles du document (champ trop long, chapitre verrouillé…) : rien n’a été écrit.',
        );
      }
    },
  );
  const at = new Date().toISOString();
  preview.applied = { ...applied, at, createdSectionId, undone: false };
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: 'project.import',
    projectId,
    subjectType: 'import',
    subjectId: preview.id,
    details: {
      fileName: preview.report.fileName,
      sha256: preview.report.sha256,
      bytes: preview.report.bytes,
      format: preview.report.format,
      sections: outcome.sections.map((s) => ({ sectionId: s.sectionId, title: s.title, mode: s.mode })),
      structured: outcome.structured.map((s) => s.label),
      images: sources.size,
      createdSectionId,
    },
  });
  return outcome;
}

/**
 * Undoes an applied import as one change (one update, checked like the import was): refused,
 * with the chapters named, when any text the import wrote has been edited since. The importer
 * or a coordinator may undo it; audited.
 */
export function undoAppliedImport(deps: Deps, pending: PendingImports, user: UserRecord, projectId: string, importId: string): ImportUndone {
  findReadableProject(deps, user, projectId);
  const can = (action: 'project.edit' | 'project.manage' | 'section.editLocked') => deps.policy.can(user, { action, projectId });
  if (!can('project.edit')) throw readOnly();
  const preview = pending.get(projectId, importId);
  const applied = preview?.applied;
  if (!preview || !applied || (preview.userId !== user.id && !can('project.manage'))) {
    throw new DomainError(
      'not_found',
      'import_not_found',
      'Import introuvable : seul un import appliqué depuis le dernier démarrage du serveur peut être annulé.',
    );
  }
  if (applied.undone) throw new DomainError('conflict', 'import_already_undone', 'Cet import a déjà été annulé.');
  const loaded = deps.registry.get(projectId);
  const changed = changedSince(loaded.doc, applied);
  if (changed.length > 0) {
    const titles = changed.map((id) => String(sectionEntry(loaded.doc, id)?.get('title') ?? id));
    throw new DomainError(
      'conflict',
      'import_changed_since',
      `Ces chapitres ont été modifiés depuis l’import, qui ne peut plus être annulé d’un bloc : ${titles.join(', ')}.`,
      undefined,
      { sections: changed },
    );
  }
  const rights = {
    canEditLocked: can('section.editLocked'),
    userId: user.id,
    canManage: can('project.manage'),
    isProjectImage: projectImageCheck(deps.store, projectId),
  };
  loaded.guardedChange(
    (doc) => {
      if (!applied.createdSectionId) return;
      const fragment = doc.getXmlFragment(fragmentName(applied.createdSectionId));
      fragment.delete(0, fragment.length);
      sectionsMap(doc).delete(applied.createdSectionId);
    },
    (doc) => undoImport(doc, applied),
    (before, update) => {
      const violation = serverChangeViolation(before, update, rights);
      if (violation) deps.logger.warn('import undo refused by the update guard', { projectId, refusal: violation.refusal, detail: violation.detail });
      if (violation)
        throw new DomainError(
          'forbidden',
          'import_refused',
          'L’annulation toucherait des parties que votre rôle ne peut pas modifier (chapitre verrouillé…) : rien n’a été changé.',
        );
    },
  );
  applied.undone = true;
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: 'project.import.undo',
    projectId,
    subjectType: 'import',
    subjectId: preview.id,
    details: { fileName: preview.report.fileName, sha256: preview.report.sha256, sections: applied.sections.map((s) => s.sectionId) },
  });
  return { sections: applied.sections.map((s) => s.sectionId) };
}
