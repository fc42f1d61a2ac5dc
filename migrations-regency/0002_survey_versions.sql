-- 0002_survey_versions: the survey response versions the offices sent, as typed columns, for
-- `iku-regency report`'s IKU 1 (sums and counts per unsur of each response's latest version as of
-- the office's last change).
--
-- `office_rows` keeps every row exactly as the bundle carried it (so its digests recompute); read
-- from there, IKU 1 of a nation (7,277 offices, a few hundred responses each) took half a minute
-- of jsonb extraction and per-row probes. This table is derived from it and nothing else: a
-- statement-level trigger projects each statement's new survey rows in the same transaction (so
-- a bundle is in both or in neither), and the backfill below projects what was ingested before.
-- Like every table of office data it leads with the kecamatan code, so it partitions the same way.
CREATE TABLE survey_versions (
    kecamatan_code text NOT NULL,
    response_id bigint NOT NULL,
    version bigint NOT NULL,
    change_id bigint NOT NULL,
    survey_date text NOT NULL,
    voided boolean NOT NULL,
    u1 smallint, u2 smallint, u3 smallint, u4 smallint, u5 smallint, u6 smallint, u7 smallint, u8 smallint, u9 smallint
);
-- No other index: the report reads the table whole, joined by hash to the offices it covers (an
-- index per row written cost the ingest a tenth of its speed); uniqueness is `office_rows`' own.
-- The versions that replace an earlier one (corrections and voids) are few, so "is there a later
-- version as of this change" is a probe into a small index.
CREATE INDEX survey_versions_later ON survey_versions (kecamatan_code, response_id, version) WHERE version > 1;

-- The columns a projection reads from a row's object, by their names there: one pass over the
-- object per row (jsonb_populate_record), not one lookup per column.
CREATE TYPE survey_version_row AS (
    response_id bigint, version bigint, survey_date text, voided bigint,
    u1 smallint, u2 smallint, u3 smallint, u4 smallint, u5 smallint, u6 smallint, u7 smallint, u8 smallint, u9 smallint
);

CREATE FUNCTION project_survey_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO survey_versions
    SELECT n.kecamatan_code, r.response_id, r.version, n.change_id, r.survey_date, r.voided = 1,
           r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9
    FROM new_rows AS n, jsonb_populate_record(NULL::survey_version_row, n.row_values) AS r
    WHERE n.table_name = 'survey_response_versions';
    RETURN NULL;
END;
$$;
CREATE TRIGGER office_rows_project_survey_versions AFTER INSERT ON office_rows
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_survey_versions();
CREATE TRIGGER survey_versions_append_only BEFORE UPDATE OR DELETE ON survey_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();

INSERT INTO survey_versions
SELECT o.kecamatan_code, r.response_id, r.version, o.change_id, r.survey_date, r.voided = 1,
       r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9
FROM office_rows AS o, jsonb_populate_record(NULL::survey_version_row, o.row_values) AS r
WHERE o.table_name = 'survey_response_versions';
