-- Events: the platform calendar (learning workshops, meetings, the solidarity event, the GRF),
-- with bilingual content, the countries, organisers and themes each involves, registration with
-- capacity, waiting list and optional moderation, outcomes, and personal calendar feeds.

ALTER TABLE events ADD COLUMN description_es TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN mode TEXT NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'virtual', 'hybrid'));
ALTER TABLE events ADD COLUMN online_url TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity > 0);
ALTER TABLE events ADD COLUMN registration BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE events ADD COLUMN registration_opens_at TIMESTAMPTZ;
ALTER TABLE events ADD COLUMN registration_closes_at TIMESTAMPTZ;
ALTER TABLE events ADD COLUMN moderated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE events ADD COLUMN materials_es TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN materials_en TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN learned_es TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN learned_en TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN created_by BIGINT REFERENCES users (id);
ALTER TABLE events ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Bumped by every registration change: the first write of the transaction, so registrations of
-- one event are serialised on both engines (no double booking of the last place).
ALTER TABLE events ADD COLUMN registration_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE event_countries (
    event_id     BIGINT NOT NULL REFERENCES events (id),
    country_iso2 TEXT NOT NULL REFERENCES countries (iso2),
    PRIMARY KEY (event_id, country_iso2)
);

CREATE TABLE event_organisers (
    event_id          BIGINT NOT NULL REFERENCES events (id),
    organisation_code TEXT NOT NULL REFERENCES organisations (code),
    PRIMARY KEY (event_id, organisation_code)
);

CREATE TABLE event_themes (
    event_id   BIGINT NOT NULL REFERENCES events (id),
    theme_code TEXT NOT NULL REFERENCES themes (code),
    PRIMARY KEY (event_id, theme_code)
);

CREATE TABLE event_registrations (
    id                BIGSERIAL PRIMARY KEY,
    event_id          BIGINT NOT NULL REFERENCES events (id),
    user_id           BIGINT REFERENCES users (id),
    guest_name        TEXT NOT NULL DEFAULT '',
    guest_email       TEXT,
    guest_affiliation TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'withdrawn', 'rejected')),
    -- The order of the waiting list: when the person (last) asked for a place.
    queued_at         TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CHECK ((user_id IS NULL) = (guest_email IS NOT NULL)),
    UNIQUE (event_id, user_id),
    UNIQUE (event_id, guest_email)
);
CREATE INDEX event_registrations_status ON event_registrations (event_id, status, queued_at);
CREATE INDEX event_registrations_user ON event_registrations (user_id);

-- Result 3.3.2: which country plans which policy or programme change after the event.
CREATE TABLE event_policy_changes (
    id             BIGSERIAL PRIMARY KEY,
    event_id       BIGINT NOT NULL REFERENCES events (id),
    country_iso2   TEXT NOT NULL REFERENCES countries (iso2),
    description_es TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    created_by     BIGINT REFERENCES users (id),
    withdrawn_at   TIMESTAMPTZ
);
CREATE INDEX event_policy_changes_event ON event_policy_changes (event_id);

-- What the platform tells a person (moved up from a waiting list, approved, an event moved).
CREATE TABLE notifications (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL CHECK (kind IN ('promoted', 'approved', 'rejected', 'event_changed', 'event_cancelled')),
    event_id   BIGINT REFERENCES events (id),
    created_at TIMESTAMPTZ NOT NULL,
    read_at    TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

-- The secret address of a person's calendar feed of their registrations (only its SHA-256).
CREATE TABLE calendar_feeds (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);
