-- How a contribution is financed (the strategy's Result 1.1.1 asks the public to see "los
-- diversos mecanismos de financiación"): grant, concessional or non-concessional loan,
-- guarantee, pooled or trust fund, in kind, technical cooperation; NULL where the record does
-- not say.
--
-- The summary table gains it, the sector and the working group as dimensions ('' for none), so
-- that the dashboard filters by them from memory; it is rebuilt from the contributions, as
-- `rebuild_cube` does.

ALTER TABLE contributions ADD COLUMN mechanism TEXT CHECK (mechanism IN ('grant', 'concessional_loan',
    'non_concessional_loan', 'guarantee', 'pooled_fund', 'in_kind', 'technical_cooperation'));
CREATE INDEX contributions_mechanism ON contributions (mechanism);
CREATE INDEX contributions_sector ON contributions (sector_code);
CREATE INDEX contributions_working_group ON contributions (working_group_code);

DROP TABLE contribution_cube;
CREATE TABLE contribution_cube (
    year            INTEGER NOT NULL,
    donor_code      TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    pillar          INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    mechanism       TEXT NOT NULL,
    sector          TEXT NOT NULL,
    working_group   TEXT NOT NULL,
    status          TEXT NOT NULL,
    n               INTEGER NOT NULL,
    n_example       INTEGER NOT NULL,
    pledged_usd     INTEGER NOT NULL,
    committed_usd   INTEGER NOT NULL,
    disbursed_usd   INTEGER NOT NULL,
    implemented_usd INTEGER NOT NULL,
    funded_usd      INTEGER NOT NULL,
    PRIMARY KEY (year, donor_code, recipient, pillar, kind, mechanism, sector, working_group, status)
);
INSERT INTO contribution_cube (year, donor_code, recipient, pillar, kind, mechanism, sector,
    working_group, status, n, n_example, pledged_usd, committed_usd, disbursed_usd,
    implemented_usd, funded_usd)
SELECT year, donor_code, COALESCE(recipient_iso2, ''), COALESCE(pillar, 0), kind,
    COALESCE(mechanism, ''), COALESCE(sector_code, ''), COALESCE(working_group_code, ''), status,
    COUNT(*), SUM(CASE WHEN is_example THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE pledged_usd END),
    SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE committed_usd END),
    SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE disbursed_usd END),
    SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE implemented_usd END),
    SUM(CASE WHEN status = 'cancelled' THEN 0
        WHEN committed_usd >= disbursed_usd AND committed_usd >= implemented_usd THEN committed_usd
        WHEN disbursed_usd >= implemented_usd THEN disbursed_usd ELSE implemented_usd END)
FROM contributions WHERE parent_id IS NULL AND withdrawn_at IS NULL
GROUP BY year, donor_code, COALESCE(recipient_iso2, ''), COALESCE(pillar, 0), kind,
    COALESCE(mechanism, ''), COALESCE(sector_code, ''), COALESCE(working_group_code, ''), status;
