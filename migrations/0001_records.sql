-- 0001_records: the records behind the three IKU, kept append-only.
--
-- History design: every record kind has an identity table (one row per record, the stable id
-- clerks and auditors use) and a version table (one row per version of that record). Adding a
-- record writes version 1; a correction writes version N+1 with every field; a void writes
-- version N+1 with the same fields, voided = 1 and the reason. Each version row points at the
-- `changes` entry that wrote it, which says who (actor) and when (UTC, ISO 8601). Settings that
-- are "set" rather than entered (deadline overrides, targets, survey populations) are
-- append-only tables where the latest row for a key wins. Nothing is ever updated or deleted:
-- the triggers at the end refuse it, even from a plain sqlite3 shell.
--
-- Dates are ISO 'YYYY-MM-DD' text, checked to be real calendar dates.

CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    recorded_at TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    actor TEXT NOT NULL CHECK (length(trim(actor)) BETWEEN 1 AND 100 AND actor IS trim(actor)),
    kind TEXT NOT NULL CHECK (kind IN ('office', 'village', 'submission', 'deadline', 'facilitation',
                                       'follow_up', 'survey', 'population', 'target', 'snapshot')),
    action TEXT NOT NULL CHECK (action IN ('create', 'correct', 'void', 'import', 'set')),
    record_id INTEGER,
    summary TEXT NOT NULL
) STRICT;
CREATE INDEX changes_by_time ON changes (recorded_at);

CREATE TABLE office (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kecamatan_code TEXT NOT NULL CHECK (kecamatan_code GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9]'),
    kecamatan_name TEXT NOT NULL CHECK (length(trim(kecamatan_name)) BETWEEN 1 AND 100 AND kecamatan_name IS trim(kecamatan_name)),
    change_id INTEGER NOT NULL REFERENCES changes(id)
) STRICT;

-- Villages (desa) with the period in which they belong to the kecamatan.
CREATE TABLE villages (id INTEGER PRIMARY KEY) STRICT;
CREATE TABLE village_versions (
    row_id INTEGER PRIMARY KEY,
    village_id INTEGER NOT NULL REFERENCES villages(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    change_id INTEGER NOT NULL REFERENCES changes(id),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT CHECK (void_reason IS NULL OR (length(trim(void_reason)) BETWEEN 1 AND 500 AND void_reason IS trim(void_reason))),
    code TEXT NOT NULL CHECK (code GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9].[0-9][0-9][0-9][0-9]'),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100 AND name IS trim(name)),
    active_from TEXT CHECK (active_from IS NULL OR (active_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(active_from, '+0 days') IS active_from)),
    active_until TEXT CHECK (active_until IS NULL OR (active_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(active_until, '+0 days') IS active_until)),
    CHECK (active_from IS NULL OR active_until IS NULL OR active_until >= active_from),
    CHECK ((voided = 1) = (void_reason IS NOT NULL)),
    UNIQUE (village_id, version)
) STRICT;
CREATE INDEX village_versions_by_code ON village_versions (code);
CREATE VIEW current_villages AS
SELECT v.* FROM village_versions AS v
WHERE v.version = (SELECT max(w.version) FROM village_versions AS w WHERE w.village_id = v.village_id);

-- Village documents (RKPDesa, APBDesa, LPPDesa) for a fiscal year, with the date adopted or delivered.
CREATE TABLE submissions (id INTEGER PRIMARY KEY) STRICT;
CREATE TABLE submission_versions (
    row_id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    change_id INTEGER NOT NULL REFERENCES changes(id),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT CHECK (void_reason IS NULL OR (length(trim(void_reason)) BETWEEN 1 AND 500 AND void_reason IS trim(void_reason))),
    village_id INTEGER NOT NULL REFERENCES villages(id),
    document TEXT NOT NULL CHECK (document IN ('rkpdesa', 'apbdesa', 'lppdesa')),
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    submitted_on TEXT NOT NULL CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(submitted_on, '+0 days') IS submitted_on),
    reference TEXT CHECK (reference IS NULL OR (length(trim(reference)) BETWEEN 1 AND 200 AND reference IS trim(reference))),
    received_on TEXT CHECK (received_on IS NULL OR (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(received_on, '+0 days') IS received_on)),
    note TEXT CHECK (note IS NULL OR (length(trim(note)) BETWEEN 1 AND 1000 AND note IS trim(note))),
    CHECK ((voided = 1) = (void_reason IS NOT NULL)),
    UNIQUE (submission_id, version)
) STRICT;
CREATE INDEX submission_versions_by_village_document_year ON submission_versions (village_id, document, fiscal_year);
CREATE INDEX submission_versions_by_year ON submission_versions (fiscal_year, document);
CREATE VIEW current_submissions AS
SELECT v.* FROM submission_versions AS v
WHERE v.version = (SELECT max(w.version) FROM submission_versions AS w WHERE w.submission_id = v.submission_id);

-- Deadline overrides per document and fiscal year; the latest row wins, a NULL due_on restores the default.
CREATE TABLE deadline_settings (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id),
    document TEXT NOT NULL CHECK (document IN ('rkpdesa', 'apbdesa', 'lppdesa')),
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    due_on TEXT CHECK (due_on IS NULL OR (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(due_on, '+0 days') IS due_on))
) STRICT;
CREATE INDEX deadline_settings_by_key ON deadline_settings (document, fiscal_year);

-- Facilitation and coordination activities with other institutions, and their follow-ups.
CREATE TABLE facilitations (id INTEGER PRIMARY KEY) STRICT;
CREATE TABLE facilitation_versions (
    row_id INTEGER PRIMARY KEY,
    facilitation_id INTEGER NOT NULL REFERENCES facilitations(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    change_id INTEGER NOT NULL REFERENCES changes(id),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT CHECK (void_reason IS NULL OR (length(trim(void_reason)) BETWEEN 1 AND 500 AND void_reason IS trim(void_reason))),
    held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(held_on, '+0 days') IS held_on),
    kind TEXT NOT NULL CHECK (kind IN ('fasilitasi', 'koordinasi')),
    institution TEXT NOT NULL CHECK (length(trim(institution)) BETWEEN 1 AND 200 AND institution IS trim(institution)),
    subject TEXT NOT NULL CHECK (length(trim(subject)) BETWEEN 1 AND 500 AND subject IS trim(subject)),
    section TEXT CHECK (section IS NULL OR (length(trim(section)) BETWEEN 1 AND 100 AND section IS trim(section))),
    result TEXT CHECK (result IS NULL OR (length(trim(result)) BETWEEN 1 AND 2000 AND result IS trim(result))),
    CHECK ((voided = 1) = (void_reason IS NOT NULL)),
    UNIQUE (facilitation_id, version)
) STRICT;
CREATE INDEX facilitation_versions_by_date ON facilitation_versions (held_on);
CREATE VIEW current_facilitations AS
SELECT v.* FROM facilitation_versions AS v
WHERE v.version = (SELECT max(w.version) FROM facilitation_versions AS w WHERE w.facilitation_id = v.facilitation_id);

CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    facilitation_id INTEGER NOT NULL REFERENCES facilitations(id)
) STRICT;
CREATE INDEX follow_ups_by_facilitation ON follow_ups (facilitation_id);
CREATE TABLE follow_up_versions (
    row_id INTEGER PRIMARY KEY,
    follow_up_id INTEGER NOT NULL REFERENCES follow_ups(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    change_id INTEGER NOT NULL REFERENCES changes(id),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT CHECK (void_reason IS NULL OR (length(trim(void_reason)) BETWEEN 1 AND 500 AND void_reason IS trim(void_reason))),
    done_on TEXT NOT NULL CHECK (done_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(done_on, '+0 days') IS done_on),
    action TEXT NOT NULL CHECK (length(trim(action)) BETWEEN 1 AND 2000 AND action IS trim(action)),
    evidence TEXT CHECK (evidence IS NULL OR (length(trim(evidence)) BETWEEN 1 AND 500 AND evidence IS trim(evidence))),
    CHECK ((voided = 1) = (void_reason IS NOT NULL)),
    UNIQUE (follow_up_id, version)
) STRICT;
CREATE VIEW current_follow_ups AS
SELECT v.* FROM follow_up_versions AS v
WHERE v.version = (SELECT max(w.version) FROM follow_up_versions AS w WHERE w.follow_up_id = v.follow_up_id);

-- Public-service satisfaction survey (SKM) responses: U1..U9 each 1..4, or NULL when unanswered.
-- Closed sets here are written as OR chains, not IN lists: SQLite builds an IN list's lookup
-- table each time a CHECK runs, which made bulk imports a third slower. The foreign keys are
-- checked when the transaction commits (DEFERRABLE INITIALLY DEFERRED), which enforces them just
-- the same, since iku writes in one transaction per command and a plain sqlite3 statement is its
-- own transaction: a bulk import's multi-row INSERTs then need no statement journal (a copy of
-- every page the statement touches, kept to undo that statement alone), which took a quarter
-- of a million-row import's time.
CREATE TABLE survey_responses (id INTEGER PRIMARY KEY) STRICT;
CREATE TABLE survey_response_versions (
    row_id INTEGER PRIMARY KEY,
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) DEFERRABLE INITIALLY DEFERRED,
    version INTEGER NOT NULL CHECK (version >= 1),
    change_id INTEGER NOT NULL REFERENCES changes(id) DEFERRABLE INITIALLY DEFERRED,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided = 0 OR voided = 1),
    void_reason TEXT CHECK (void_reason IS NULL OR (length(trim(void_reason)) BETWEEN 1 AND 500 AND void_reason IS trim(void_reason))),
    survey_date TEXT NOT NULL CHECK (survey_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(survey_date, '+0 days') IS survey_date),
    service TEXT NOT NULL CHECK (length(trim(service)) BETWEEN 1 AND 200 AND service IS trim(service)),
    u1 INTEGER CHECK (u1 BETWEEN 1 AND 4),
    u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER CHECK (u3 BETWEEN 1 AND 4),
    u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER CHECK (u5 BETWEEN 1 AND 4),
    u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER CHECK (u7 BETWEEN 1 AND 4),
    u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
    gender TEXT CHECK (gender = 'L' OR gender = 'P'),
    age INTEGER CHECK (age BETWEEN 10 AND 120),
    education TEXT CHECK (education = 'SD' OR education = 'SMP' OR education = 'SMA' OR education = 'D1-D3'
                          OR education = 'D4/S1' OR education = 'S2' OR education = 'S3'),
    occupation TEXT CHECK (occupation = 'PNS' OR occupation = 'TNI' OR occupation = 'POLRI' OR occupation = 'SWASTA'
                           OR occupation = 'WIRAUSAHA' OR occupation = 'LAINNYA'),
    suggestion TEXT CHECK (suggestion IS NULL OR (length(trim(suggestion)) BETWEEN 1 AND 2000 AND suggestion IS trim(suggestion))),
    CHECK ((voided = 1) = (void_reason IS NOT NULL)),
    UNIQUE (response_id, version)
) STRICT;
CREATE INDEX survey_response_versions_by_date ON survey_response_versions (survey_date);
CREATE VIEW current_survey_responses AS
SELECT v.* FROM survey_response_versions AS v
WHERE v.version = (SELECT max(w.version) FROM survey_response_versions AS w WHERE w.response_id = v.response_id);

-- Number of service users in a year (quarter NULL) or quarter, for sample adequacy; latest row wins.
CREATE TABLE population_settings (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    quarter INTEGER CHECK (quarter BETWEEN 1 AND 4),
    user_count INTEGER NOT NULL CHECK (user_count >= 0)
) STRICT;
CREATE INDEX population_settings_by_key ON population_settings (year, quarter);

-- Yearly targets (Renstra / Perjanjian Kinerja) per indicator; latest row wins, NULL clears it.
CREATE TABLE target_settings (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id),
    indicator TEXT NOT NULL CHECK (indicator IN ('ikm', 'facilitation', 'village_documents')),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    value REAL CHECK (value > 0 AND value <= 100)
) STRICT;
CREATE INDEX target_settings_by_key ON target_settings (indicator, year);

-- Year-end figures as computed at a moment, with a digest of the exact input rows.
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    figures TEXT NOT NULL CHECK (json_valid(figures)),
    input_sha256 TEXT NOT NULL CHECK (length(input_sha256) = 64)
) STRICT;
CREATE INDEX snapshots_by_year ON snapshots (year);

-- CSV files imported, so the same file is not imported twice by accident.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id),
    kind TEXT NOT NULL CHECK (kind IN ('village', 'survey')),
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
    row_count INTEGER NOT NULL CHECK (row_count >= 0)
) STRICT;
CREATE INDEX imports_by_digest ON imports (file_sha256);

-- Append-only: every table refuses UPDATE and DELETE.
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'changes is append-only: record a correction or a void instead'); END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'changes is append-only: record a correction or a void instead'); END;
CREATE TRIGGER office_no_update BEFORE UPDATE ON office
BEGIN SELECT RAISE(ABORT, 'office is append-only: record a correction or a void instead'); END;
CREATE TRIGGER office_no_delete BEFORE DELETE ON office
BEGIN SELECT RAISE(ABORT, 'office is append-only: record a correction or a void instead'); END;
CREATE TRIGGER villages_no_update BEFORE UPDATE ON villages
BEGIN SELECT RAISE(ABORT, 'villages is append-only: record a correction or a void instead'); END;
CREATE TRIGGER villages_no_delete BEFORE DELETE ON villages
BEGIN SELECT RAISE(ABORT, 'villages is append-only: record a correction or a void instead'); END;
CREATE TRIGGER village_versions_no_update BEFORE UPDATE ON village_versions
BEGIN SELECT RAISE(ABORT, 'village_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER village_versions_no_delete BEFORE DELETE ON village_versions
BEGIN SELECT RAISE(ABORT, 'village_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
BEGIN SELECT RAISE(ABORT, 'submissions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
BEGIN SELECT RAISE(ABORT, 'submissions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER submission_versions_no_update BEFORE UPDATE ON submission_versions
BEGIN SELECT RAISE(ABORT, 'submission_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER submission_versions_no_delete BEFORE DELETE ON submission_versions
BEGIN SELECT RAISE(ABORT, 'submission_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER deadline_settings_no_update BEFORE UPDATE ON deadline_settings
BEGIN SELECT RAISE(ABORT, 'deadline_settings is append-only: record a correction or a void instead'); END;
CREATE TRIGGER deadline_settings_no_delete BEFORE DELETE ON deadline_settings
BEGIN SELECT RAISE(ABORT, 'deadline_settings is append-only: record a correction or a void instead'); END;
CREATE TRIGGER facilitations_no_update BEFORE UPDATE ON facilitations
BEGIN SELECT RAISE(ABORT, 'facilitations is append-only: record a correction or a void instead'); END;
CREATE TRIGGER facilitations_no_delete BEFORE DELETE ON facilitations
BEGIN SELECT RAISE(ABORT, 'facilitations is append-only: record a correction or a void instead'); END;
CREATE TRIGGER facilitation_versions_no_update BEFORE UPDATE ON facilitation_versions
BEGIN SELECT RAISE(ABORT, 'facilitation_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER facilitation_versions_no_delete BEFORE DELETE ON facilitation_versions
BEGIN SELECT RAISE(ABORT, 'facilitation_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER follow_ups_no_update BEFORE UPDATE ON follow_ups
BEGIN SELECT RAISE(ABORT, 'follow_ups is append-only: record a correction or a void instead'); END;
CREATE TRIGGER follow_ups_no_delete BEFORE DELETE ON follow_ups
BEGIN SELECT RAISE(ABORT, 'follow_ups is append-only: record a correction or a void instead'); END;
CREATE TRIGGER follow_up_versions_no_update BEFORE UPDATE ON follow_up_versions
BEGIN SELECT RAISE(ABORT, 'follow_up_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER follow_up_versions_no_delete BEFORE DELETE ON follow_up_versions
BEGIN SELECT RAISE(ABORT, 'follow_up_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER survey_responses_no_update BEFORE UPDATE ON survey_responses
BEGIN SELECT RAISE(ABORT, 'survey_responses is append-only: record a correction or a void instead'); END;
CREATE TRIGGER survey_responses_no_delete BEFORE DELETE ON survey_responses
BEGIN SELECT RAISE(ABORT, 'survey_responses is append-only: record a correction or a void instead'); END;
CREATE TRIGGER survey_response_versions_no_update BEFORE UPDATE ON survey_response_versions
BEGIN SELECT RAISE(ABORT, 'survey_response_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER survey_response_versions_no_delete BEFORE DELETE ON survey_response_versions
BEGIN SELECT RAISE(ABORT, 'survey_response_versions is append-only: record a correction or a void instead'); END;
CREATE TRIGGER population_settings_no_update BEFORE UPDATE ON population_settings
BEGIN SELECT RAISE(ABORT, 'population_settings is append-only: record a correction or a void instead'); END;
CREATE TRIGGER population_settings_no_delete BEFORE DELETE ON population_settings
BEGIN SELECT RAISE(ABORT, 'population_settings is append-only: record a correction or a void instead'); END;
CREATE TRIGGER target_settings_no_update BEFORE UPDATE ON target_settings
BEGIN SELECT RAISE(ABORT, 'target_settings is append-only: record a correction or a void instead'); END;
CREATE TRIGGER target_settings_no_delete BEFORE DELETE ON target_settings
BEGIN SELECT RAISE(ABORT, 'target_settings is append-only: record a correction or a void instead'); END;
CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots is append-only: record a correction or a void instead'); END;
CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots is append-only: record a correction or a void instead'); END;
CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports
BEGIN SELECT RAISE(ABORT, 'imports is append-only: record a correction or a void instead'); END;
CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports
BEGIN SELECT RAISE(ABORT, 'imports is append-only: record a correction or a void instead'); END;
