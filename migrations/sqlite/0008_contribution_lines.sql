-- Which National Action Plan lines a contribution serves, and what share of it each line gets
-- (basis points: 10000 = all of it). A contribution's shares add up to at most 100%.
CREATE TABLE contribution_lines (
    contribution_id INTEGER NOT NULL REFERENCES contributions (id),
    line_id         INTEGER NOT NULL REFERENCES plan_lines (id),
    share_bp        INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
    created_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id),
    PRIMARY KEY (contribution_id, line_id)
);
CREATE INDEX contribution_lines_line ON contribution_lines (line_id);
