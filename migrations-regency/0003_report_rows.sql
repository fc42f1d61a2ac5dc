-- 0003_report_rows: the rows `iku-regency report` loads into each office's replica, found without
-- reading the survey responses.
--
-- The report reads every row an office sent except its survey responses (IKU 1 comes from
-- `survey_versions`). Those are most of `office_rows` (2.2 of 2.6 million rows in the national
-- benchmark), so without an index the read was a scan of the whole table: 1.4 s of the server's
-- time for 400,000 rows. This partial index holds only the other rows, in kecamatan order (the
-- report reads them office by office), and costs a survey row nothing on ingest.
CREATE INDEX office_rows_other_than_survey ON office_rows (kecamatan_code)
    WHERE table_name <> 'survey_response_versions';
