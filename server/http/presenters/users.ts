import type { UserView } from '../../../schemas/api/projects';
import type { ListedPerson } from '../../../schemas/api/users';
import type { UserRecord } from '../../store/users';

/** What the API shows of a user: never the password hash. */
export const presentUser = (user: UserRecord): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  isAdmin: user.isAdmin,
  function: user.function,
});

/** An account found by GET /api/users; `state` (active, pending) only for an administrator. */
export const presentListedPerson = (user: UserRecord, state: { active: boolean; pending: boolean } | null): ListedPerson => ({
  id: user.id,
  name: user.name,
  function: user.function,
  email: user.email,
  ...(state ?? {}),
});
