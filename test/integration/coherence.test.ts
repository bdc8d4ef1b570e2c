import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pmpItemField } from '../../schemas/pmpLinks';
import { fichesActionsMap, objectifsMap } from '../../schemas/structured';
import { addFicheAction, addObjectif } from '../../schemas/structuredEdits';
import { approvePm } from '../helpers/adoption';
import { coherenceGht, type CoherenceGht } from '../helpers/coherenceGht';
import { download, freeze, pdfPages, writeSection } from '../helpers/exportFixtures';
import { startSmtpListener, type SmtpListener } from '../helpers/smtpListener';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { parisDate } from '../../server/governance/parisTime';

/**
 * Issue 24, item 4 (done when): a GHT whose adopted PMP has three filières and two member PMs,
 * one of which covers only two: the view names the missing filière and the missing modalities.
 * Real server, real SQLite, the adoption paths recorded through the API; who may read the view
 * and send the gaps, tried by hand-sent requests.
 */
let server: TestServer;
let smtp: SmtpListener;
let g: CoherenceGht;
let stranger: { id: string; cookie: string };
let otherArsReader: { id: string; cookie: string };

beforeAll(async () => {
  smtp = await startSmtpListener();
  server = await startTestServer({ smtpUrl: smtp.url, mailFrom: 'Atelier PMP <pmp@ght-test.fr>', reminderIntervalMs: 0, publicUrl: 'https://pmp.ght-test.fr' });
  g = await coherenceGht(server);
  stranger = await server.user('Inconnu');
  otherArsReader = await server.user('Lecteur autre ARS');
  const otherArs = server.deps.store.organisations.create({ name: 'ARS voisine', kind: 'ARS' });
  server.deps.store.organisations.grantRole(otherArs, otherArsReader.id, 'ars_reader');
}, 120_000);
afterAll(async () => {
  await server.close();
  await smtp.close();
});

const view = (cookie: string) => server.api('GET', `/api/organisations/${g.ght}/coherence`, { cookie });

describe('GET /api/organisations/:ghtId/coherence', () => {
  it('names the filière Vallée-Basse’s PM does not cover and the modalities it does not mention', async () => {
    const res = await view(g.pcmg.cookie);
    expect(res.status).toBe(200);
    const today = parisDate(new Date());
    expect(res.body).toMatchObject({
      ghtId: g.ght,
      pmpProjectId: g.pmpId,
      pmpVersionId: g.pmpVersionId,
      pmpLine: 1,
      pmpAdoptedOn: today,
      scope: 'all',
      canSend: true,
    });
    const cells = Object.fromEntries(
      res.body.filieres.flatMap((f: { name: string; etablissements: { name: string; covered: boolean; missingModalities: string[]; pmProjectId: string }[] }) =>
        f.etablissements.map((e) => [`${f.name} / ${e.name}`, { covered: e.covered, missing: e.missingModalities, pm: e.pmProjectId }]),
      ),
    );
    expect(res.body.filieres.map((f: { id: string; name: string }) => [f.id, f.name])).toEqual([
      [g.filieres.cardio, 'Cardiologie'],
      [g.filieres.geria, 'Gériatrie'],
      [g.filieres.psy, 'Santé mentale'],
    ]);
    expect(cells).toEqual({
      'Cardiologie / CH de Vallée-Haute': { covered: true, missing: [], pm: g.pmHaute },
      'Cardiologie / Hôpital de Vallée-Basse': { covered: true, missing: [], pm: g.pmBasse },
      'Gériatrie / CH de Vallée-Haute': { covered: true, missing: [], pm: g.pmHaute },
      'Gériatrie / Hôpital de Vallée-Basse': { covered: true, missing: ['hospitalisation-domicile'], pm: g.pmBasse },
      'Santé mentale / CH de Vallée-Haute': { covered: true, missing: [], pm: g.pmHaute },
      'Santé mentale / Hôpital de Vallée-Basse': { covered: false, missing: ['permanence-continuite', 'medico-social'], pm: g.pmBasse },
    });
    const basse = res.body.etablissements.find((e: { id: string }) => e.id === g.basse);
    expect(basse).toMatchObject({
      pmProjectId: g.pmBasse,
      pmStatus: 'adopte',
      pmAdoptedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      pmAdoptedAfterPmp: false,
      uncoveredFilieres: [g.filieres.psy],
      missingModalityCount: 3,
      unknownLinks: [],
    });
    expect(res.body.rules.covered).toContain('cite cette filière du PMP');
  });

  it('shows a PCME only their own établissement, the ARS the GHT reports to all of it, and strangers nothing (403)', async () => {
    const own = await view(g.pcmeHaute.cookie);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ scope: 'own', canSend: false });
    expect(own.body.etablissements.map((e: { id: string }) => e.id)).toEqual([g.haute]);
    expect(own.body.filieres.every((f: { etablissements: { id: string }[] }) => f.etablissements.length === 1 && f.etablissements[0]!.id === g.haute)).toBe(
      true,
    );

    const ars = await view(g.arsReader.cookie);
    expect(ars.status).toBe(200);
    expect(ars.body).toMatchObject({ scope: 'all', canSend: false });
    expect(ars.body.etablissements).toHaveLength(2);

    for (const [who, cookie] of [
      ['stranger', stranger.cookie],
      ['another ARS', otherArsReader.cookie],
    ] as const) {
      const res = await view(cookie);
      expect(res.status, who).toBe(403);
      expect(res.body.error.message).toMatch(/réservée/);
    }
    expect((await server.api('GET', `/api/organisations/${g.ght}/coherence`)).status).toBe(401);
    expect((await view(g.pcmg.cookie.replace(/=.*/, '=x'))).status).toBe(401);
    expect((await server.api('GET', `/api/organisations/${g.haute}/coherence`, { cookie: g.pcmg.cookie })).status).toBe(404);
    expect((await server.api('GET', '/api/organisations/inconnu/coherence', { cookie: g.pcmg.cookie })).status).toBe(404);
  });

  it('exports the view as CSV for Excel (BOM, « ; », French dates), to the same readers', async () => {
    const res = await fetch(`${server.url}/api/organisations/${g.ght}/coherence.csv`, { headers: { cookie: g.pcmg.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Filière;Établissement;Projet médical;Statut du projet médical;Adoption du projet médical;Adoption du PMP;Concerné par la matrice;Filière couverte;Modalités attribuées;Modalités non mentionnées',
    );
    expect(lines).toContain(
      `Santé mentale;Hôpital de Vallée-Basse;Projet médical de Vallée-Basse;adopté;${lines.find((l) => l.startsWith('Santé mentale;Hôpital'))!.split(';')[4]};${parisDate(new Date()).split('-').reverse().join('/')};oui;non;a) Permanence des soins, h) Médico-social;a) Permanence des soins, h) Médico-social`,
    );
    expect(lines).toHaveLength(7);
    expect((await fetch(`${server.url}/api/organisations/${g.ght}/coherence.csv`, { headers: { cookie: stranger.cookie } })).status).toBe(403);
  });
  it('exports the view as PDF through the export line (text found by pdftotext), to the same readers', async () => {
    const res = await download(server, `/api/organisations/${g.ght}/coherence.pdf`, g.pcmg.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfPages(res.data)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Cohérence des projets médicaux avec le PMP');
    expect(text).toMatch(/Santé mentale Couverte Non couverte Modalités non mentionnées : a\) Permanence des soins, h\) Médico-social/);
    expect(text).toContain('g) HAD');
    expect((await download(server, `/api/organisations/${g.ght}/coherence.pdf`, stranger.cookie)).status).toBe(403);
  }, 60_000);
});

describe('POST /api/organisations/:ghtId/coherence/send (« envoyer au PCME »)', () => {
  it('notifies the PM’s coordinators in the application and by e-mail, with a link to the gaps; audited', async () => {
    const before = smtp.mails.length;
    const res = await server.api('POST', `/api/organisations/${g.ght}/coherence/send`, { cookie: g.pcmg.cookie, body: { etablissementId: g.basse } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ notified: 1, byEmail: true });
    const inbox = await server.api('GET', '/api/notifications', { cookie: g.pcmeBasse.cookie });
    const sent = inbox.body.find((n: { kind: string }) => n.kind === 'coherence_gaps');
    expect(sent.title).toBe('Cohérence avec le PMP : 2 écart(s) pour Hôpital de Vallée-Basse');
    expect(sent.body).toContain('Filière « Santé mentale » non couverte');
    expect(sent.body).toContain('Filière « Gériatrie » : modalités non mentionnées : g) hospitalisation à domicile (had)');
    expect(sent.body).toContain(`https://pmp.ght-test.fr/#/ght/${g.ght}/coherence/${g.basse}`);
    expect(sent.projectId).toBe(g.pmBasse);
    const start = Date.now();
    while (smtp.mails.length === before && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 20));
    const mail = smtp.mails.find((m) => m.subject.includes('Cohérence avec le PMP'))!;
    expect(mail.to).toEqual([g.pcmeBasse.email]);
    expect(mail.text).toContain('non couverte');
    // Nobody else heard of it.
    expect(
      (await server.api('GET', '/api/notifications', { cookie: g.pcmeHaute.cookie })).body.some((n: { kind: string }) => n.kind === 'coherence_gaps'),
    ).toBe(false);
    const audit = server.deps.store.audit.ofProject(g.pmBasse).find((e) => e.action === 'coherence.sent');
    expect(audit?.details).toMatchObject({ ghtId: g.ght, recipients: [g.pcmeBasse.id] });
  });

  it('is refused to a PCME, the ARS and strangers (403), and names the field at fault (400)', async () => {
    for (const cookie of [g.pcmeBasse.cookie, g.arsReader.cookie, stranger.cookie]) {
      const res = await server.api('POST', `/api/organisations/${g.ght}/coherence/send`, { cookie, body: { etablissementId: g.basse } });
      expect(res.status).toBe(403);
    }
    const unknown = await server.api('POST', `/api/organisations/${g.ght}/coherence/send`, { cookie: g.pcmg.cookie, body: { etablissementId: 'ailleurs' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([{ path: 'etablissementId', message: 'Établissement inconnu parmi les membres de ce GHT.' }]);
    const missing = await server.api('POST', `/api/organisations/${g.ght}/coherence/send`, { cookie: g.pcmg.cookie, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('etablissementId');
  });
});

describe('a PM revised after the view was read (runs last: it changes Vallée-Basse’s adopted PM)', () => {
  /** Freezes Vallée-Basse's PM as it stands and approves that version today: the view reads it from then on. */
  async function approveBasseToday(label: string): Promise<string> {
    const versionId = (await freeze(server, g.pmBasse, label)).id;
    const today = parisDate(new Date());
    await approvePm(server, { etablissement: g.basse, projectId: g.pmBasse, versionId, avisOn: today, approvedOn: today });
    return versionId;
  }

  it('reads each PM’s adopted version, not its live text, and flags a link to an id the PMP does not hold', async () => {
    server.deps.registry.get(g.pmBasse).change((doc) => {
      objectifsMap(doc)
        .get(addObjectif(doc, 'objectifs-medicaux', 'axe', 'Santé mentale : permanence des soins et médico-social'))!
        .set(pmpItemField, g.filieres.psy);
      objectifsMap(doc)
        .get(addObjectif(doc, 'objectifs-medicaux', 'axe', 'Lien fabriqué'))!
        .set(pmpItemField, 'inexistant42');
    });
    const adopted = (await view(g.pcmg.cookie)).body;
    expect(adopted.etablissements.find((e: { id: string }) => e.id === g.basse).uncoveredFilieres).toEqual([g.filieres.psy]);
    // Freeze and approve the new text: it becomes the PM read.
    const v2 = await approveBasseToday('Projet médical révisé');
    const revised = (await view(g.pcmg.cookie)).body;
    const basse = revised.etablissements.find((e: { id: string }) => e.id === g.basse);
    expect(basse).toMatchObject({ pmVersionId: v2, uncoveredFilieres: [], missingModalityCount: 1, pmAdoptedAfterPmp: true });
    expect(basse.unknownLinks).toEqual([{ root: 'objectifs', id: expect.any(String), label: 'Lien fabriqué', pmpItemId: 'inexistant42' }]);
  });

  it('counts a fiche-action carrying the modality, and one citing a PMP fiche-action of the filière, as mentions', async () => {
    const pmpFiche = (await server.api('GET', `/api/projects/${g.pmBasse}/pmp-items`, { cookie: g.pcmeBasse.cookie })).body.items.find(
      (i: { kind: string; filiereId: string }) => i.kind === 'fiche' && i.filiereId === g.filieres.cardio,
    );
    server.deps.registry.get(g.pmBasse).change((doc) => {
      // The PM template has no fiches-actions block; an organisation's template may add one (here, in the objectifs' chapter).
      const had = addFicheAction(doc, 'objectifs-medicaux', { title: 'Sorties précoces du court séjour gériatrique', modality: 'hospitalisation-domicile' });
      fichesActionsMap(doc).get(had)!.set(pmpItemField, g.filieres.geria);
      const viaFiche = addFicheAction(doc, 'objectifs-medicaux', { title: 'Reprendre la fiche du PMP' });
      fichesActionsMap(doc).get(viaFiche)!.set(pmpItemField, pmpFiche.id);
    });
    const v3 = await approveBasseToday('Projet médical avec fiches');
    const body = (await view(g.pcmg.cookie)).body;
    const geria = body.filieres.find((f: { id: string }) => f.id === g.filieres.geria).etablissements.find((c: { id: string }) => c.id === g.basse);
    expect(geria).toMatchObject({ covered: true, missingModalities: [] });
    expect(geria.links.map((l: { root: string; label: string }) => [l.root, l.label])).toContainEqual([
      'fichesActions',
      'Sorties précoces du court séjour gériatrique',
    ]);
    const cardio = body.filieres.find((f: { id: string }) => f.id === g.filieres.cardio).etablissements.find((c: { id: string }) => c.id === g.basse);
    expect(cardio.links.map((l: { label: string }) => l.label)).toContain('Reprendre la fiche du PMP');
    expect(body.etablissements.find((e: { id: string }) => e.id === g.basse)).toMatchObject({ pmVersionId: v3, missingModalityCount: 0 });
  });
});

describe('members whose PM is not adopted, or absent', () => {
  it('reads a PM not yet adopted in its live text (« non adopté »), and says when a member has none', async () => {
    const other = await coherenceGht(server, { haute: 'none', basse: 'draft' });
    const res = await server.api('GET', `/api/organisations/${other.ght}/coherence`, { cookie: other.pcmg.cookie });
    expect(res.status).toBe(200);
    const [haute, basse] = [other.haute, other.basse].map((id) => res.body.etablissements.find((e: { id: string }) => e.id === id));
    expect(basse).toMatchObject({
      pmProjectId: other.pmBasse,
      pmStatus: 'non_adopte',
      pmAdoptedOn: null,
      pmAdoptedAfterPmp: null,
      pmVersionId: null,
      uncoveredFilieres: [other.filieres.psy],
    });
    expect(haute).toMatchObject({
      pmProjectId: null,
      pmStatus: 'absent',
      pmTitle: null,
      uncoveredFilieres: [other.filieres.cardio, other.filieres.geria, other.filieres.psy],
    });
    const geria = res.body.filieres.find((f: { id: string }) => f.id === other.filieres.geria).etablissements.find((c: { id: string }) => c.id === other.basse);
    expect(geria).toMatchObject({ covered: true, missingModalities: ['hospitalisation-domicile'], pmStatus: 'non_adopte' });
    const send = await server.api('POST', `/api/organisations/${other.ght}/coherence/send`, {
      cookie: other.pcmg.cookie,
      body: { etablissementId: other.haute },
    });
    expect(send.status).toBe(409);
    expect(send.body.error.code).toBe('pm_not_found');
  }, 60_000);

  it('covers a filière by a chapter a coordinator linked, its text mentioning the modalities; the link is the coordinator’s (PATCH)', async () => {
    const other = await coherenceGht(server, { basse: 'draft' });
    const section = `/api/projects/${other.pmBasse}/sections/cooperations-ville-medico-social`;
    await server.api('PUT', `/api/projects/${other.pmBasse}/members/${other.pcmeHaute.id}`, { cookie: other.pcmeBasse.cookie, body: { role: 'editor' } });
    const byEditor = await server.api('PATCH', section, { cookie: other.pcmeHaute.cookie, body: { pmpItemId: other.filieres.psy } });
    expect(byEditor.status).toBe(403);
    const malformed = await server.api('PATCH', section, { cookie: other.pcmeBasse.cookie, body: { pmpItemId: 'pas un id !' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields[0].path).toBe('pmpItemId');
    expect((await server.api('PATCH', section, { cookie: other.pcmeBasse.cookie, body: { pmpItemId: other.filieres.psy } })).status).toBe(204);
    writeSection(server, other.pmBasse, 'cooperations-ville-medico-social', [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'Santé mentale : permanence des soins partagée et prise en charge médico-sociale avec les EHPAD.' }],
      },
    ]);
    const res = await server.api('GET', `/api/organisations/${other.ght}/coherence`, { cookie: other.pcmg.cookie });
    const psy = res.body.filieres.find((f: { id: string }) => f.id === other.filieres.psy).etablissements.find((c: { id: string }) => c.id === other.basse);
    expect(psy).toMatchObject({
      covered: true,
      missingModalities: [],
      links: [{ root: 'sections', id: 'cooperations-ville-medico-social', label: expect.any(String), pmpItemId: other.filieres.psy }],
    });
    const outline = (await server.api('GET', `/api/projects/${other.pmBasse}`, { cookie: other.pcmeBasse.cookie })).body.sections;
    expect(outline.find((s: { id: string }) => s.id === 'cooperations-ville-medico-social').pmpItemId).toBe(other.filieres.psy);
    expect(server.deps.store.audit.ofProject(other.pmBasse).find((e) => e.action === 'section.pmpLink')?.details).toMatchObject({
      before: '',
      after: other.filieres.psy,
    });
  }, 60_000);
});

describe('before the PMP is adopted', () => {
  it('answers 409 pmp_not_adopted', async () => {
    const orgs = server.deps.store.organisations;
    const ght = orgs.create({ name: 'GHT sans PMP adopté', kind: 'GHT' });
    const res = await server.api('GET', `/api/organisations/${ght}/coherence`, { cookie: server.adminCookie });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('pmp_not_adopted');
  });
});
