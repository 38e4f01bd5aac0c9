-- Offers of support from members and partners, and the matches proposed between an offer and a
-- National Action Plan line that still lacks money. An offer or a proposal past its last day
-- expires on its own; an accepted match names the pledge it made in the ledger.

CREATE TABLE offers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    offeror_code    TEXT NOT NULL REFERENCES organisations (code),
    kind            TEXT NOT NULL CHECK (kind IN ('financial', 'technical', 'in_kind', 'training', 'secondment')),
    title_es        TEXT NOT NULL DEFAULT '',
    title_en        TEXT NOT NULL DEFAULT '',
    description_es  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    -- Offered to the whole region rather than to named countries.
    regional        INTEGER NOT NULL DEFAULT 0 CHECK (regional IN (0, 1)),
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    -- The amount in minor units of `currency`, its rate and its value in USD cents; empty for
    -- support given in kind or as capacity only.
    amount_minor    INTEGER CHECK (amount_minor >= 0),
    fx_rate         TEXT,
    amount_usd      INTEGER CHECK (amount_usd >= 0),
    capacity_es     TEXT NOT NULL DEFAULT '',
    capacity_en     TEXT NOT NULL DEFAULT '',
    available_from  TEXT NOT NULL,
    available_until TEXT NOT NULL,
    contact_name    TEXT NOT NULL DEFAULT '',
    contact_email   TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('open', 'in_discussion', 'matched', 'withdrawn', 'expired')),
    is_example      INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id),
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (available_until >= available_from)
);
CREATE INDEX offers_status ON offers (status, available_until);
CREATE INDEX offers_offeror ON offers (offeror_code);

CREATE TABLE offer_countries (
    offer_id     INTEGER NOT NULL REFERENCES offers (id),
    country_iso2 TEXT NOT NULL REFERENCES countries (iso2),
    PRIMARY KEY (offer_id, country_iso2)
);
CREATE INDEX offer_countries_country ON offer_countries (country_iso2);

CREATE TABLE offer_themes (
    offer_id   INTEGER NOT NULL REFERENCES offers (id),
    theme_code TEXT NOT NULL REFERENCES themes (code),
    PRIMARY KEY (offer_id, theme_code)
);

CREATE TABLE offer_pillars (
    offer_id INTEGER NOT NULL REFERENCES offers (id),
    pillar   INTEGER NOT NULL REFERENCES pillars (code),
    PRIMARY KEY (offer_id, pillar)
);

-- A proposal to put an offer (or part of it) towards a plan line, and its answer.
CREATE TABLE offer_matches (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    offer_id        INTEGER NOT NULL REFERENCES offers (id),
    line_id         INTEGER NOT NULL REFERENCES plan_lines (id),
    -- In the offer's currency (minor units) and in USD cents; empty for support without an amount.
    amount_minor    INTEGER CHECK (amount_minor >= 0),
    amount_usd      INTEGER CHECK (amount_usd >= 0),
    -- The score the suggestion had when it was proposed (0 to 100).
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    note            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'withdrawn', 'expired')),
    answer_reason   TEXT NOT NULL DEFAULT '',
    contribution_id INTEGER REFERENCES contributions (id),
    expires_on      TEXT NOT NULL,
    proposed_at     TEXT NOT NULL,
    proposed_by     INTEGER REFERENCES users (id),
    answered_at     TEXT,
    answered_by     INTEGER REFERENCES users (id),
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (status <> 'accepted' OR contribution_id IS NOT NULL)
);
CREATE INDEX offer_matches_line ON offer_matches (line_id, status);
CREATE INDEX offer_matches_offer ON offer_matches (offer_id, status);
-- One open proposal at a time for an offer and a line.
CREATE UNIQUE INDEX offer_matches_open ON offer_matches (offer_id, line_id) WHERE status = 'proposed';
