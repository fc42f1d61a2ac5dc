-- The regency's schema (PostgreSQL). Every table holding an office's data has the kecamatan
-- code as the leading column of its primary key, so it can become a table declaratively
-- partitioned by that code (PARTITION BY LIST or HASH (kecamatan_code)) without changing a
-- query: every write and every per-kecamatan read already names its code.

CREATE TABLE regency (
    id integer PRIMARY KEY CHECK (id = 1),
    code text NOT NULL CHECK (code ~ '^[0-9]{2}\.[0-9]{2}$'),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100 AND name = btrim(name)),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The registered kecamatan and the key each signs its bundles with.
CREATE TABLE offices (
    kecamatan_code text PRIMARY KEY CHECK (kecamatan_code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$'),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100 AND name = btrim(name)),
    public_key text NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now()
);

-- Every bundle ingested: its header and what it added.
CREATE TABLE ingests (
    kecamatan_code text NOT NULL REFERENCES offices (kecamatan_code),
    id bigint GENERATED ALWAYS AS IDENTITY,
    file_name text NOT NULL,
    first_head text NOT NULL CHECK (length(first_head) = 64),
    last_head text NOT NULL CHECK (length(last_head) = 64),
    body_sha256 text NOT NULL CHECK (length(body_sha256) = 64),
    header jsonb NOT NULL,
    changes_added bigint NOT NULL CHECK (changes_added >= 0),
    rows_added bigint NOT NULL CHECK (rows_added >= 0),
    ingested_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kecamatan_code, id)
);

-- The office's change log as it sent it, with its audit digests (the office's own chain).
CREATE TABLE office_changes (
    kecamatan_code text NOT NULL REFERENCES offices (kecamatan_code),
    change_id bigint NOT NULL,
    recorded_at text NOT NULL,
    actor text NOT NULL,
    kind text NOT NULL,
    action text NOT NULL,
    record_id bigint,
    summary text NOT NULL,
    content_sha256 text NOT NULL CHECK (length(content_sha256) = 64),
    previous_sha256 text NOT NULL CHECK (length(previous_sha256) = 64),
    entry_sha256 text NOT NULL CHECK (length(entry_sha256) = 64),
    ingest_id bigint NOT NULL,
    PRIMARY KEY (kecamatan_code, change_id),
    UNIQUE (kecamatan_code, entry_sha256),
    FOREIGN KEY (kecamatan_code, ingest_id) REFERENCES ingests (kecamatan_code, id)
        DEFERRABLE INITIALLY DEFERRED
);

-- Every row the office's changes wrote, per office table, as the bundle carried it: an object
-- of column name to value in the bundle's encoding (integers and text as JSON, reals as
-- {"real": "82.5"}, blobs as {"blob": BASE64}), so its digests can be recomputed exactly and an
-- office table added by a later iku needs no regency migration.
CREATE TABLE office_rows (
    kecamatan_code text NOT NULL,
    table_name text NOT NULL,
    row_id bigint NOT NULL,
    change_id bigint NOT NULL,
    row_values jsonb NOT NULL,
    PRIMARY KEY (kecamatan_code, table_name, row_id),
    FOREIGN KEY (kecamatan_code, change_id) REFERENCES office_changes (kecamatan_code, change_id)
        DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX office_rows_by_change ON office_rows (kecamatan_code, change_id);

-- Evidence of a fork: a bundle signed by the office's key whose history differs from the one
-- already ingested after a head both share. The office is flagged until the fork is resolved.
CREATE TABLE forks (
    kecamatan_code text NOT NULL REFERENCES offices (kecamatan_code),
    id bigint GENERATED ALWAYS AS IDENTITY,
    file_name text NOT NULL,
    body_sha256 text NOT NULL CHECK (length(body_sha256) = 64),
    header jsonb NOT NULL,
    bundle_last_head text NOT NULL,
    change_id bigint NOT NULL,
    stored_entry_sha256 text NOT NULL,
    bundle_entry_sha256 text NOT NULL,
    detected_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kecamatan_code, id)
);

CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER office_changes_append_only BEFORE UPDATE OR DELETE ON office_changes
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER office_rows_append_only BEFORE UPDATE OR DELETE ON office_rows
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER ingests_append_only BEFORE UPDATE OR DELETE ON ingests
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER forks_append_only BEFORE UPDATE OR DELETE ON forks
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
