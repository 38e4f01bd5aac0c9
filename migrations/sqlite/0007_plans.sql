-- National Action Plans: each MIRPS country's plan, what public sources say it commits to, and
-- its commitment lines with a costed requirement per year. Every change of a requirement is kept
-- as a revision (the first is the original figure), every change of a line's status as a dated
-- note. Requirements per country, pillar and year are the sum of the lines' figures; a figure
-- entered directly in `requirements` stands only where no line carries one.

CREATE TABLE plans (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    country_iso2 TEXT NOT NULL UNIQUE REFERENCES countries (iso2),
    title_es     TEXT NOT NULL DEFAULT '',
    title_en     TEXT NOT NULL DEFAULT '',
    summary_es   TEXT NOT NULL DEFAULT '',
    summary_en   TEXT NOT NULL DEFAULT '',
    period_start INTEGER,
    period_end   INTEGER,
    source_url   TEXT NOT NULL DEFAULT '',
    is_example   INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    CHECK (period_start IS NULL OR period_end IS NULL OR period_end >= period_start)
);

-- How many commitments a public source counts in a plan, per focal area (sector).
CREATE TABLE plan_declared (
    plan_id     INTEGER NOT NULL REFERENCES plans (id),
    sector_code TEXT NOT NULL REFERENCES sectors (code),
    commitments INTEGER NOT NULL CHECK (commitments >= 0),
    source_url  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, sector_code)
);

CREATE TABLE plan_lines (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id        INTEGER NOT NULL REFERENCES plans (id),
    code           TEXT NOT NULL,
    title_es       TEXT NOT NULL DEFAULT '',
    title_en       TEXT NOT NULL DEFAULT '',
    description_es TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    pillar         INTEGER NOT NULL REFERENCES pillars (code),
    sector_code    TEXT REFERENCES sectors (code),
    institution    TEXT NOT NULL DEFAULT '',
    period_start   INTEGER,
    period_end     INTEGER,
    priority       INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
    status         TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'achieved', 'stalled')),
    is_example     INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    created_by     INTEGER REFERENCES users (id),
    version        INTEGER NOT NULL DEFAULT 1,
    withdrawn_at   TEXT,
    UNIQUE (plan_id, code),
    CHECK (period_start IS NULL OR period_end IS NULL OR period_end >= period_start)
);

CREATE TABLE plan_line_themes (
    line_id    INTEGER NOT NULL REFERENCES plan_lines (id),
    theme_code TEXT NOT NULL REFERENCES themes (code),
    PRIMARY KEY (line_id, theme_code)
);

CREATE TABLE plan_line_gaps (
    line_id  INTEGER NOT NULL REFERENCES plan_lines (id),
    entry_id INTEGER NOT NULL REFERENCES inventory_entries (id),
    PRIMARY KEY (line_id, entry_id)
);

-- The current requirement of a line for a year, in its original currency and in USD cents.
CREATE TABLE plan_requirements (
    line_id      INTEGER NOT NULL REFERENCES plan_lines (id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    fx_rate      TEXT NOT NULL,
    amount_usd   INTEGER NOT NULL CHECK (amount_usd >= 0),
    source       TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (line_id, year)
);

-- Every figure a requirement has had, the first being the original.
CREATE TABLE plan_requirement_revisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    line_id      INTEGER NOT NULL REFERENCES plan_lines (id),
    year         INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    fx_rate      TEXT NOT NULL,
    amount_usd   INTEGER NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id)
);
CREATE INDEX plan_requirement_revisions_line ON plan_requirement_revisions (line_id, year, id);

CREATE TABLE plan_status_notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    line_id    INTEGER NOT NULL REFERENCES plan_lines (id),
    status     TEXT NOT NULL,
    note_es    TEXT NOT NULL DEFAULT '',
    note_en    TEXT NOT NULL DEFAULT '',
    noted_on   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id)
);
CREATE INDEX plan_status_notes_line ON plan_status_notes (line_id, id);

-- When a figure entered directly was last changed (its source is already there).
ALTER TABLE requirements ADD COLUMN updated_at TEXT;
