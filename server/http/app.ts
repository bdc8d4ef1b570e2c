import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { limits } from '../../schemas/limits';
import { projectRoot } from '../projectRoot';
import type { Deps } from '../deps';
import { errorHandler, notFound } from './errors';
import { csrfGuard } from './middleware/csrf';
import { diskGuard } from './middleware/diskGuard';
import { loadSession } from './middleware/session';
import { createOidcClient } from '../auth/oidcClient';
import { accountLinkRoutes } from './routes/accountLinks';
import { authRoutes } from './routes/auth';
import { oidcRoutes } from './routes/oidc';
import { exportRoutes } from './routes/exports';
import { submissionRoutes } from './routes/submissions';
import { governanceRoutes } from './routes/governance';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { importRoutes } from './routes/imports';
import { imageRoutes } from './routes/images';
import { projectRoutes } from './routes/projects';
import { reviewRoutes } from './routes/review';
import { chapterChoiceRoutes } from './routes/chapterChoices';
import { recordBinRoutes } from './routes/recordBin';
import { pmpLinkRoutes } from './routes/pmpLinks';
import { followupRoutes } from './routes/followup';
import { searchRoutes } from './routes/search';
import { coherenceRoutes } from './routes/coherence';
import { projectDocumentRoutes } from './routes/projectDocument';
import { templateRoutes } from './routes/templates';
import { userRoutes } from './routes/users';
import type { Metrics } from '../metrics/metrics';
import { richTextGate } from './richTextGate';

export const editorDist = path.join(projectRoot, 'editor', 'dist');

/** The Express app: security headers → body → session → CSRF → routes → errors. */
export function createHttpApp(deps: Deps, options: { metrics?: Metrics } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          // Tiptap positions remote carets with inline styles.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );

  const api = express.Router();
  // API answers carry personal and unpublished data: no browser or proxy cache keeps them.
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: limits.jsonBodyBytes }));
  api.use(loadSession(deps.store));
  api.use(csrfGuard);
  api.use(healthRoutes(deps));
  api.use(diskGuard(deps.store.disk));
  const sso = deps.config.oidc && createOidcClient(deps.config.oidc, deps.logger);
  api.use(authRoutes(deps, sso));
  api.use(oidcRoutes(deps, sso));
  api.use(accountLinkRoutes(deps));
  api.use(userRoutes(deps));
  api.use(projectRoutes(deps));
  api.use(projectDocumentRoutes(deps));
  api.use(reviewRoutes(deps));
  api.use(imageRoutes(deps));
  api.use(recordBinRoutes(deps));
  api.use(searchRoutes(deps));
  api.use(templateRoutes(deps));
  // The routes below may need Tiptap: it is loaded on the first request that gets this far.
  api.use(richTextGate);
  api.use(importRoutes(deps));
  api.use(chapterChoiceRoutes(deps));
  api.use(pmpLinkRoutes(deps));
  api.use(followupRoutes(deps));
  api.use(coherenceRoutes(deps));
  api.use(governanceRoutes(deps));
  api.use(exportRoutes(deps));
  api.use(submissionRoutes(deps));
  api.use(notFound);
  app.use('/api', api);
  if (options.metrics) app.use(metricsRoutes({ store: deps.store, policy: deps.policy, metricsToken: deps.config.metricsToken, metrics: options.metrics }));

  if (fs.existsSync(editorDist)) {
    app.use(express.static(editorDist, { index: 'index.html', maxAge: '1h' }));
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain; charset=utf-8').send('Éditeur non construit : lancez « npm start » ou « npm run build ».');
    });
  }
  app.use(errorHandler(deps.logger));
  return app;
}
