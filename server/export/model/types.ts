import type { DocumentKind } from '../../../schemas/project';
import type { ObjectiveLevel } from '../../../schemas/structured';

/**
 * The document model: plain data, the only input of the PDF and DOCX renderers, so the two
 * never disagree. Built by `buildDocumentModel` from a live Y.Doc or a frozen version.
 * Every string is already in its final French form (labels, dates jj/mm/aaaa).
 */
export interface DocumentModel {
  meta: DocumentMeta;
  chapters: Chapter[];
  /** The approval timeline, shown as an annex (empty when no act is recorded). */
  timeline: TimelineEntry[];
  /** The committees' working copy only: the comment threads, as an annex by chapter. */
  reviewComments?: ReviewCommentView[];
}

/** A comment thread as the working copy prints it. */
export interface ReviewCommentView {
  /** "2.1 Diagnostic" */
  chapter: string;
  quote: string;
  detached: boolean;
  resolved: boolean;
  messages: { author: string; date: string; body: string }[];
}

/** A thread as the export receives it (names resolved, dates as ISO), placed by `build`. */
export interface ReviewCommentSource extends Omit<ReviewCommentView, 'chapter'> {
  sectionId: string;
}

export interface DocumentMeta {
  /** The organisation the document belongs to (GHT or établissement). */
  organisation: string;
  kind: DocumentKind;
  /** 'Projet médical partagé'… */
  kindLabel: string;
  /** The legal basis of the document kind ('L6132-2, R6132-3'). */
  legalBasis: string;
  title: string;
  /** '2026–2030', or null when neither the document nor its title says it. */
  period: string | null;
  /** 'Texte courant (non figé)' or the version's label. */
  versionLabel: string;
  /** SHA-256 of the frozen version, null for the current text. */
  versionHash: string | null;
  /** French status line ('Document de travail', 'Version figée'…). */
  status: string;
  /** The date the document shows (jj/mm/aaaa, Europe/Paris). */
  date: string;
  /** When the export was produced (jj/mm/aaaa à hh:mm, Europe/Paris). */
  generatedAt: string;
  etablissements: { id: string; name: string }[];
}

/** A ProseMirror JSON node of the rich-text schema (schemas/richText.ts). */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  marks?: RichMark[];
  text?: string;
  content?: RichNode[];
}

export interface RichMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface Chapter {
  id: string;
  /** '2', '5.1'… */
  number: string;
  /** 1 for a top-level chapter. */
  depth: number;
  title: string;
  legalBasis: string | null;
  mandatory: boolean;
  /** The section's rich text as a ProseMirror `doc` node; links other than http(s)/mailto removed. */
  body: RichNode;
  /** True when the section has neither text nor structured content. */
  empty: boolean;
  /** The justification when a coordinator marked the part "sans objet"; null otherwise. */
  notApplicable: string | null;
  blocks: StructuredBlock[];
  children: Chapter[];
}

export type StructuredBlock =
  | { kind: 'objectifs'; nodes: ObjectiveNode[] }
  | { kind: 'filieres'; etablissements: string[]; filieres: FiliereModel[] }
  | { kind: 'fichesActions'; fiches: FicheActionModel[] }
  | { kind: 'indicators'; rows: IndicatorRowModel[] };

export interface ObjectiveNode {
  level: ObjectiveLevel;
  /** 'Axe', 'Objectif stratégique', 'Objectif opérationnel'. */
  levelLabel: string;
  /** '1', '1.2', '1.2.3'. */
  number: string;
  label: string;
  children: ObjectiveNode[];
}

export interface FiliereModel {
  id: string;
  name: string;
  description: string;
  /** One row per modality a–h, one cell per établissement (in `etablissements` order). */
  matrix: { letter: string; modality: string; cells: string[] }[];
}

export interface FicheActionModel {
  id: string;
  /** 'FA 1', 'FA 2'… in document order. */
  number: string;
  title: string;
  filiere: string;
  objectif: string;
  /** 'e) Urgences et soins non programmés', or '' when none. */
  modality: string;
  etablissements: string[];
  piloteMedical: string;
  piloteSoignant: string;
  directeurReferent: string;
  etapes: { label: string; echeance: string }[];
  indicators: IndicatorRowModel[];
}

export interface IndicatorRowModel {
  indicateur: string;
  methode: string;
  /** 'valeur (date)', as an indicator table shows it. */
  origine: string;
  cible: string;
  source: string;
  periodicite: string;
}

/** One act of the approval timeline. */
export interface TimelineEntry {
  /** jj/mm/aaaa */
  date: string;
  instance: string;
  act: string;
  outcome: string;
  votes: string;
  reserves: string;
  versionLabel: string;
}
