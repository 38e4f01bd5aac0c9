-- Reference data tables: countries, organisations, pillars, sectors, working groups, chairs,
-- the strategy's results framework and calendar, and the platform's events.
-- Timestamps are stored as RFC 3339 UTC text written by the application, dates as YYYY-MM-DD text,
-- booleans as 0/1: the native SQLite encodings sqlx decodes into chrono and bool.

CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE countries (
    iso2       TEXT PRIMARY KEY CHECK (length(iso2) = 2),
    iso3       TEXT NOT NULL UNIQUE CHECK (length(iso3) = 3),
    name_es    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    joined_year INTEGER NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE organisations (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT NOT NULL UNIQUE,
    name_es      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    short_es     TEXT NOT NULL,
    short_en     TEXT NOT NULL,
    iati_type    INTEGER NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('member', 'secretariat', 'partner')),
    country_iso3 TEXT,
    is_example   INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    sort_order   INTEGER NOT NULL DEFAULT 1000
);
CREATE INDEX organisations_role ON organisations (role, sort_order);

CREATE TABLE pillars (
    code    INTEGER PRIMARY KEY CHECK (code BETWEEN 1 AND 4),
    name_es TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE sectors (
    code       TEXT PRIMARY KEY,
    name_es    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE working_groups (
    code              TEXT PRIMARY KEY,
    name_es           TEXT NOT NULL,
    name_en           TEXT NOT NULL,
    lead_country_iso2 TEXT REFERENCES countries (iso2),
    since_year        INTEGER,
    sort_order        INTEGER NOT NULL
);

CREATE TABLE chair_periods (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_code TEXT NOT NULL REFERENCES organisations (code),
    period_es         TEXT NOT NULL,
    period_en         TEXT NOT NULL,
    sort_order        INTEGER NOT NULL,
    UNIQUE (organisation_code, period_en)
);

CREATE TABLE strategy_objectives (
    code          TEXT PRIMARY KEY,
    gcr_objective INTEGER NOT NULL CHECK (gcr_objective BETWEEN 1 AND 4),
    title_es      TEXT NOT NULL,
    title_en      TEXT NOT NULL,
    sort_order    INTEGER NOT NULL
);

CREATE TABLE strategy_activities (
    code           TEXT PRIMARY KEY,
    objective_code TEXT NOT NULL REFERENCES strategy_objectives (code),
    text_es        TEXT NOT NULL,
    text_en        TEXT NOT NULL,
    sort_order     INTEGER NOT NULL
);

CREATE TABLE strategy_results (
    code          TEXT PRIMARY KEY,
    activity_code TEXT NOT NULL REFERENCES strategy_activities (code),
    title_es      TEXT NOT NULL,
    title_en      TEXT NOT NULL,
    text_es       TEXT NOT NULL,
    text_en       TEXT NOT NULL,
    sort_order    INTEGER NOT NULL
);

CREATE TABLE strategy_calendar (
    id         INTEGER PRIMARY KEY,
    period_es  TEXT NOT NULL,
    period_en  TEXT NOT NULL,
    item_es    TEXT NOT NULL,
    item_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE events (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    slug              TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL,
    title_es          TEXT NOT NULL,
    title_en          TEXT NOT NULL,
    starts_at         TEXT NOT NULL,
    ends_at           TEXT NOT NULL,
    timezone          TEXT NOT NULL,
    date_precision    TEXT NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month')),
    host_country_iso2 TEXT REFERENCES countries (iso2),
    location_es       TEXT NOT NULL DEFAULT '',
    location_en       TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'held', 'cancelled')),
    source_url        TEXT,
    is_example        INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    CHECK (ends_at >= starts_at)
);
CREATE INDEX events_starts_at ON events (starts_at);
