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
    u1 smallint, u2 smallint, u3 smallint, u4 smallint, u5 smallint, u6 smallint, u7 smallint, u8 smallint, u9 smallint,
    PRIMARY KEY (kecamatan_code, response_id, version)
);
CREATE INDEX survey_versions_by_date ON survey_versions (kecamatan_code, survey_date COLLATE "C");
-- The versions that replace an earlier one (corrections and voids): few, so "is there a later
-- version as of this change" is a probe into a small index.
CREATE INDEX survey_versions_later ON survey_versions (kecamatan_code, response_id, version) WHERE version > 1;

CREATE FUNCTION project_survey_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO survey_versions
    SELECT n.kecamatan_code, (n.row_values->>'response_id')::bigint, (n.row_values->>'version')::bigint, n.change_id,
           n.row_values->>'survey_date', (n.row_values->>'voided')::bigint = 1,
           (n.row_values->>'u1')::smallint, (n.row_values->>'u2')::smallint, (n.row_values->>'u3')::smallint,
           (n.row_values->>'u4')::smallint, (n.row_values->>'u5')::smallint, (n.row_values->>'u6')::smallint,
           (n.row_values->>'u7')::smallint, (n.row_values->>'u8')::smallint, (n.row_values->>'u9')::smallint
    FROM new_rows AS n
    WHERE n.table_name = 'survey_response_versions';
    RETURN NULL;
END;
$$;
CREATE TRIGGER office_rows_project_survey_versions AFTER INSERT ON office_rows
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_survey_versions();
CREATE TRIGGER survey_versions_append_only BEFORE UPDATE OR DELETE ON survey_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();

INSERT INTO survey_versions
SELECT r.kecamatan_code, (r.row_values->>'response_id')::bigint, (r.row_values->>'version')::bigint, r.change_id,
       r.row_values->>'survey_date', (r.row_values->>'voided')::bigint = 1,
       (r.row_values->>'u1')::smallint, (r.row_values->>'u2')::smallint, (r.row_values->>'u3')::smallint,
       (r.row_values->>'u4')::smallint, (r.row_values->>'u5')::smallint, (r.row_values->>'u6')::smallint,
       (r.row_values->>'u7')::smallint, (r.row_values->>'u8')::smallint, (r.row_values->>'u9')::smallint
FROM office_rows AS r
WHERE r.table_name = 'survey_response_versions';
