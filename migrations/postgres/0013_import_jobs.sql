-- Import jobs kept in the database, so that any app server behind a balancer can report,
-- commit or discard a job, whichever server received the upload. `status` is the JSON the
-- import page shows; `file` the uploaded bytes, kept until the job is committed or discarded
-- (a commit checks the file again, as the person who commits it). Times are milliseconds since
-- 1970 (UTC); a job is forgotten two hours after its upload.
CREATE TABLE import_jobs (
    id         TEXT PRIMARY KEY,
    owner      BIGINT NOT NULL REFERENCES users (id),
    filename   TEXT NOT NULL,
    phase      TEXT NOT NULL,
    status     TEXT NOT NULL,
    file       BYTEA,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
CREATE INDEX import_jobs_owner ON import_jobs (owner, created_ms);
