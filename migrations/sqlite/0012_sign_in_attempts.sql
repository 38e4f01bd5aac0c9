-- Sign-in throttling kept in the database, so that every app server behind a balancer counts
-- the same attempts. Times are milliseconds since 1970 (UTC), the same on both engines.

-- One row per attempt that was let through to the password check and has not succeeded
-- (a success deletes its row). Rows older than the window are swept.
CREATE TABLE sign_in_attempts (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    account TEXT NOT NULL,
    client  TEXT NOT NULL,
    at_ms   INTEGER NOT NULL
);
CREATE INDEX sign_in_attempts_account ON sign_in_attempts (account, at_ms);
CREATE INDEX sign_in_attempts_client ON sign_in_attempts (client, at_ms);

-- Addresses that signed an account in: the account-wide budget does not apply to them.
CREATE TABLE sign_in_known (
    account    TEXT NOT NULL,
    client     TEXT NOT NULL,
    last_at_ms INTEGER NOT NULL,
    PRIMARY KEY (account, client)
);
