-- 0002_audit_chain: a SHA-256 chain over the change log, so edits behind iku's back are detected.
--
-- For every change, `content_sha256` digests every row that change wrote (in every table with a
-- change_id, in rowid order, every value typed, in column order), and `entry_sha256`
-- digests the previous entry's digest, the change row itself and the content digest. Altering a
-- record, a change or a digest, or removing one, breaks the chain from that entry on.

CREATE TABLE change_digests (
    change_id INTEGER PRIMARY KEY REFERENCES changes(id),
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
    previous_sha256 TEXT NOT NULL CHECK (length(previous_sha256) = 64),
    entry_sha256 TEXT NOT NULL UNIQUE CHECK (length(entry_sha256) = 64)
) STRICT;

CREATE TRIGGER change_digests_no_update BEFORE UPDATE ON change_digests
BEGIN SELECT RAISE(ABORT, 'change_digests is append-only: record a correction or a void instead'); END;
CREATE TRIGGER change_digests_no_delete BEFORE DELETE ON change_digests
BEGIN SELECT RAISE(ABORT, 'change_digests is append-only: record a correction or a void instead'); END;
