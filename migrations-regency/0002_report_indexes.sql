-- 0002_report_indexes: what `iku-regency report` looks up for every survey response it counts.
--
-- IKU 1 counts each response's latest version as of the office's last change: for every version
-- in the period, the report asks whether a later version exists (as the office's own query does).
-- Without this index that question scans every response of the office (a nation of 7,277 offices
-- with a few hundred responses each took minutes); with it, it is one index probe. It leads with
-- the kecamatan code like every other index, so it partitions with the table.
CREATE INDEX office_rows_survey_versions ON office_rows
    (kecamatan_code, ((row_values->>'response_id')::bigint), ((row_values->>'version')::bigint))
    WHERE table_name = 'survey_response_versions';
