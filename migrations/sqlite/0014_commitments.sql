-- The commitments register: what MIRPS states, Support Platform members, companies, civil
-- society and local governments commit to (at the Global Refugee Forum, a solidarity event or
-- on their own), who reports on each, and the dated progress reported, with figures per country
-- where the commitment counts something (jobs, people). Organisations gain their kind (a
-- company, a city...) and website, so the partners outside the Support Platform can be makers.

ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN website TEXT;
ALTER TABLE organisations ADD COLUMN source_url TEXT;

CREATE TABLE commitments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The real record a seeded commitment came from (written once).
    seed_key         TEXT UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('political', 'financial', 'technical', 'material', 'resettlement', 'employment')),
    title_es         TEXT NOT NULL DEFAULT '',
    title_en         TEXT NOT NULL DEFAULT '',
    description_es   TEXT NOT NULL DEFAULT '',
    description_en   TEXT NOT NULL DEFAULT '',
    -- The one maker that reports (a country or an organisation), or nobody named yet.
    reporter_country TEXT REFERENCES countries (iso2),
    reporter_org     TEXT REFERENCES organisations (code),
    occasion         TEXT NOT NULL CHECK (occasion IN ('grf2019', 'grf2023', 'solidarity_event', 'other')),
    -- `YYYY-MM` or `YYYY-MM-DD`, as precise as the source.
    announced_on     TEXT,
    -- `YYYY` or `YYYY-MM-DD`.
    deadline         TEXT,
    stage            TEXT NOT NULL CHECK (stage IN ('planning', 'in_progress', 'fulfilled', 'withdrawn')),
    review           TEXT NOT NULL CHECK (review IN ('draft', 'submitted', 'returned', 'pre_articulated', 'announced')),
    -- What an employment (or other counted) commitment promises: what, how many, of whom.
    kpi_what_es      TEXT NOT NULL DEFAULT '',
    kpi_what_en      TEXT NOT NULL DEFAULT '',
    kpi_target       INTEGER CHECK (kpi_target > 0),
    kpi_unit         TEXT,
    kpi_population   TEXT,
    source_url       TEXT,
    is_example       INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    created_by       INTEGER REFERENCES users (id),
    version          INTEGER NOT NULL DEFAULT 1,
    CHECK (reporter_country IS NULL OR reporter_org IS NULL)
);
CREATE INDEX commitments_review ON commitments (review, stage);

-- Who makes a commitment: countries and organisations, one row each.
CREATE TABLE commitment_makers (
    commitment_id     INTEGER NOT NULL REFERENCES commitments (id),
    country_iso2      TEXT REFERENCES countries (iso2),
    organisation_code TEXT REFERENCES organisations (code),
    CHECK ((country_iso2 IS NULL) <> (organisation_code IS NULL))
);
CREATE UNIQUE INDEX commitment_makers_one ON commitment_makers (commitment_id, COALESCE(country_iso2, ''), COALESCE(organisation_code, ''));
CREATE INDEX commitment_makers_org ON commitment_makers (organisation_code);

CREATE TABLE commitment_countries (
    commitment_id INTEGER NOT NULL REFERENCES commitments (id),
    country_iso2  TEXT NOT NULL REFERENCES countries (iso2),
    PRIMARY KEY (commitment_id, country_iso2)
);
CREATE INDEX commitment_countries_country ON commitment_countries (country_iso2);

CREATE TABLE commitment_themes (
    commitment_id INTEGER NOT NULL REFERENCES commitments (id),
    theme_code    TEXT NOT NULL REFERENCES themes (code),
    PRIMARY KEY (commitment_id, theme_code)
);

-- Dated progress: words, and where the commitment counts something, a figure for one country.
CREATE TABLE commitment_updates (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    commitment_id INTEGER NOT NULL REFERENCES commitments (id),
    -- `YYYY-MM` or `YYYY-MM-DD`.
    reported_on   TEXT NOT NULL,
    country_iso2  TEXT REFERENCES countries (iso2),
    value         INTEGER CHECK (value >= 0),
    unit          TEXT,
    text_es       TEXT NOT NULL DEFAULT '',
    text_en       TEXT NOT NULL DEFAULT '',
    evidence_url  TEXT,
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES users (id),
    CHECK (value IS NULL OR unit IS NOT NULL)
);
CREATE INDEX commitment_updates_commitment ON commitment_updates (commitment_id, reported_on);

-- The pre-articulation: each move of a commitment's review state, with the reviewer's comment.
CREATE TABLE commitment_reviews (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    commitment_id INTEGER NOT NULL REFERENCES commitments (id),
    actor_id      INTEGER REFERENCES users (id),
    from_review   TEXT NOT NULL,
    to_review     TEXT NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL
);
CREATE INDEX commitment_reviews_commitment ON commitment_reviews (commitment_id, id);
