-- The contribution ledger: contributions, their dated steps, the national requirements they are
-- measured against, and a summary table kept up to date on every write for fast aggregates.
-- Money is integer cents (USD) or minor units (original currency); exchange rates are exact
-- decimal strings.

CREATE TABLE contributions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    donor_code         TEXT NOT NULL REFERENCES organisations (code),
    recipient_iso2     TEXT REFERENCES countries (iso2),
    channel_code       TEXT REFERENCES organisations (code),
    kind               TEXT NOT NULL CHECK (kind IN ('financial', 'in_kind', 'technical', 'policy')),
    pillar             INTEGER REFERENCES pillars (code),
    sector_code        TEXT REFERENCES sectors (code),
    working_group_code TEXT REFERENCES working_groups (code),
    event_id           INTEGER REFERENCES events (id),
    chair_period_id    INTEGER REFERENCES chair_periods (id),
    title_es           TEXT NOT NULL DEFAULT '',
    title_en           TEXT NOT NULL DEFAULT '',
    description_es     TEXT NOT NULL DEFAULT '',
    description_en     TEXT NOT NULL DEFAULT '',
    currency           TEXT NOT NULL CHECK (length(currency) = 3),
    source_url         TEXT,
    parent_id          INTEGER REFERENCES contributions (id),
    is_example         INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    status             TEXT NOT NULL CHECK (status IN ('pledged', 'committed', 'disbursed', 'implemented', 'cancelled')),
    decision_date      TEXT NOT NULL,
    year               INTEGER NOT NULL,
    pledged_usd        INTEGER NOT NULL DEFAULT 0,
    committed_usd      INTEGER NOT NULL DEFAULT 0,
    disbursed_usd      INTEGER NOT NULL DEFAULT 0,
    implemented_usd    INTEGER NOT NULL DEFAULT 0,
    has_usd            INTEGER NOT NULL DEFAULT 0 CHECK (has_usd IN (0, 1)),
    withdrawn_at       TEXT,
    withdrawn_reason   TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    created_by         INTEGER REFERENCES users (id),
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contributions_year ON contributions (year);
CREATE INDEX contributions_donor ON contributions (donor_code);
CREATE INDEX contributions_recipient ON contributions (recipient_iso2);
CREATE INDEX contributions_parent ON contributions (parent_id);
CREATE INDEX contributions_status_date ON contributions (status, decision_date);

CREATE TABLE contribution_steps (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    contribution_id INTEGER NOT NULL REFERENCES contributions (id),
    stage           TEXT NOT NULL CHECK (stage IN ('pledge', 'commitment', 'disbursement', 'implementation', 'cancellation')),
    step_date       TEXT NOT NULL,
    amount_minor    INTEGER,
    currency        TEXT NOT NULL,
    fx_rate         TEXT,
    usd             INTEGER,
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id)
);
CREATE INDEX contribution_steps_contribution ON contribution_steps (contribution_id, step_date, id);

CREATE TABLE requirements (
    country_iso2 TEXT NOT NULL REFERENCES countries (iso2),
    pillar       INTEGER NOT NULL REFERENCES pillars (code),
    year         INTEGER NOT NULL,
    amount_usd   INTEGER NOT NULL CHECK (amount_usd >= 0),
    source       TEXT NOT NULL DEFAULT '',
    is_example   INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    PRIMARY KEY (country_iso2, pillar, year)
);

-- One row per combination of the filterable dimensions, over top-level (not routed-through),
-- not withdrawn contributions. '' is "regional" and 0 "no pillar".
CREATE TABLE contribution_cube (
    year            INTEGER NOT NULL,
    donor_code      TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    pillar          INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    status          TEXT NOT NULL,
    n               INTEGER NOT NULL,
    n_example       INTEGER NOT NULL,
    pledged_usd     INTEGER NOT NULL,
    committed_usd   INTEGER NOT NULL,
    disbursed_usd   INTEGER NOT NULL,
    implemented_usd INTEGER NOT NULL,
    funded_usd      INTEGER NOT NULL,
    PRIMARY KEY (year, donor_code, recipient, pillar, kind, status)
);

INSERT INTO app_meta (key, value) VALUES ('contributions_version', '0');
