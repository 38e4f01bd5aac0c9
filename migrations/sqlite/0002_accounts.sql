-- Accounts, invitations and the audit trail. Sessions live in the table the session store creates.

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    email               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    role                TEXT NOT NULL CHECK (role IN ('secretariat', 'focal_point', 'member')),
    country_iso2        TEXT REFERENCES countries (iso2),
    organisation_code   TEXT REFERENCES organisations (code),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    CHECK ((role = 'focal_point') = (country_iso2 IS NOT NULL)),
    CHECK ((role = 'member') = (organisation_code IS NOT NULL))
);

CREATE TABLE invitations (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash        TEXT NOT NULL UNIQUE,
    email             TEXT NOT NULL,
    role              TEXT NOT NULL CHECK (role IN ('secretariat', 'focal_point', 'member')),
    country_iso2      TEXT REFERENCES countries (iso2),
    organisation_code TEXT REFERENCES organisations (code),
    invited_by        INTEGER REFERENCES users (id),
    created_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    accepted_at       TEXT,
    accepted_user_id  INTEGER REFERENCES users (id),
    revoked_at        TEXT,
    CHECK ((role = 'focal_point') = (country_iso2 IS NOT NULL)),
    CHECK ((role = 'member') = (organisation_code IS NOT NULL))
);
CREATE INDEX invitations_email ON invitations (email);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    actor_email   TEXT,
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    before_json   TEXT,
    after_json    TEXT,
    reason        TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id);
