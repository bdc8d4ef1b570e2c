import type { SetupStatus, SetupStep } from '../../schemas/api/users';
import { regulatoryInstances } from '../governance/regulatoryInstances';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { isPending } from './people';

/**
 * Where the first set-up of an installation stands (issue 18, item 5), computed from what
 * exists, so it can be left and resumed at any time: a GHT with établissements (or a single
 * établissement), the ARS each reports to, their regulatory instances, a secretary for each
 * instance, people invited and their invitations accepted. Administrators only.
 */
export function setupStatus(deps: Pick<Deps, 'store' | 'config' | 'policy'>, user: UserRecord): SetupStatus {
  if (!deps.policy.can(user, { action: 'installation.administer' })) throw new DomainError('forbidden', 'forbidden', 'Réservé aux administrateurs.');
  const { organisations, instances, submissions, users } = deps.store;
  const live = organisations.list().filter((o) => o.archivedAt === null);
  const hospitals = live.filter((o) => o.kind !== 'ARS');
  const steps: SetupStep[] = [];

  const etablissements = live.filter((o) => o.kind === 'etablissement');
  const emptyGhts = live.filter((o) => o.kind === 'GHT' && !etablissements.some((e) => e.parentId === o.id));
  steps.push({
    id: 'organisations',
    done: etablissements.length > 0 && emptyGhts.length === 0,
    todo: [
      ...(etablissements.length === 0 ? ['Créez le GHT et ses établissements, ou un établissement seul.'] : []),
      ...emptyGhts.map((g) => `${g.name} n’a encore aucun établissement membre.`),
    ],
  });

  // An établissement of a GHT reports through its GHT.
  const reporting = hospitals.filter((o) => o.kind === 'GHT' || o.parentId === null);
  const withoutArs = reporting.filter((o) => !submissions.arsOf(o.id));
  steps.push({
    id: 'ars',
    done: live.some((o) => o.kind === 'ARS') && withoutArs.length === 0,
    todo: [...(live.some((o) => o.kind === 'ARS') ? [] : ['Créez l’ARS de la région.']), ...withoutArs.map((o) => `Indiquez l’ARS dont relève ${o.name}.`)],
  });

  const missingInstances = hospitals.flatMap((o) => {
    const kinds = new Set(instances.ofOrganisation(o.id).map((i) => i.kind));
    const missing = regulatoryInstances(o).filter((r) => r.ticked && !kinds.has(r.kind));
    return missing.length ? [`${o.name} : ${missing.map((m) => m.kind).join(', ')} à créer.`] : [];
  });
  steps.push({ id: 'instances', done: hospitals.length > 0 && missingInstances.length === 0, todo: missingInstances });

  const all = hospitals.flatMap((o) => instances.ofOrganisation(o.id));
  const unstaffed = all.filter((i) => instances.secretaryIds(i).length === 0);
  steps.push({ id: 'secretaries', done: all.length > 0 && unstaffed.length === 0, todo: unstaffed.map((i) => `${i.name} n’a pas de secrétaire.`) });

  const people = users.all().filter((u) => !u.isAdmin && u.deactivatedAt === null);
  const pending = people.filter((u) => isPending(deps, u));
  steps.push({
    id: 'people',
    done: people.length > 0 && pending.length === 0,
    todo: [
      ...(people.length === 0 ? ['Invitez le PCME, le directeur et les secrétaires.'] : []),
      ...pending.map((u) => `${u.name} n’a pas encore accepté son invitation.`),
    ],
  });
  return { done: steps.every((s) => s.done), steps };
}
