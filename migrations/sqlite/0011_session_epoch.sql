-- A counter that moves when an account is deactivated. Sessions remember it (with the password
-- hash) when they are made, so a session that ended with the deactivation stays ended when the
-- account is reactivated.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
