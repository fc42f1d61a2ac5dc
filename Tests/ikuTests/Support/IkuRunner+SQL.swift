import Foundation

extension IkuRunner {
    /// Runs SQL on the test database with the `sqlite3` shell, as records would be written by the
    /// clerk commands (identity row, version row, change row); fails the caller on any error.
    func sql(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-bail", databasePath]
        let input = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RunFailure(result: RunResult(status: process.terminationStatus, stdout: "", stderr: message))
        }
    }

    /// The records of a small year 2026 for Kecamatan Tempursari:
    /// - 100 survey responses whose per-element averages are SPEC.md's published NRR
    ///   (3.31, 3.35, 3.49, 3.93, 3.45, 3.39, 3.39, 3.76, 3.35 → IKM 87.28, B), dated Jan–Mar;
    /// - two activities, one followed up on 2026-02-10;
    /// - two villages: Tegalrejo adopted RKPDesa 2027 on its deadline (2026-09-30), Bulurejo
    ///   delivered LPPDesa 2025 on 2026-04-02 (2 days late); everything else missing.
    func seedYear2026() throws {
        try sql("""
            INSERT INTO changes (recorded_at, actor, kind, action, summary)
            VALUES ('2026-04-01T00:00:00.000Z', 'test-clerk', 'survey', 'import', 'SKM triwulan I');
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
            INSERT INTO survey_responses (id) SELECT i FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
            INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service,
                u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation)
            SELECT i, 1, (SELECT max(id) FROM changes), printf('2026-%02d-15', 1 + i % 3), 'KTP',
                   3 + (i <= 31), 3 + (i <= 35), 3 + (i <= 49), 3 + (i <= 93), 3 + (i <= 45),
                   3 + (i <= 39), 3 + (i <= 39), 3 + (i <= 76), 3 + (i <= 35), 'P', 30, 'SMA', 'SWASTA'
            FROM n;
            INSERT INTO changes (recorded_at, actor, kind, action, summary)
            VALUES ('2026-10-01T00:00:00.000Z', 'test-clerk', 'village', 'create', 'villages, documents, activities');
            INSERT INTO villages (id) VALUES (1), (2);
            INSERT INTO village_versions (village_id, version, change_id, code, name)
            VALUES (1, 1, (SELECT max(id) FROM changes), '35.08.01.2001', 'Tegalrejo'),
                   (2, 1, (SELECT max(id) FROM changes), '35.08.01.2002', 'Bulurejo');
            INSERT INTO submissions (id) VALUES (1), (2);
            INSERT INTO submission_versions (submission_id, version, change_id, village_id, document, fiscal_year, submitted_on)
            VALUES (1, 1, (SELECT max(id) FROM changes), 1, 'rkpdesa', 2027, '2026-09-30'),
                   (2, 1, (SELECT max(id) FROM changes), 2, 'lppdesa', 2025, '2026-04-02');
            INSERT INTO facilitations (id) VALUES (1), (2);
            INSERT INTO facilitation_versions (facilitation_id, version, change_id, held_on, kind, institution, subject, section)
            VALUES (1, 1, (SELECT max(id) FROM changes), '2026-02-02', 'koordinasi', 'Puskesmas', 'Stunting', 'Kesra'),
                   (2, 1, (SELECT max(id) FROM changes), '2026-03-03', 'fasilitasi', 'BPD Tegalrejo', 'Musdes', 'Pemerintahan');
            INSERT INTO follow_ups (id, facilitation_id) VALUES (1, 1);
            INSERT INTO follow_up_versions (follow_up_id, version, change_id, done_on, action)
            VALUES (1, 1, (SELECT max(id) FROM changes), '2026-02-10', 'Surat edaran');
            """)
    }

    /// A correction of survey response `id`: version 2 with U1 answered 1.
    func correctSurveyResponse(_ id: Int) throws {
        try sql("""
            INSERT INTO changes (recorded_at, actor, kind, action, record_id, summary)
            VALUES ('2026-12-30T00:00:00.000Z', 'auditor', 'survey', 'correct', \(id), 'U1 was 1 on the paper form');
            INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service,
                u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation)
            SELECT response_id, version + 1, (SELECT max(id) FROM changes), survey_date, service,
                   1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation
            FROM survey_response_versions WHERE response_id = \(id) ORDER BY version DESC LIMIT 1;
            """)
    }
}

extension IkuRunner {
    /// Adds to `seedYear2026` a second year and texts that must be escaped:
    /// - 40 survey responses dated May 2025 (every element NRR 3.25 → IKM 81.25);
    /// - a 2025 activity followed up, and a 2026 activity with a hostile institution and subject,
    ///   not followed up (2026: 1 of 3 followed up);
    /// - a third village named `<script>alert(1)</script> & "Co"` that adopted APBDesa 2027 on
    ///   2026-12-01 (on time), and Tegalrejo's LPPDesa 2024 delivered on 2025-03-30 (on time).
    func seedYear2025AndHostileTexts() throws {
        try sql("""
            INSERT INTO changes (recorded_at, actor, kind, action, summary)
            VALUES ('2026-12-01T00:00:00.000Z', 'test-clerk', 'survey', 'import', 'SKM 2025 and more');
            WITH RECURSIVE n(i) AS (SELECT 101 UNION ALL SELECT i + 1 FROM n WHERE i < 140)
            INSERT INTO survey_responses (id) SELECT i FROM n;
            WITH RECURSIVE n(i) AS (SELECT 101 UNION ALL SELECT i + 1 FROM n WHERE i < 140)
            INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service,
                u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation)
            SELECT i, 1, (SELECT max(id) FROM changes), '2025-05-20', 'KK',
                   3 + (i % 4 = 0), 3 + (i % 4 = 0), 3 + (i % 4 = 0), 3 + (i % 4 = 0), 3 + (i % 4 = 0),
                   3 + (i % 4 = 0), 3 + (i % 4 = 0), 3 + (i % 4 = 0), 3 + (i % 4 = 0), 'L', 45, 'SMP', 'WIRAUSAHA'
            FROM n;
            INSERT INTO villages (id) VALUES (3);
            INSERT INTO village_versions (village_id, version, change_id, code, name)
            VALUES (3, 1, (SELECT max(id) FROM changes), '35.08.01.2007', '<script>alert(1)</script> & "Co"');
            INSERT INTO submissions (id) VALUES (3), (4);
            INSERT INTO submission_versions (submission_id, version, change_id, village_id, document, fiscal_year, submitted_on, reference)
            VALUES (3, 1, (SELECT max(id) FROM changes), 3, 'apbdesa', 2027, '2026-12-01', 'Perdes <7>/2026'),
                   (4, 1, (SELECT max(id) FROM changes), 1, 'lppdesa', 2024, '2025-03-30', NULL);
            INSERT INTO facilitations (id) VALUES (3), (4);
            INSERT INTO facilitation_versions (facilitation_id, version, change_id, held_on, kind, institution, subject, section)
            VALUES (3, 1, (SELECT max(id) FROM changes), '2026-05-01', 'koordinasi', '<img src=x onerror=alert(2)>',
                    'Rapat & "evaluasi" <b>', 'Trantib'),
                   (4, 1, (SELECT max(id) FROM changes), '2025-06-01', 'fasilitasi', 'Dinas PMD', 'BUMDes', 'PMD');
            INSERT INTO follow_ups (id, facilitation_id) VALUES (2, 4);
            INSERT INTO follow_up_versions (follow_up_id, version, change_id, done_on, action)
            VALUES (2, 1, (SELECT max(id) FROM changes), '2025-06-10', 'Pendampingan');
            """)
    }
}
