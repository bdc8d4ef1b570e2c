import type { Deps } from '../../deps';
import { diffVersions, getVersion } from '../../queries/versions';
import { listActs, type ActView } from '../../governance/acts';
import { formatDateFr } from '../../governance/parisTime';
import { projectTimeline } from '../../governance/timeline';
import type { OrganisationRecord } from '../../store/organisations';
import type { SubmissionPurpose } from '../../store/submissions';
import type { ProjectRecord } from '../../store/projects';
import type { UserRecord } from '../../store/users';
import type { VersionSummary } from '../../store/versions';
import { checkExportSize } from '../exportSize';
import { instanceWithOrganisation, versionHeading } from '../../governance/wording';
import { slug } from '../files';
import { actLabel, instanceLabel } from '../governanceFacts';
import { renderDocumentHtml } from '../html/renderHtml';
import { frenchDateTime } from '../model/french';
import { modelFromState } from '../model/fromState';
import { modelSourceFor } from '../modelSource';
import { actHtml, bordereauHtml, diffHtml, timelineHtml, type AnnexContext } from './annexHtml';
import { manifestFormat, manifestName, type Manifest, type ManifestAct, type ManifestFile } from './manifest';
import { sha256, writeZip } from './zip';

export interface BuiltPackage {
  zip: Uint8Array;
  sha256: string;
  manifest: Manifest;
  manifestJson: string;
}

interface PackageFile {
  name: string;
  description: string;
  data: Uint8Array;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const actFileName = (act: ActView, index: number): string =>
  `acts/${pad(index + 1)}-${act.seance.date}-${slug(act.kind, 20)}-${slug(instanceWithOrganisation(act.instance.name, act.instance.organisationName), 80)}.pdf`;

/** The version an avenant amends: the approved version its line was opened from. */
function amendedVersion(deps: Deps, version: VersionSummary): { summary: VersionSummary; lineLabel: string } | null {
  if (version.line <= 1) return null;
  const line = deps.store.versions.lines(version.projectId).find((l) => l.line === version.line);
  const base = line && deps.store.versions.get(version.projectId, line.basedOnVersionId);
  return base && line ? { summary: base, lineLabel: line.label } : null;
}

interface PackageInput {
  submissionId: string;
  project: ProjectRecord;
  version: VersionSummary;
  organisation: OrganisationRecord | null;
  /** null: an adoption record, kept by the établissement. */
  ars: OrganisationRecord | null;
  purpose: SubmissionPurpose;
  createdBy: UserRecord;
  createdAt: Date;
}

/**
 * Builds the zip the ARS receives for a frozen version: document.pdf and .docx, one PDF per
 * act on the version (with its PV extract, and the PV file when one was attached), the
 * approval timeline, the diff with the amended version for an avenant, a covering bordereau,
 * and manifest.json holding the SHA-256 of every other file. Reads the store, writes nothing.
 * One package per user at a time (429 for the next); its renderings go ahead of every waiting
 * ad-hoc export and are never refused because ad-hoc exports fill the line.
 */
export function assemblePackage(deps: Deps, input: PackageInput, signal?: AbortSignal): Promise<BuiltPackage> {
  return deps.exportSlots.hold(input.createdBy.id, 'package', () => buildPackage(deps, input, signal));
}

async function buildPackage(deps: Deps, input: PackageInput, signal: AbortSignal | undefined): Promise<BuiltPackage> {
  const { project, version, ars } = input;
  const source = checkExportSize(modelSourceFor(deps, project, version.id, input.createdAt), deps.config.exportMaxBytes);
  const model = modelFromState(source.state, source.context);
  const context: AnnexContext = {
    organisation: model.meta.organisation,
    documentTitle: model.meta.title,
    versionLabel: model.meta.versionLabel,
    projectOrganisationId: project.organisationId,
  };
  const acts = listActs(deps, project.id, { versionId: version.id });
  const amended = amendedVersion(deps, version);

  // Every file is named first (the bordereau lists them); the documents are rendered at the end.
  const documents = [
    { name: 'document.pdf', description: `${model.meta.kindLabel} — ${model.meta.versionLabel} (PDF)` },
    { name: 'document.docx', description: `${model.meta.kindLabel} — ${model.meta.versionLabel} (version modifiable, DOCX)` },
  ];
  /** The PV files attached to the séances, as stored. */
  const files: PackageFile[] = [];
  const manifestActs: ManifestAct[] = [];
  const annexHtml: { name: string; description: string; html: string }[] = [];
  acts.forEach((act, index) => {
    const name = actFileName(act, index);
    const pvFile = act.pvDocument ? name.replace(/\.pdf$/, `-pv.pdf`) : null;
    annexHtml.push({
      name,
      description: `${actLabel(act)} — ${instanceLabel(act, project.organisationId)}, séance du ${formatDateFr(act.seance.date)}`,
      html: actHtml(context, act, pvFile),
    });
    if (pvFile && act.pvDocument) {
      const stored = deps.store.seances.document(act.seance.id, act.pvDocument.id);
      if (stored) files.push({ name: pvFile, description: `Procès-verbal joint : ${act.pvDocument.name}`, data: stored.data });
    }
    manifestActs.push({
      id: act.id,
      kind: act.kind,
      label: actLabel(act),
      instance: act.instance.name,
      organisation: act.instance.organisationName,
      date: act.seance.date,
      outcome: act.outcome,
      votes: act.votes,
      reserves: act.reserves,
      file: name,
    });
  });

  const timeline = projectTimeline(deps, project.id, input.createdAt);
  const versions = deps.store.versions
    .list(project.id)
    .filter((v) => v.number <= version.number)
    .map((v) => ({ number: v.number, label: v.label, date: formatDateFr(v.createdAt.slice(0, 10)), hash: v.hash }));
  const statusLabels = { upcoming: 'à venir', met: 'respectée', overdue: 'dépassée' } as const;
  annexHtml.push({
    name: 'timeline.pdf',
    description: 'Calendrier d’approbation : versions, actes des instances et échéances',
    html: timelineHtml(
      context,
      versions,
      model.timeline,
      timeline.deadlines.map((d) => ({ date: formatDateFr(d.date), label: d.label, status: statusLabels[d.status] })),
    ),
  });
  if (amended) {
    const amendedLabel = `version ${amended.summary.number} « ${amended.summary.label} »`;
    annexHtml.push({
      name: 'diff.pdf',
      description: `Modifications apportées par l’avenant par rapport à la ${amendedLabel}`,
      html: diffHtml(context, amendedLabel, diffVersions(deps, project.id, amended.summary.id, version.id)),
    });
  }
  const listing = [...documents, ...files, ...annexHtml].map((f) => ({ name: f.name, description: f.description }));
  const record = ars === null;
  listing.push(
    { name: 'bordereau.pdf', description: record ? 'Bordereau du dossier d’adoption (la présente pièce)' : 'Bordereau de transmission (la présente pièce)' },
    { name: manifestName, description: 'Manifeste : pièces du dossier et leurs empreintes SHA-256' },
  );
  annexHtml.push({
    name: 'bordereau.pdf',
    description: record ? 'Bordereau du dossier d’adoption' : 'Bordereau de transmission à l’ARS',
    html: bordereauHtml(
      context,
      {
        from: model.meta.organisation,
        to: ars?.name ?? null,
        purpose: input.purpose,
        document: `${model.meta.kindLabel} — ${model.meta.title}`,
        versionHash: version.hash,
        amends: amended ? `${versionHeading(amended.summary.number, amended.summary.label)} (SHA-256 ${amended.summary.hash})` : null,
        createdAt: frenchDateTime(input.createdAt),
        createdBy: input.createdBy.name,
        legalBasis: model.meta.legalBasis,
        files: listing,
      },
      acts,
    ),
  });
  // The PDFs in one Chromium slot and page, the DOCX in a worker thread meanwhile.
  const [pdfs, documentDocx] = await Promise.all([
    deps.pdf.renderPackage(
      renderDocumentHtml(model),
      annexHtml.map((a) => a.html),
      { signal, priority: true },
    ),
    deps.docx.render(source, { signal, priority: true }),
  ]);
  files.unshift({ ...documents[0]!, data: pdfs.document }, { ...documents[1]!, data: documentDocx.data });
  annexHtml.forEach((a, i) => files.push({ name: a.name, description: a.description, data: pdfs.annexes[i]! }));

  const frozen = getVersion(deps, project.id, version.id)!;
  const manifest: Manifest = {
    format: manifestFormat,
    submission: { id: input.submissionId, createdAt: input.createdAt.toISOString(), createdBy: input.createdBy.name, purpose: input.purpose },
    organisation: { id: project.organisationId ?? '', name: model.meta.organisation },
    ars: ars && { id: ars.id, name: ars.name },
    document: { projectId: project.id, kind: project.kind, kindLabel: model.meta.kindLabel, title: model.meta.title },
    version: {
      id: version.id,
      number: version.number,
      label: version.label,
      line: version.line,
      lineLabel: amended?.lineLabel ?? null,
      hash: version.hash,
      frozenAt: frozen.createdAt,
      amends: amended ? { id: amended.summary.id, number: amended.summary.number, label: amended.summary.label, hash: amended.summary.hash } : null,
    },
    acts: manifestActs,
    files: files.map((f): ManifestFile => ({ name: f.name, sha256: sha256(f.data), bytes: f.data.byteLength, description: f.description })),
  };
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const zip = await writeZip([...files, { name: manifestName, data: new TextEncoder().encode(manifestJson) }], input.createdAt);
  return { zip, sha256: sha256(zip), manifest, manifestJson };
}
