import core from './migrations/001-core';
import templates from './migrations/003-templates';
import governance from './migrations/004-governance';
import submissions from './migrations/005-submissions';
import docJournal from './migrations/006-doc-journal';
import templateManager from './migrations/007-template-manager';
import actIntegrity from './migrations/008-act-integrity';
import seanceAPosterioriBy from './migrations/009-seance-a-posteriori-by';
import collabTokenSession from './migrations/010-collab-token-session';
import regulatoryPaths from './migrations/011-regulatory-paths';
import administration from './migrations/012-administration';
import oidc from './migrations/013-oidc';
import reviewerRole from './migrations/014-reviewer-role';
import projectImages from './migrations/015-project-images';
import actReserveLinks from './migrations/019-act-reserve-links';
import followup from './migrations/016-followup';

/**
 * Schema migrations by name, applied in this order, each once (recorded in `schema_migrations`).
 * Add a file under migrations/ and one line here; never edit a migration that has shipped.
 */
export const migrations: { name: string; sql: string }[] = [
  { name: '001-core', sql: core },
  { name: '003-templates', sql: templates },
  { name: '004-governance', sql: governance },
  { name: '005-submissions', sql: submissions },
  { name: '006-doc-journal', sql: docJournal },
  { name: '007-template-manager', sql: templateManager },
  { name: '008-act-integrity', sql: actIntegrity },
  { name: '009-seance-a-posteriori-by', sql: seanceAPosterioriBy },
  { name: '010-collab-token-session', sql: collabTokenSession },
  { name: '011-regulatory-paths', sql: regulatoryPaths },
  { name: '012-administration', sql: administration },
  { name: '013-oidc', sql: oidc },
  { name: '014-reviewer-role', sql: reviewerRole },
  { name: '015-project-images', sql: projectImages },
  { name: '019-act-reserve-links', sql: actReserveLinks },
  { name: '016-followup', sql: followup },
];
