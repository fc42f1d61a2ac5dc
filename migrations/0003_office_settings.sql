-- 0003_office_settings: the office's own settings, kept with history like targets (append-only,
-- the latest row per key wins, a NULL value clears an optional one): its time zone (SPEC.md "Days
-- and time zones") and the details an official report carries: the regency's name, the office's
-- address and the head of office (name, NIP, rank, position).
--
-- A database created before this migration has no rows here: its time zone is the one its
-- kecamatan code's province gives until one is set, which is what `iku init` records today.
CREATE TABLE office_settings (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id),
    key TEXT NOT NULL CHECK (key IN ('timezone', 'regency_name', 'address', 'head_name', 'head_nip',
                                     'head_rank', 'head_position')),
    value TEXT CHECK (value IS NULL OR (length(trim(value)) BETWEEN 1 AND 500 AND value IS trim(value)))
) STRICT;
CREATE INDEX office_settings_by_key ON office_settings (key, change_id);

CREATE TRIGGER office_settings_no_update BEFORE UPDATE ON office_settings
BEGIN SELECT RAISE(ABORT, 'office_settings is append-only: record a correction or a void instead'); END;
CREATE TRIGGER office_settings_no_delete BEFORE DELETE ON office_settings
BEGIN SELECT RAISE(ABORT, 'office_settings is append-only: record a correction or a void instead'); END;
