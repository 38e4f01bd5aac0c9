-- Local integration: the inventory of services, programmes and gaps per country, and the
-- repository of good practices with its review workflow and full-text search.

CREATE TABLE themes (
    code       TEXT PRIMARY KEY,
    name_es    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE population_groups (
    code       TEXT PRIMARY KEY,
    name_es    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE inventory_entries (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    country_iso2   TEXT NOT NULL REFERENCES countries (iso2),
    entry_type     TEXT NOT NULL CHECK (entry_type IN ('service', 'programme', 'gap')),
    theme_code     TEXT NOT NULL REFERENCES themes (code),
    title_es       TEXT NOT NULL DEFAULT '',
    title_en       TEXT NOT NULL DEFAULT '',
    description_es TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    admin1         TEXT NOT NULL DEFAULT '',
    provider       TEXT NOT NULL DEFAULT '',
    period_start   TEXT,
    period_end     TEXT,
    status         TEXT NOT NULL CHECK (status IN ('planned', 'active', 'ended')),
    severity       TEXT CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    priority       INTEGER CHECK (priority BETWEEN 1 AND 3),
    is_example     INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    created_by     INTEGER REFERENCES users (id),
    version        INTEGER NOT NULL DEFAULT 1,
    withdrawn_at   TEXT,
    CHECK ((entry_type = 'gap') = (severity IS NOT NULL AND priority IS NOT NULL))
);
CREATE INDEX inventory_country_theme ON inventory_entries (country_iso2, theme_code);
CREATE INDEX inventory_theme ON inventory_entries (theme_code);

CREATE TABLE inventory_entry_populations (
    entry_id        INTEGER NOT NULL REFERENCES inventory_entries (id),
    population_code TEXT NOT NULL REFERENCES population_groups (code),
    PRIMARY KEY (entry_id, population_code)
);

CREATE TABLE practices (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    submitter_kind    TEXT NOT NULL CHECK (submitter_kind IN ('country', 'member')),
    country_iso2      TEXT REFERENCES countries (iso2),
    organisation_code TEXT REFERENCES organisations (code),
    title_es          TEXT NOT NULL DEFAULT '',
    title_en          TEXT NOT NULL DEFAULT '',
    summary_es        TEXT NOT NULL DEFAULT '',
    summary_en        TEXT NOT NULL DEFAULT '',
    body_es           TEXT NOT NULL DEFAULT '',
    body_en           TEXT NOT NULL DEFAULT '',
    results_es        TEXT NOT NULL DEFAULT '',
    results_en        TEXT NOT NULL DEFAULT '',
    contacts          TEXT NOT NULL DEFAULT '',
    links             TEXT NOT NULL DEFAULT '',
    period_start      TEXT,
    period_end        TEXT,
    year              INTEGER NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'returned', 'published')),
    author_id         INTEGER REFERENCES users (id),
    published_at      TEXT,
    search_text       TEXT NOT NULL DEFAULT '',
    is_example        INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    withdrawn_at      TEXT,
    CHECK ((submitter_kind = 'country') = (country_iso2 IS NOT NULL AND organisation_code IS NULL))
);
CREATE INDEX practices_status ON practices (status, year);

CREATE TABLE practice_themes (
    practice_id INTEGER NOT NULL REFERENCES practices (id),
    theme_code  TEXT NOT NULL REFERENCES themes (code),
    PRIMARY KEY (practice_id, theme_code)
);
CREATE INDEX practice_themes_theme ON practice_themes (theme_code);

CREATE TABLE practice_populations (
    practice_id     INTEGER NOT NULL REFERENCES practices (id),
    population_code TEXT NOT NULL REFERENCES population_groups (code),
    PRIMARY KEY (practice_id, population_code)
);

CREATE TABLE practice_gaps (
    practice_id INTEGER NOT NULL REFERENCES practices (id),
    entry_id    INTEGER NOT NULL REFERENCES inventory_entries (id),
    PRIMARY KEY (practice_id, entry_id)
);
CREATE INDEX practice_gaps_entry ON practice_gaps (entry_id);

-- Every move through the workflow, with the reviewer's comment.
CREATE TABLE practice_reviews (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    practice_id INTEGER NOT NULL REFERENCES practices (id),
    actor_id    INTEGER REFERENCES users (id),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
);
CREATE INDEX practice_reviews_practice ON practice_reviews (practice_id, id);

-- Published practices only; the text is already lower-cased and stripped of accents by the
-- application, and the tokenizer folds any it missed.
CREATE VIRTUAL TABLE practices_fts USING fts5(search_text, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO app_meta (key, value) VALUES ('practices_version', '0');
