import { Router } from 'express';
import { z } from 'zod';
import { Email, Password, PersonName } from '../../../schemas/user';
import { createUser, requireStrongPassword } from '../../commands/accounts';
import type { Deps } from '../../commands/deps';
import { HttpError } from '../errors';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';

const CreateUserBody = z.object({ email: Email, name: PersonName, password: Password });

export function userRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/users', requireUser, async (req, res) => {
    if (!deps.policy.can(currentUser(req), { action: 'user.create' })) {
      throw new HttpError(403, 'forbidden', 'Seul un administrateur peut créer des comptes.');
    }
    const body = parse(CreateUserBody, req.body);
    requireStrongPassword(body.password, body, 'password');
    res.status(201).json({ id: await createUser(deps, body) });
  });
  return router;
}
