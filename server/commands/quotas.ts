import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

const dayMs = 24 * 3600 * 1000;
const mebibytes = (bytes: number): string => `${Math.max(1, Math.round(bytes / (1024 * 1024)))} Mio`;

/**
 * Limits that keep one account from filling the disk (issue 16, finding 3). Counts answer 429
 * `quota_exceeded`, sizes 413 `storage_quota_exceeded`, each with a French sentence naming the
 * limit; the values come from the environment (config.ts).
 */
export function checkProjectCreation(deps: Pick<Deps, 'store' | 'config' | 'policy'>, user: UserRecord): void {
  if (deps.policy.can(user, { action: 'quota.exempt' })) return;
  const limit = deps.config.quotaProjectsPerUser;
  if (deps.store.usage.projectsCreatedBy(user.id) >= limit) {
    throw new DomainError('too_many', 'quota_exceeded', `Vous avez déjà créé ${limit} projets, le maximum par compte. Demandez à un administrateur.`);
  }
}

export function checkFreeze(deps: Pick<Deps, 'store' | 'config'>, projectId: string, organisationId: string | null, newBytes: number): void {
  const perDay = deps.config.quotaFreezesPerDay;
  if (deps.store.usage.versionsFrozenSince(projectId, new Date(Date.now() - dayMs)) >= perDay) {
    throw new DomainError('too_many', 'quota_exceeded', `Ce projet a déjà figé ${perDay} versions en 24 heures, le maximum. Réessayez demain.`);
  }
  checkStorage(deps, { projectId, organisationId, newBytes });
}

/** Refuses what would take a project or an organisation past its stored-bytes quota. */
export function checkStorage(deps: Pick<Deps, 'store' | 'config'>, input: { projectId?: string; organisationId: string | null; newBytes: number }): void {
  const { usage } = deps.store;
  if (input.projectId !== undefined && usage.projectBytes(input.projectId) + input.newBytes > deps.config.quotaProjectBytes) {
    throw new DomainError(
      'too_large',
      'storage_quota_exceeded',
      `Ce projet occuperait plus de ${mebibytes(deps.config.quotaProjectBytes)}, l’espace permis par projet : rien n’a été enregistré.`,
    );
  }
  if (input.organisationId !== null && usage.organisationBytes(input.organisationId) + input.newBytes > deps.config.quotaOrganisationBytes) {
    throw new DomainError(
      'too_large',
      'storage_quota_exceeded',
      `L’organisation occuperait plus de ${mebibytes(deps.config.quotaOrganisationBytes)}, l’espace permis par organisation : rien n’a été enregistré.`,
    );
  }
}
