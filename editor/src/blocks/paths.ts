/**
 * The `data-path` of the elements a completeness item points at, in the shapes
 * templates/completeness.ts produces: `sections/<id>[/<block>/<recordId>[/<field>]]`.
 */
export const paths = {
  section: (sectionId: string) => `sections/${sectionId}`,
  filieres: (sectionId: string) => `sections/${sectionId}/filieres`,
  filiere: (sectionId: string, filiereId: string) => `sections/${sectionId}/filieres/${filiereId}`,
  filiereName: (sectionId: string, filiereId: string) => `sections/${sectionId}/filieres/${filiereId}/name`,
  /** Every cell of an établissement's column: the item names the column, focus goes to its first empty cell. */
  matrixColumn: (sectionId: string, filiereId: string, etablissementId: string) => `sections/${sectionId}/filieres/${filiereId}/${etablissementId}`,
  fiches: (sectionId: string) => `sections/${sectionId}/fichesActions`,
  fiche: (sectionId: string, ficheId: string) => `sections/${sectionId}/fichesActions/${ficheId}`,
  /** `title`, `objectif`, or `pilotes` (both pilots' inputs carry it). */
  ficheField: (sectionId: string, ficheId: string, field: string) => `sections/${sectionId}/fichesActions/${ficheId}/${field}`,
  ficheIndicators: (sectionId: string, ficheId: string) => `sections/${sectionId}/fichesActions/${ficheId}/indicators`,
  sectionIndicators: (sectionId: string) => `sections/${sectionId}/indicators`,
  /** Every input of the row: focus goes to the first one left blank. */
  indicatorRow: (tablePath: string, rowId: string) => `${tablePath}/${rowId}`,
  objectifs: (sectionId: string) => `sections/${sectionId}/objectifs`,
  objectif: (sectionId: string, nodeId: string) => `sections/${sectionId}/objectifs/${nodeId}`,
};

/** "sections/abc/filieres/x/y" → "sections/abc/filieres/x"; null above the section. */
export function parentPath(path: string): string | null {
  const parts = path.split('/');
  return parts.length > 2 ? parts.slice(0, -1).join('/') : null;
}

/** The section a path belongs to. */
export function sectionOfPath(path: string): string | null {
  const [root, id] = path.split('/');
  return root === 'sections' && id ? id : null;
}
