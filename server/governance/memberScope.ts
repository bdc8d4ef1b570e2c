import type { ProjectScope } from './facts';
import { pathProgress, type StepState } from './progress';

/**
 * The GHT's members as they were over a version's approval path. An établissement that joined
 * after the act completing the path did not have to approve that version, nor one that left
 * before its first act (memberSince/memberUntil). While the path is unfinished, every member of
 * the scope owes its steps.
 */
export function membersDuring(scope: ProjectScope, from: string, to: string): ProjectScope {
  return {
    ...scope,
    members: scope.members.filter((m) => !(m.memberSince && m.memberSince > to) && !(m.memberUntil && m.memberUntil < from)),
  };
}

const finished = (steps: StepState[]): boolean => {
  const owed = steps.filter((s) => s.required && s.stage !== 'after');
  return owed.length > 0 && owed.every((s) => s.status === 'done');
};

/**
 * The path of a version (see `pathProgress`) with the members of its approval period: the first
 * act date on which the acts recorded so far, by the members of the GHT until then, finish the
 * path. No such date: the path with every member of the scope.
 */
export function versionProgressOverPath(input: Parameters<typeof pathProgress>[0]): StepState[] {
  const own = input.versionId === null ? [] : input.facts.filter((f) => f.versionId === input.versionId);
  const dates = [...new Set(own.map((f) => f.date))].sort();
  const first = dates[0];
  if (first !== undefined && input.scope.members.some((m) => m.memberSince || m.memberUntil)) {
    for (const date of dates) {
      const scope = membersDuring(input.scope, first, date);
      const upTo = pathProgress({ ...input, scope, facts: input.facts.filter((f) => f.date <= date) });
      if (finished(upTo)) return pathProgress({ ...input, scope });
    }
  }
  return pathProgress(input);
}
