-- Real records from public sources: a key that ties a seeded practice to its record (so the seed
-- adds each one once and never touches it again), and the chairs' sourced periods.
ALTER TABLE practices ADD COLUMN seed_key TEXT;
CREATE UNIQUE INDEX practices_seed_key ON practices (seed_key);

ALTER TABLE chair_periods ADD COLUMN note_es TEXT NOT NULL DEFAULT '';
ALTER TABLE chair_periods ADD COLUMN note_en TEXT NOT NULL DEFAULT '';
ALTER TABLE chair_periods ADD COLUMN source_url TEXT;
