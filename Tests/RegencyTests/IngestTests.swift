import Foundation
import Testing
@testable import Regency
@testable import Storage

/// `iku-regency` on a real PostgreSQL server: init, office add/list, ingest and status, run as
/// the real binary against a fresh database per test.
@Suite("Regency ingest")
struct IngestTests {
    /// A regency Lumajang with Tempursari registered, on a fresh database.
    func withRegency(_ body: (TestDatabase, RegencyRunner, OfficeFixture) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let runner = RegencyRunner(address: database.address.description)
            let office = try OfficeFixture()
            try office.addRecords()
            try expectOK(runner.run(["init", "--code", "35.08", "--name", "Lumajang"]))
            try expectOK(runner.run(["office", "add", "--code", office.code, "--name", office.name,
                                     "--public-key", office.key.publicKeyText]))
            try await body(database, runner, office)
        }
    }

    func expectOK(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }

    /// Exit 1, one line on stderr naming the file and containing `reason`, and nothing written.
    func expectRefused(_ runner: RegencyRunner, _ database: TestDatabase, file: String, reason: String,
                       sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try await database.counts()
        let result = try runner.run(["ingest", file])
        #expect(result.status == 1, "stdout: \(result.stdout) stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(file), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(reason), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(try await database.counts() == before, sourceLocation: sourceLocation)
    }

    @Test func aBundleIsIngestedWithEveryChangeAndRowAndAgainChangesNothing() async throws {
        try await withRegency { database, runner, office in
            let (path, summary) = try office.export("all.iku-bundle")
            let first = try runner.run(["ingest", path])
            expectOK(first)
            #expect(first.stdout.contains("ingested \(summary.changes) changes, \(summary.rows) rows"))
            #expect(try await database.count("office_changes") == Int64(summary.changes))
            #expect(try await database.count("office_rows") == Int64(summary.rows))
            let before = try await database.counts()
            let again = try runner.run(["ingest", path])
            expectOK(again)
            #expect(again.stdout.contains("already held"))
            #expect(try await database.counts() == before)

            let status = try runner.run(["status"])
            expectOK(status)
            #expect(status.stdout.contains("35.08.01\tTempursari\t"))
            #expect(status.stdout.contains(summary.lastHead))
            #expect(status.stdout.contains("\t\(summary.rows)\t0"))
        }
    }

    @Test func theRowsAreKeptExactlySoTheirDigestsRecompute() async throws {
        try await withRegency { database, runner, office in
            let (path, _) = try office.export("all.iku-bundle")
            expectOK(try runner.run(["ingest", path]))
            let stored = try await RegencyServer.with(database.address) { server in
                try await server.rows("""
                    SELECT r.row_values::text FROM office_rows AS r
                    WHERE r.kecamatan_code = '35.08.01' AND r.table_name = 'survey_response_versions' ORDER BY r.row_id
                    """, as: String.self)
            }
            #expect(stored.count == 3)
            #expect(stored[0].contains("\"service\": \"KTP\"") && stored[0].contains("\"u9\": null"))
        }
    }

    @Test func laterBundlesContinueAndAWholeReExportAddsOnlyWhatIsNew() async throws {
        try await withRegency { database, runner, office in
            let (all, first) = try office.export("all.iku-bundle")
            expectOK(try runner.run(["ingest", all]))
            try TargetStore(office.database).set(.ikm, year: 2026, value: 82.5)
            let (since, next) = try office.export("since.iku-bundle", since: first.lastHead)
            let result = try runner.run(["ingest", since])
            expectOK(result)
            #expect(result.stdout.contains("ingested 1 changes"))
            try TargetStore(office.database).set(.facilitation, year: 2026, value: 90)
            let (whole, last) = try office.export("whole.iku-bundle")
            let overlap = try runner.run(["ingest", whole])
            expectOK(overlap)
            #expect(overlap.stdout.contains("ingested 1 changes"))
            #expect(try await database.count("office_changes") == Int64(last.changes))
            #expect(try await database.count("ingests") == 3)
            #expect(next.lastHead != last.lastHead)
        }
    }

    /// Ingest in this process with `limits`, through the library rather than the command.
    func ingest(_ path: String, in database: TestDatabase, limits: IngestLimits) async throws -> IngestOutcome {
        try await RegencyServer.with(database.address) { server in
            try await Regency.open(on: server).ingest(path, limits: limits)
        }
    }

    /// Limits so small that every second change closes a COPY and every row or two is a chunk of its own.
    static let tinyLimits = IngestLimits(changesPerBatch: 2, copyChunkBytes: 300)

    /// The rows go to PostgreSQL by COPY in chunks and the changes between two COPYs in batches:
    /// across every boundary each row is stored exactly as an INSERT of its JSON object in the
    /// bundle's encoding stores it (text with quotes, backslashes, tabs, line breaks and non-ASCII
    /// included), and the same bundle again changes nothing.
    @Test func rowsAndChangesAcrossEveryBatchBoundaryAreStoredExactly() async throws {
        try await withRegency { database, runner, office in
            let surveys = SurveyResponseStore(office.database)
            try surveys.add(SurveyResponseInput(
                date: "2026-02-12", service: "KTP", scores: "4,4,4,4,4,4,4,4,4",
                suggestion: "\"quoted\", back\\slash \\n, tab\tand\nline break, é 日本 😀"))
            let corrected = try surveys.add(SurveyResponseInput(date: "2026-02-13", service: "KK", scores: "1,2,3,4,,2,3,4,1"))
            _ = try surveys.correct(corrected, SurveyResponseInput(date: "2026-02-14", service: "KK", scores: "2,2,3,4,4,2,3,4,1"))
            _ = try surveys.void(try surveys.add(SurveyResponseInput(date: "2026-02-15", service: "KTP", scores: "3,3,3,3,3,3,3,3,3")),
                                 reason: "entered twice")
            try office.importSurveys(300, seed: 7)
            let (path, summary) = try office.export("all.iku-bundle")
            let outcome = try await ingest(path, in: database, limits: Self.tinyLimits)
            #expect(outcome == .ingested(changes: summary.changes, rows: summary.rows, lastHead: summary.lastHead))
            #expect(try await database.count("office_changes") == Int64(summary.changes))
            #expect(try await database.count("office_rows") == Int64(summary.rows))

            // Every row as `[table, rowid, change, {column: value}]`, spelled as the bundle spells it.
            var reader = try BundleReader(path: path, publicKey: office.key.publicKeyText)
            var expected: [String] = []
            var change: Int64 = 0
            while let event = try reader.next() {
                switch event {
                case .change(let values): change = values.id
                case .row(let table, let values):
                    let columns = try #require(reader.header.tables[table])
                    let object = zip(columns.dropFirst(), values.dropFirst())
                        .map { "\(JSONText.string($0.0)): \(Bundle.json($0.1))" }.joined(separator: ", ")
                    expected.append("[\(JSONText.string(table)), \(Bundle.json(values[0])), \(change), {\(object)}]")
                case .end: break
                }
            }
            let json = "[" + expected.joined(separator: ",") + "]"
            let code = office.code
            let matching = try await RegencyServer.with(database.address) { server in
                try await server.rows("""
                    SELECT count(*) FROM office_rows AS r JOIN jsonb_array_elements(\(json)::jsonb) AS e
                      ON r.table_name = e->>0 AND r.row_id = (e->>1)::bigint AND r.change_id = (e->>2)::bigint
                     AND r.row_values = e->3
                    WHERE r.kecamatan_code = \(code)
                    """, as: Int64.self)[0]
            }
            #expect(matching == Int64(summary.rows))
            let stored = try await RegencyServer.with(database.address) { server in
                try await server.rows("""
                    SELECT row_values->>'suggestion' FROM office_rows WHERE row_values ? 'suggestion'
                      AND row_values->>'suggestion' LIKE '%quoted%'
                    """, as: String.self)
            }
            #expect(stored == ["\"quoted\", back\\slash \\n, tab\tand\nline break, é 日本 😀"])

            // The survey rows' typed projection, written in parts between the COPYs, is each row as
            // its columns read (what migration 0002's trigger and backfill wrote): none missing,
            // none extra, corrections and voids included.
            let projection = try await RegencyServer.with(database.address) { server in
                try await server.rows("""
                    WITH projected AS (
                        SELECT o.kecamatan_code, p.response_id, p.version, o.change_id, p.survey_date, p.voided = 1 AS voided,
                               p.u1, p.u2, p.u3, p.u4, p.u5, p.u6, p.u7, p.u8, p.u9
                        FROM office_rows AS o, jsonb_populate_record(NULL::survey_version_row, o.row_values) AS p
                        WHERE o.table_name = 'survey_response_versions'
                    )
                    SELECT (SELECT count(*) FROM projected), (SELECT count(*) FROM survey_versions),
                           (SELECT count(*) FROM (SELECT * FROM projected EXCEPT ALL SELECT * FROM survey_versions) AS missing),
                           (SELECT count(*) FROM (SELECT * FROM survey_versions EXCEPT ALL SELECT * FROM projected) AS extra),
                           (SELECT count(*) FROM survey_versions WHERE version > 1), (SELECT count(*) FROM survey_versions WHERE voided),
                           (SELECT count(*) FROM survey_versions WHERE u5 IS NULL)
                    """, as: (Int64, Int64, Int64, Int64, Int64, Int64, Int64).self)[0]
            }
            #expect(projection.0 >= 303 && projection.1 == projection.0, "\(projection)")
            #expect(projection.2 == 0 && projection.3 == 0, "\(projection)")
            #expect(projection.4 >= 2 && projection.5 >= 1 && projection.6 >= 1, "\(projection)")

            let before = try await database.counts()
            #expect(try await ingest(path, in: database, limits: Self.tinyLimits) == .alreadyHeld(lastHead: summary.lastHead))
            #expect(try await database.counts() == before)
            _ = runner
        }
    }

    /// Rows already sent to PostgreSQL in many COPYs are not kept when the bundle fails at its end:
    /// a signature that does not verify leaves nothing written.
    @Test func aBundleRefusedAtItsTrailerWritesNothingOfTheRowsAlreadySent() async throws {
        try await withRegency { database, runner, office in
            try office.importSurveys(300, seed: 9)
            let (path, _) = try office.export("all.iku-bundle")
            var text = try String(contentsOfFile: path, encoding: .utf8)
            let marker = try #require(text.range(of: "\"signature\": \""))
            let first = marker.upperBound
            let replacement = text[first] == "A" ? "B" : "A"
            text.replaceSubrange(first...first, with: replacement)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let before = try await database.counts()
            let error = await #expect(throws: (any Error).self) {
                _ = try await ingest(path, in: database, limits: Self.tinyLimits)
            }
            #expect("\(error.map { "\($0)" } ?? "")".contains("signature does not verify"))
            #expect(try await database.counts() == before)
            try await expectRefused(runner, database, file: path, reason: "signature does not verify")
        }
    }

    @Test func anUnknownOfficeIsRefused() async throws {
        try await withRegency { database, runner, _ in
            let other = try OfficeFixture(code: "35.08.02", name: "Pasirian")
            let (path, _) = try other.export("pasirian.iku-bundle")
            try await expectRefused(runner, database, file: path, reason: "not registered")
        }
    }

    @Test func aBundleSignedByAnotherKeyIsRefused() async throws {
        try await withRegency { database, runner, office in
            let stranger = try OfficeKey.create(at: office.path("other.key"))
            try OfficeKeyLog(office.database).record(stranger.publicKeyText)
            let (path, _) = try office.export("other.iku-bundle", key: stranger)
            try await expectRefused(runner, database, file: path, reason: "signed by another key")
        }
    }

    @Test func aChangedByteIsRefused() async throws {
        try await withRegency { database, runner, office in
            let (path, _) = try office.export("all.iku-bundle")
            var text = try String(contentsOfFile: path, encoding: .utf8)
            let range = try #require(text.range(of: "\"KK\""))
            text.replaceSubrange(range, with: "\"KT\"")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try await expectRefused(runner, database, file: path, reason: "content digest")
        }
    }

    @Test func aBundleAfterAGapIsRefused() async throws {
        try await withRegency { database, runner, office in
            let start = try office.head()
            try TargetStore(office.database).set(.ikm, year: 2026, value: 82.5)
            let (path, _) = try office.export("later.iku-bundle", since: start)
            try await expectRefused(runner, database, file: path, reason: "a gap")
        }
    }

    @Test func aForkIsRefusedKeptAsEvidenceAndFlagged() async throws {
        try await withRegency { database, runner, office in
            // The office's database is copied; each copy then records a different change.
            let copyPath = office.path("copy.sqlite")
            try office.database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try FileManager.default.copyItem(atPath: office.path("office.sqlite"), toPath: copyPath)
            let (all, first) = try office.export("all.iku-bundle")
            expectOK(try runner.run(["ingest", all]))
            try TargetStore(office.database).set(.ikm, year: 2026, value: 82.5)
            expectOK(try runner.run(["ingest", try office.export("next.iku-bundle", since: first.lastHead).path]))

            let copy = try IkuDatabase.open(path: copyPath, actor: "clerk")
            try TargetStore(copy).set(.ikm, year: 2026, value: 70)
            let forked = office.path("forked.iku-bundle")
            try BundleExporter(copy).export(to: forked, since: first.lastHead, key: office.key)
            let before = try await database.counts()
            let result = try runner.run(["ingest", forked])
            #expect(result.status == 1)
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(forked))
            #expect(result.stderr.contains("a fork"))
            var after = try await database.counts()
            #expect(after["forks"] == 1)
            after["forks"] = before["forks"]
            #expect(after == before)
            let status = try runner.run(["status"])
            #expect(status.stdout.contains("FORK (1)"))
        }
    }

    @Test func aTruncatedBundleIsRefused() async throws {
        try await withRegency { database, runner, office in
            let (path, _) = try office.export("all.iku-bundle")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let lines = data.split(separator: 0x0A)
            try Data(lines.dropLast().joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: path))
            try await expectRefused(runner, database, file: path, reason: "truncated")
        }
    }

    @Test func aFileThatIsNoBundleIsRefused() async throws {
        try await withRegency { database, runner, office in
            let path = office.path("notes.csv")
            try Data("tanggal,layanan\n2026-02-10,KTP\n".utf8).write(to: URL(fileURLWithPath: path))
            try await expectRefused(runner, database, file: path, reason: "not an iku bundle")
        }
    }

    @Test func aNewerFormatVersionIsRefused() async throws {
        try await withRegency { database, runner, office in
            let (path, _) = try office.export("all.iku-bundle")
            var text = try String(contentsOfFile: path, encoding: .utf8)
            let range = try #require(text.range(of: "\"version\": 1"))
            text.replaceSubrange(range, with: "\"version\": 2")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try await expectRefused(runner, database, file: path, reason: "format version 2")
        }
    }

    @Test func officesAreRegisteredUnderTheRegencyWithAValidKey() async throws {
        try await withRegency { _, runner, office in
            let outside = try runner.run(["office", "add", "--code", "35.09.01", "--name", "Jember", "--public-key", office.key.publicKeyText])
            #expect(outside.status == 1 && outside.stderr.contains("code") && outside.stderr.contains("35.08.NN"))
            let badKey = try runner.run(["office", "add", "--code", "35.08.02", "--name", "Pasirian", "--public-key", "ed25519:abc"])
            #expect(badKey.status == 1 && badKey.stderr.contains("public-key"))
            let twice = try runner.run(["office", "add", "--code", office.code, "--name", office.name, "--public-key", office.key.publicKeyText])
            #expect(twice.status == 1 && twice.stderr.contains("not registered yet"))
            let list = try runner.run(["office", "list"])
            expectOK(list)
            #expect(list.stdout == "35.08.01\tTempursari\t\(office.key.publicKeyText)\n")
        }
    }

    @Test func initIsIdempotentAndRefusesAnotherRegency() async throws {
        try await withRegency { _, runner, _ in
            let again = try runner.run(["init", "--code", "35.08", "--name", "Lumajang"])
            expectOK(again)
            #expect(again.stdout.contains("already initialised"))
            let other = try runner.run(["init", "--code", "35.09", "--name", "Jember"])
            #expect(other.status == 1 && other.stderr.contains("already holds the regency 35.08 Lumajang"))
        }
    }

    @Test func anUnreachableServerIsAnErrorNamingIt() async throws {
        _ = try TestDatabase.server()
        let runner = RegencyRunner(address: "postgres://postgres@127.0.0.1:1/nowhere")
        let result = try runner.run(["status"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("cannot reach PostgreSQL at postgres://postgres@127.0.0.1:1/nowhere"))
    }
}

/// The COPY text of a row: the values as the bundle's encoding spells them, escaped for COPY.
@Suite("Regency COPY text")
struct RowCopyTests {
    @Test func integersAndTextAreSpelledAsTheBundleSpellsThem() {
        for integer: Int64 in [0, 7, 10, -1, -42, 1_000_000, Int64.max, Int64.min] {
            var bytes: [UInt8] = []
            RowCopy.appendInteger(integer, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(integer))
        }
        var copy = RowCopy(code: "35.08.01", chunkBytes: 1 << 20)
        copy.add(table: "t\\1", columns: ["rowid", "a", "b", "c", "d"],
                 values: [.integer(3), .text("q\"b\\s\tt\nn\u{1}"), .null, .real(82.5), .integer(-5)], changeID: 9)
        let text = String(buffer: copy.take())
        let expected = ["35.08.01", #"t\\1"#, "3", "9",
                        #"{"a": "q\\"b\\\\s\\tt\\nn\\u0001", "b": null, "c": {"real": "82.5"}, "d": -5}"#]
        #expect(text == expected.joined(separator: "\t") + "\n")
        #expect(copy.isEmpty && copy.added == 1)
    }
}
