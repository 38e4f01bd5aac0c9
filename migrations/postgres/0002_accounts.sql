-- Accounts, invitations and the audit trail. Sessions live in the table the session store creates.

CREATE TABLE users (
    id                  BIGSERIAL PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    role                TEXT NOT NULL CHECK (role IN ('secretariat', 'focal_point', 'member')),
    country_iso2        TEXT REFERENCES countries (iso2),
    organisation_code   TEXT REFERENCES organisations (code),
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL,
    CHECK ((role = 'focal_point') = (country_iso2 IS NOT NULL)),
    CHECK ((role = 'member') = (organisation_code IS NOT NULL))
);

CREATE TABLE invitations (
    id                BIGSERIAL PRIMARY KEY,
    token_hash        TEXT NOT NULL UNIQUE,
    email             TEXT NOT NULL,
    role              TEXT NOT NULL CHECK (role IN ('secretariat', 'focal_point', 'member')),
    country_iso2      TEXT REFERENCES countries (iso2),
    organisation_code TEXT REFERENCES organisations (code),
    invited_by        BIGINT REFERENCES users (id),
    created_at        TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    accepted_at       TIMESTAMPTZ,
    accepted_user_id  BIGINT REFERENCES users (id),
    revoked_at        TIMESTAMPTZ,
    CHECK ((role = 'focal_point') = (country_iso2 IS NOT NULL)),
    CHECK ((role = 'member') = (organisation_code IS NOT NULL))
);
CREATE INDEX invitations_email ON invitations (email);

CREATE TABLE audit_log (
    id            BIGSERIAL PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL,
    actor_user_id BIGINT REFERENCES users (id),
    actor_email   TEXT,
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    before_json   JSONB,
    after_json    JSONB,
    reason        TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id);
