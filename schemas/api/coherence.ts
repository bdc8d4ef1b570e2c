import { z } from 'zod';
import type { ModalityId } from '../modalities';
import { Id } from './ids';

/** GET /api/organisations/:ghtId/coherence (issue 24, item 4; docs/API.md). */

/** « Envoyer au PCME »: the member établissement whose gaps are sent. */
export const SendGapsBody = z.object({ etablissementId: Id });

/** 201 of POST …/coherence/send: how many were notified, and whether by e-mail too. */
export interface GapsSent {
  notified: number;
  byEmail: boolean;
}

/** Where a member's PM stands: adopted (its latest adopted version is read), still in writing (its live text is read), or none. */
export type PmStatus = 'adopte' | 'non_adopte' | 'absent';

/** A PM chapter or record that cites something (the chapter's title, the objectif's label or the fiche-action's title). */
export interface CoherenceLink {
  root: 'sections' | 'objectifs' | 'fichesActions';
  id: string;
  label: string;
  pmpItemId: string;
}

export interface CoherenceCell {
  id: string;
  name: string;
  pmProjectId: string | null;
  /** The PM has a chapter, objectif or fiche-action linked to the filière, or to one of its PMP fiches. */
  covered: boolean;
  /** The modalities the PMP's matrix assigns to this établissement for the filière (a declination written). */
  assignedModalities: ModalityId[];
  /** Those of `assignedModalities` the PM does not mention (see `rules.modalities`). */
  missingModalities: ModalityId[];
  /** The matrix assigns this établissement something in the filière. */
  concerned: boolean;
  links: CoherenceLink[];
  pmStatus: PmStatus;
  pmAdoptedOn: string | null;
}

export interface CoherenceFiliere {
  id: string;
  name: string;
  etablissements: CoherenceCell[];
}

export interface CoherenceEtablissement {
  id: string;
  name: string;
  pmProjectId: string | null;
  pmTitle: string | null;
  pmStatus: PmStatus;
  pmVersionId: string | null;
  /** The date the PM's latest adopted version finished its path (jj/mm/aaaa in the UI). */
  pmAdoptedOn: string | null;
  /** The PM was adopted on or after the PMP version read here: null when either date is missing. */
  pmAdoptedAfterPmp: boolean | null;
  /** Filières the matrix assigns it something in that its PM does not cover. */
  uncoveredFilieres: string[];
  missingModalityCount: number;
  /** Links to an id the PMP version read does not hold (a hand-made value, or an item removed by an avenant). */
  unknownLinks: CoherenceLink[];
}

export interface CoherenceView {
  ghtId: string;
  ghtName: string;
  pmpProjectId: string;
  pmpTitle: string;
  pmpVersionId: string;
  /** 1 for the original text, 2 for avenant n°1… */
  pmpLine: number;
  pmpAdoptedOn: string;
  filieres: CoherenceFiliere[];
  etablissements: CoherenceEtablissement[];
  /** In French: how covered and the modalities' mentions are decided. */
  rules: { covered: string; modalities: string };
  /** The reader sees every member (PCMG, PMP members, the ARS), or only their own établissements. */
  scope: 'all' | 'own';
  /** The reader may send a member's PCME its gaps. */
  canSend: boolean;
}
