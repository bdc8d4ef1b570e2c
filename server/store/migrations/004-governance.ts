/**
 * Governance: frozen versions, séances and their agendas, acts, rule overrides, the audit log,
 * reminders (notifications) and calendar feeds. Records that prove what happened (versions,
 * acts, overrides, audit entries) cannot be changed through SQL either: triggers refuse it.
 */
export default `
  CREATE TABLE versions (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    number INTEGER NOT NULL,
    line INTEGER NOT NULL,
    label TEXT NOT NULL,
    hash TEXT NOT NULL,
    state BLOB NOT NULL,
    content TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (project_id, number)
  );
  CREATE TRIGGER versions_immutable BEFORE UPDATE ON versions
    BEGIN SELECT RAISE(ABORT, 'a frozen version cannot be changed'); END;
  CREATE TRIGGER versions_kept BEFORE DELETE ON versions
    BEGIN SELECT RAISE(ABORT, 'a frozen version cannot be deleted'); END;

  -- Line 1 is the original text; each avenant opens the next line from an approved version.
  CREATE TABLE version_lines (
    project_id TEXT NOT NULL REFERENCES projects(id),
    line INTEGER NOT NULL,
    based_on_version_id TEXT NOT NULL REFERENCES versions(id),
    label TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (project_id, line)
  );

  CREATE TABLE seances (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id),
    date TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    convocation_sent_on TEXT,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX seances_by_instance ON seances (instance_id, date);
  CREATE INDEX seances_by_date ON seances (date);

  CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    seance_id TEXT NOT NULL REFERENCES seances(id),
    position INTEGER NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    version_id TEXT REFERENCES versions(id),
    act TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX agenda_items_by_seance ON agenda_items (seance_id, position);
  CREATE INDEX agenda_items_by_project ON agenda_items (project_id);

  CREATE TABLE seance_documents (
    id TEXT PRIMARY KEY,
    seance_id TEXT NOT NULL REFERENCES seances(id),
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
  );
  CREATE INDEX seance_documents_by_seance ON seance_documents (seance_id);

  CREATE TABLE rule_overrides (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    version_id TEXT NOT NULL REFERENCES versions(id),
    seance_id TEXT REFERENCES seances(id),
    act_kind TEXT NOT NULL,
    rules TEXT NOT NULL,
    justification TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
  );
  CREATE INDEX rule_overrides_by_version ON rule_overrides (project_id, version_id);
  CREATE TRIGGER rule_overrides_immutable BEFORE UPDATE ON rule_overrides
    BEGIN SELECT RAISE(ABORT, 'an override cannot be changed'); END;
  CREATE TRIGGER rule_overrides_kept BEFORE DELETE ON rule_overrides
    BEGIN SELECT RAISE(ABORT, 'an override cannot be deleted'); END;

  CREATE TABLE acts (
    id TEXT PRIMARY KEY,
    seance_id TEXT NOT NULL REFERENCES seances(id),
    project_id TEXT NOT NULL REFERENCES projects(id),
    version_id TEXT NOT NULL REFERENCES versions(id),
    kind TEXT NOT NULL,
    outcome TEXT CHECK (outcome IN ('favorable', 'favorable_reserves', 'defavorable')),
    votes_pour INTEGER,
    votes_contre INTEGER,
    votes_abstention INTEGER,
    reserves TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    pv_extract TEXT,
    pv_document_id TEXT REFERENCES seance_documents(id),
    override_id TEXT REFERENCES rule_overrides(id),
    recorded_by TEXT NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL
  );
  CREATE INDEX acts_by_project ON acts (project_id, version_id);
  CREATE INDEX acts_by_seance ON acts (seance_id);
  CREATE TRIGGER acts_immutable BEFORE UPDATE ON acts
    BEGIN SELECT RAISE(ABORT, 'a recorded act cannot be changed'); END;
  CREATE TRIGGER acts_kept BEFORE DELETE ON acts
    BEGIN SELECT RAISE(ABORT, 'a recorded act cannot be deleted'); END;

  -- Append-only, hash-chained: each entry's hash covers the previous one's, so an edit made
  -- behind the product's back (triggers dropped) still shows.
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    project_id TEXT,
    version_id TEXT,
    subject_type TEXT,
    subject_id TEXT,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_log_by_project ON audit_log (project_id, seq);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

  CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    dedupe_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    project_id TEXT,
    seance_id TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT,
    email_status TEXT NOT NULL CHECK (email_status IN ('none', 'pending', 'sent')),
    emailed_at TEXT,
    UNIQUE (user_id, dedupe_key)
  );
  CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
  CREATE INDEX notifications_to_email ON notifications (email_status) WHERE email_status = 'pending';

  CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
  );

  -- Overrides of the default rules (server/governance/config.ts); document_kind '*' = every kind.
  CREATE TABLE governance_settings (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    document_kind TEXT NOT NULL,
    config TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, document_kind)
  );

  CREATE TABLE project_governance (
    project_id TEXT PRIMARY KEY REFERENCES projects(id),
    transmission_due TEXT,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL
  );
  `;
