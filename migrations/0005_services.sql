-- 0005_services: the services (jenis layanan) the office offers, kept with history like targets
-- (append-only, the latest row per name wins, compared without regard to ASCII case): the list
-- the kiosk's questionnaire offers. `offered` 1 adds a service to the list, 0 takes it off; a
-- service taken off stays in history and in the responses that named it.
CREATE TABLE service_settings (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200 AND name IS trim(name)),
    offered INTEGER NOT NULL CHECK (offered IN (0, 1))
) STRICT;
CREATE INDEX service_settings_by_name ON service_settings (name COLLATE NOCASE, id);

CREATE TRIGGER service_settings_no_update BEFORE UPDATE ON service_settings
BEGIN SELECT RAISE(ABORT, 'service_settings is append-only: record a correction or a void instead'); END;
CREATE TRIGGER service_settings_no_delete BEFORE DELETE ON service_settings
BEGIN SELECT RAISE(ABORT, 'service_settings is append-only: record a correction or a void instead'); END;
