import type { Piloted } from '../../schemas/api/followup';
import type { ProjectRole } from '../../schemas/project';
import type { Store } from '../store';
import type { UserRecord } from '../store/users';

/** What a user may try to do. The one place that decides access, for HTTP and WebSocket alike. */
export type Permission =
  | { action: 'user.create' }
  /** Create a project, in an organisation (a role in its family needed) or outside any. */
  | { action: 'project.create'; organisationId: string | null }
  /** Open the project, read its text, join its collaboration room. */
  | { action: 'project.read'; projectId: string }
  /** Change the document's content (Yjs updates). */
  | { action: 'project.edit'; projectId: string }
  /**
   * Store an image with the project (pasted, dropped or inserted in the text, or from an import):
   * those who edit the text. A reviewer suggests text only; images are not suggestions.
   */
  | { action: 'image.upload'; projectId: string }
  /** Comment and suggest changes (a reviewer's rights; editors and coordinators have them too). */
  | { action: 'project.review'; projectId: string }
  /** Manage members and project settings. */
  | { action: 'project.manage'; projectId: string }
  /** Lock or unlock a section, and edit a locked one. */
  | { action: 'section.editLocked'; projectId: string }
  /** Set a section "validé", or take it back from "validé": a rédacteur asks ("à valider"), a coordinator decides. */
  | { action: 'section.validate'; projectId: string }
  /** Adapt the organisation's templates (add, rename, reorder chapters): its template managers. */
  | { action: 'template.customise'; organisationId: string }
  /** Freeze a named version of the project (an immutable snapshot put to the instances). */
  | { action: 'version.freeze'; projectId: string }
  /** Let an act through despite a governance rule, with a justification kept in the audit log. */
  | { action: 'governance.override'; projectId: string }
  /** See that the organisation exists, and its templates (family, or the ARS it reports to). */
  | { action: 'organisation.list'; organisationId: string }
  /** See an organisation's instances, séances and calendar (members of the GHT family). */
  | { action: 'organisation.view'; organisationId: string }
  /** Change an organisation's governance rules and instance secretaries. */
  | { action: 'governance.configure'; organisationId: string }
  /** Create an instance in an organisation. */
  | { action: 'instance.create'; organisationId: string }
  /** Plan séances of an instance, set their agenda, send convocations, attach documents. */
  | { action: 'seance.manage'; instanceId: string; organisationId: string }
  /** Record an act at a séance of an instance. */
  | { action: 'act.record'; instanceId: string; organisationId: string }
  /** State an avis's réserves one by one and link each to comments or sections: whoever records the instance's acts. */
  | { action: 'act.linkReserves'; instanceId: string; organisationId: string }
  /** Read the whole audit log (every project, every role change). */
  | { action: 'audit.readAll' }
  /** Build the ARS submission package of a version (project coordinator, or a secretary of its GHT family). */
  | { action: 'submission.create'; projectId: string; organisationId: string | null }
  /** List, download and verify a submission package (the project's members, or the ARS it is addressed to). */
  | { action: 'submission.read'; projectId: string; arsOrganisationId: string | null }
  /** Record the accusé de réception of a package (readers of the ARS it is addressed to). */
  | { action: 'submission.receive'; arsOrganisationId: string | null }
  /** Say which ARS an organisation reports to (administrators). */
  | { action: 'organisation.setArs' }
  /** Create a GHT, an établissement or an ARS (administrators). */
  | { action: 'organisation.create' }
  /**
   * Change an organisation: its name and FINESS numbers for its own administrators (org_admin of
   * it or of its GHT); what places it (GHT, ARS, CHU, support, type, membership, archive) for
   * administrators only, as creating it is.
   */
  | { action: 'organisation.edit'; organisationId: string; structural: boolean }
  /** Invite people into an organisation, grant and revoke its roles, name its secretaries, create its regulatory instances. */
  | { action: 'organisation.administer'; organisationId: string }
  /** Edit a person's name and function, deactivate or reactivate the account, send a new link. */
  | { action: 'user.manage'; userId: string }
  /** Invite people (one by one or from a CSV file), giving them a role in the organisation when one is named. */
  | { action: 'person.invite'; organisationId: string | null }
  /** Annul a transmission, receipt or submission act (recorded by the submission commands only). */
  | { action: 'act.annulReserved' }
  /** No per-account quota (projects, storage) applies. */
  | { action: 'quota.exempt' }
  /** The whole installation: its set-up status, every account (deactivated ones too), every submission. */
  | { action: 'installation.administer' }
  /**
   * Enter the follow-up of an adopted version (yearly values of an indicator, étapes done): the
   * project's coordinators, and the pilots the indicator's fiche-action names (`piloted`: by id,
   * or by e-mail in an older document's free text) when they are members of the project.
   */
  | { action: 'followup.write'; projectId: string; piloted: Piloted }
  /**
   * Read the GHT's whole cohérence PM ↔ PMP view: members of its PMP (the PCMG coordinates it),
   * and readers of an ARS the PMP was submitted to.
   */
  | { action: 'coherence.readAll'; ghtId: string }
  /** Read one member's rows of that view: the members of that établissement's PM. */
  | { action: 'coherence.readEtablissement'; etablissementId: string }
  /** Send a member's PCME its gaps: coordinators of the GHT's PMP (the PCMG). */
  | { action: 'coherence.send'; ghtId: string }
  /** Name a person pilot or référent of a fiche-action (a Yjs write, by an editor): a member of the project. */
  | { action: 'fiche.designate'; projectId: string; personId: string };

/**
 * The fiche-action names this user its pilot: by id (a pilot chosen among the members), or by a
 * free text that is exactly their e-mail (an older document; the e-mail is the account's login,
 * which only its owner's mailbox proves and nobody changes). Never by name: anyone renames
 * themselves (PATCH /api/me), so a pilot written as a name gives no right, and only the project's
 * coordinators enter its follow-up until a member is chosen in the fiche-action's next version.
 */
const pilotedBy = (piloted: Piloted, user: UserRecord): boolean =>
  piloted.pilotIds.includes(user.id) || piloted.pilots.some((text) => text.trim().toLowerCase() === user.email.toLowerCase());

const rank: Record<ProjectRole, number> = { reader: 1, reviewer: 2, editor: 3, coordinator: 4 };
type ProjectAction = 'project.read' | 'project.review' | 'project.edit' | 'image.upload' | 'project.manage' | 'section.editLocked' | 'section.validate';
const needed: Record<ProjectAction, ProjectRole> = {
  'project.read': 'reader',
  'project.review': 'reviewer',
  'project.edit': 'editor',
  'image.upload': 'editor',
  'project.manage': 'coordinator',
  'section.editLocked': 'coordinator',
  'section.validate': 'coordinator',
};

export type Policy = ReturnType<typeof createPolicy>;

export function createPolicy(store: Pick<Store, 'projects' | 'organisations' | 'submissions' | 'users'>) {
  const isOnlyArsReader = (user: UserRecord): boolean => {
    const roles = store.organisations.rolesOf(user.id);
    return roles.length > 0 && roles.every((r) => r.role === 'ars_reader');
  };
  /** Secretary of this instance, or of every instance of its organisation (role without instance). */
  const isSecretary = (user: UserRecord, organisationId: string, instanceId: string | null): boolean =>
    store.organisations
      .rolesOf(user.id)
      .some((r) => r.role === 'secretary' && r.organisationId === organisationId && (r.instanceId === null || r.instanceId === instanceId));
  /** A role in the organisation, its parent GHT or one of its member établissements. */
  const inOrganisationFamily = (user: UserRecord, organisationId: string): boolean => {
    const org = store.organisations.get(organisationId);
    if (!org) return false;
    return store.organisations.rolesOf(user.id).some((r) => {
      if (r.organisationId === organisationId || r.organisationId === org.parentId) return true;
      return store.organisations.get(r.organisationId)?.parentId === organisationId;
    });
  };
  /**
   * A template manager of the organisation or of its parent GHT: a role given by an
   * administrator for this purpose, never derived from a project role (anyone may create a
   * project, so a project role says nothing about the organisation).
   */
  const managesTemplates = (user: UserRecord, organisationId: string): boolean => {
    const org = store.organisations.get(organisationId);
    return store.organisations
      .rolesOf(user.id)
      .some((r) => r.role === 'template_manager' && (r.organisationId === organisationId || r.organisationId === org?.parentId));
  };
  /** A hospital-side role (not ARS reader) in the organisation's family. */
  const worksInFamily = (user: UserRecord, organisationId: string): boolean => {
    const org = store.organisations.get(organisationId);
    if (!org) return false;
    return store.organisations.rolesOf(user.id).some((r) => {
      if (r.role === 'ars_reader') return false;
      if (r.organisationId === organisationId || r.organisationId === org.parentId) return true;
      return store.organisations.get(r.organisationId)?.parentId === organisationId;
    });
  };
  /**
   * The organisation reports to this ARS: recorded for it or its GHT, or, when nothing is
   * recorded on the way up, the ARS is the only one known (as `addressedArs` decides).
   */
  const reportsTo = (organisationId: string, arsOrganisationId: string): boolean => {
    let org = store.organisations.get(organisationId);
    for (let depth = 0; org && depth < 4; depth++) {
      const recorded = store.submissions.arsOf(org.id);
      if (recorded) return recorded === arsOrganisationId;
      org = org.parentId ? store.organisations.get(org.parentId) : undefined;
    }
    const all = store.organisations.list().filter((o) => o.kind === 'ARS');
    return all.length === 1 && all[0]!.id === arsOrganisationId;
  };
  /** An adoption record is addressed to no ARS: no ARS reader reads or receives it. */
  const isArsReader = (user: UserRecord, arsOrganisationId: string | null): boolean =>
    arsOrganisationId !== null && store.organisations.rolesOf(user.id).some((r) => r.role === 'ars_reader' && r.organisationId === arsOrganisationId);
  /** Secretary (of any instance) of the organisation, its parent GHT or one of its members. */
  const isSecretaryInFamily = (user: UserRecord, organisationId: string): boolean => {
    const org = store.organisations.get(organisationId);
    return store.organisations.rolesOf(user.id).some((r) => {
      if (r.role !== 'secretary') return false;
      if (r.organisationId === organisationId || r.organisationId === org?.parentId) return true;
      return store.organisations.get(r.organisationId)?.parentId === organisationId;
    });
  };
  /** org_admin of the organisation or of its GHT: administration goes down a GHT, never up nor across. */
  const administers = (user: UserRecord, organisationId: string): boolean => {
    const org = store.organisations.get(organisationId);
    if (!org) return false;
    return store.organisations
      .rolesOf(user.id)
      .some((r) => r.role === 'org_admin' && (r.organisationId === organisationId || r.organisationId === org.parentId));
  };
  /**
   * Another person's account is an organisation administrator's to manage only when every role
   * it holds and every project it works on lie where that administrator administers (a GHT-wide
   * person, an account with no role or an administrator stays the administrators'); never one's own.
   */
  const managesUser = (user: UserRecord, userId: string): boolean => {
    if (userId === user.id) return false;
    const roles = store.organisations.rolesOf(userId);
    if (roles.length === 0 || !roles.every((r) => administers(user, r.organisationId))) return false;
    // Nor someone who also works on another organisation's projects (or on one attached to none).
    return store.projects.listForMember(userId).every((p) => p.organisationId !== null && administers(user, p.organisationId));
  };
  /** The user's role in a project of one of these kinds of the organisation, the highest first. */
  const rolesInProjects = (user: UserRecord, organisationId: string, kinds: readonly string[]): ProjectRole[] =>
    store.projects
      .listForMember(user.id)
      .filter((p) => p.organisationId === organisationId && kinds.includes(p.kind))
      .map((p) => p.role)
      .sort((a, b) => rank[b] - rank[a]);
  const pmpKinds = ['PMP', 'PMSP'] as const;
  /** A reader of an ARS one of the GHT's PMPs was submitted to (for information or approval). */
  const receivedPmp = (user: UserRecord, ghtId: string): boolean =>
    store.projects
      .list()
      .filter((p) => p.organisationId === ghtId && (pmpKinds as readonly string[]).includes(p.kind))
      .some((p) => store.submissions.ofProject(p.id).some((s) => isArsReader(user, s.arsOrganisationId)));
  return {
    can(user: UserRecord, permission: Permission): boolean {
      // Whoever writes, only a member of the project is named pilot or référent of one of its fiches.
      if (permission.action === 'fiche.designate' && store.projects.roleOf(permission.projectId, permission.personId) === undefined) return false;
      if (user.isAdmin) return true;
      switch (permission.action) {
        case 'user.create':
          return false;
        case 'template.customise':
          return managesTemplates(user, permission.organisationId);
        case 'project.create':
          // The ARS reads what it receives; it never writes hospital documents. In an
          // organisation, only its family writes (else a stranger gets a foothold there).
          if (permission.organisationId !== null) return worksInFamily(user, permission.organisationId);
          return !isOnlyArsReader(user);
        case 'organisation.list': {
          if (inOrganisationFamily(user, permission.organisationId)) return true;
          const arsIds = store.organisations
            .rolesOf(user.id)
            .filter((r) => r.role === 'ars_reader')
            .map((r) => r.organisationId);
          return arsIds.some((ars) => reportsTo(permission.organisationId, ars));
        }
        case 'version.freeze':
        case 'governance.override':
          return store.projects.roleOf(permission.projectId, user.id) === 'coordinator';
        case 'organisation.view':
          return inOrganisationFamily(user, permission.organisationId);
        case 'governance.configure':
        case 'audit.readAll':
          return false;
        case 'instance.create':
          return isSecretary(user, permission.organisationId, null) || administers(user, permission.organisationId);
        case 'organisation.create':
          return false;
        case 'organisation.edit':
          return !permission.structural && administers(user, permission.organisationId);
        case 'organisation.administer':
          return administers(user, permission.organisationId);
        case 'user.manage': {
          const target = store.users.get(permission.userId);
          return target !== undefined && !target.isAdmin && managesUser(user, permission.userId);
        }
        case 'seance.manage':
        case 'act.record':
        case 'act.linkReserves':
          return isSecretary(user, permission.organisationId, permission.instanceId);
        case 'submission.create': {
          if (store.projects.roleOf(permission.projectId, user.id) === 'coordinator') return true;
          const reads = store.projects.roleOf(permission.projectId, user.id) !== undefined;
          return reads && permission.organisationId !== null && isSecretaryInFamily(user, permission.organisationId);
        }
        case 'submission.read':
          return store.projects.roleOf(permission.projectId, user.id) !== undefined || isArsReader(user, permission.arsOrganisationId);
        case 'submission.receive':
          return isArsReader(user, permission.arsOrganisationId);
        case 'organisation.setArs':
        case 'act.annulReserved':
        case 'quota.exempt':
        case 'installation.administer':
          return false;
        case 'person.invite':
          return permission.organisationId !== null && administers(user, permission.organisationId);
        case 'followup.write': {
          const role = store.projects.roleOf(permission.projectId, user.id);
          if (role === 'coordinator') return true;
          return role !== undefined && pilotedBy(permission.piloted, user);
        }
        case 'coherence.readAll':
          return rolesInProjects(user, permission.ghtId, pmpKinds).length > 0 || receivedPmp(user, permission.ghtId);
        case 'coherence.readEtablissement':
          return rolesInProjects(user, permission.etablissementId, ['PM']).length > 0;
        case 'coherence.send':
          return rolesInProjects(user, permission.ghtId, pmpKinds)[0] === 'coordinator';
        case 'fiche.designate':
          return rank[store.projects.roleOf(permission.projectId, user.id) ?? 'reader'] >= rank.editor;
        case 'project.read':
        case 'project.review':
        case 'project.edit':
        case 'image.upload':
        case 'project.manage':
        case 'section.editLocked':
        case 'section.validate': {
          const role = store.projects.roleOf(permission.projectId, user.id);
          return role !== undefined && rank[role] >= rank[needed[permission.action]];
        }
      }
    },
    projectRole(user: UserRecord, projectId: string): ProjectRole | undefined {
      return user.isAdmin ? 'coordinator' : store.projects.roleOf(projectId, user.id);
    },
  };
}
