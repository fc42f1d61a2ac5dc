-- 0004_survey_versions_by_ingest: `survey_versions` written by the ingest itself, not by a trigger.
--
-- Migration 0002 filled the projection with a statement-level trigger on `office_rows`. Its
-- transition table held every row of each COPY (a whole bundle's, spilled to disk beyond
-- work_mem) and the trigger parsed each survey row's jsonb again: about a sixth of an ingest's
-- time (200,003 rows: 3.4-3.8 s with it, 3.0-3.1 s without). The ingest now writes the
-- projection from the very rows it has just verified, with a COPY of their typed columns, in the
-- same transaction as `office_rows`: a bundle is still in both or in neither, and what was
-- projected before stays as it is.
DROP TRIGGER office_rows_project_survey_versions ON office_rows;
DROP FUNCTION project_survey_versions();
