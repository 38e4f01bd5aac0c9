-- How a contribution is financed (the strategy's Result 1.1.1 asks the public to see "los
-- diversos mecanismos de financiación"): grant, concessional or non-concessional loan,
-- guarantee, pooled or trust fund, in kind, technical cooperation; NULL where the record does
-- not say. The summary table gains it as a dimension ('' for not said) so that the dashboard
-- filters and groups by it; every existing cell is a "not said" one.

ALTER TABLE contributions ADD COLUMN mechanism TEXT CHECK (mechanism IN ('grant', 'concessional_loan',
    'non_concessional_loan', 'guarantee', 'pooled_fund', 'in_kind', 'technical_cooperation'));
CREATE INDEX contributions_mechanism ON contributions (mechanism);

CREATE TABLE contribution_cube_new (
    year            INTEGER NOT NULL,
    donor_code      TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    pillar          INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    mechanism       TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    n               INTEGER NOT NULL,
    n_example       INTEGER NOT NULL,
    pledged_usd     INTEGER NOT NULL,
    committed_usd   INTEGER NOT NULL,
    disbursed_usd   INTEGER NOT NULL,
    implemented_usd INTEGER NOT NULL,
    funded_usd      INTEGER NOT NULL,
    PRIMARY KEY (year, donor_code, recipient, pillar, kind, mechanism, status)
);
INSERT INTO contribution_cube_new (year, donor_code, recipient, pillar, kind, mechanism, status, n,
    n_example, pledged_usd, committed_usd, disbursed_usd, implemented_usd, funded_usd)
    SELECT year, donor_code, recipient, pillar, kind, '', status, n, n_example, pledged_usd,
    committed_usd, disbursed_usd, implemented_usd, funded_usd FROM contribution_cube;
DROP TABLE contribution_cube;
ALTER TABLE contribution_cube_new RENAME TO contribution_cube;
