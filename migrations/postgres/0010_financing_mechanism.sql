-- How a contribution is financed (the strategy's Result 1.1.1 asks the public to see "los
-- diversos mecanismos de financiación"): grant, concessional or non-concessional loan,
-- guarantee, pooled or trust fund, in kind, technical cooperation; NULL where the record does
-- not say. The summary table gains it as a dimension ('' for not said) so that the dashboard
-- filters and groups by it; every existing cell is a "not said" one.

ALTER TABLE contributions ADD COLUMN mechanism TEXT CHECK (mechanism IN ('grant', 'concessional_loan',
    'non_concessional_loan', 'guarantee', 'pooled_fund', 'in_kind', 'technical_cooperation'));
CREATE INDEX contributions_mechanism ON contributions (mechanism);

ALTER TABLE contribution_cube ADD COLUMN mechanism TEXT NOT NULL DEFAULT '';
ALTER TABLE contribution_cube DROP CONSTRAINT contribution_cube_pkey;
ALTER TABLE contribution_cube ADD PRIMARY KEY (year, donor_code, recipient, pillar, kind, mechanism, status);
