import Foundation
import Testing
@testable import Storage

/// The regency's in-memory copy of one office's rows: rows read from `jsonb` text (fast path and
/// Foundation's fallback alike), identity rows derived, unknown tables and columns refused, and
/// every load rolled back so the next office finds the replica empty.
@Suite("Office replica")
struct OfficeReplicaTests {
    static let office = ChangeEntry(id: 1, recordedAt: "2026-01-02T03:04:05.000Z", actor: "clerk", kind: "office",
                                    action: "create", recordID: 1, summary: "office", entryDigest: nil)

    @Test func jsonbTextIsReadAsFoundationReadsIt() throws {
        let text = #"{"id": 1, "name": "Desa \"Satu\"", "note": null, "value": {"real": "82.5"}, "b": {"blob": "AAH/"}}"#
        let fast = try #require(Data(text.utf8).withUnsafeBytes(RowLine.object))
        #expect(fast.map(\.key) == ["id", "name", "note", "value", "b"])
        #expect(fast.map(\.value) == [.integer(1), .text("Desa \"Satu\""), .null, .real(82.5), .blob(Data([0, 1, 255]))])
        #expect(Data("{}".utf8).withUnsafeBytes(RowLine.object)?.isEmpty == true)
        // A spelling PostgreSQL does not print, or a \u escape, is left to Foundation's parser.
        for other in [#"{"id":1}"#, #"{"name": "\u00e9"}"#, #"{"id": 1.5}"#, #"{"id": 1} "#] {
            #expect(Data(other.utf8).withUnsafeBytes(RowLine.object) == nil, "\(other)")
        }
        let fallback = try OfficeReplica.members(OfficeReplica.Row(table: "t", json: #"{"name": "\u00e9"}"#))
        #expect(fallback.map(\.value) == [.text("é")])
    }

    @Test func aLoadIsSeenInsideItsBodyAndRolledBackAfter() throws {
        let replica = try OfficeReplica(clock: .fixed(Date(timeIntervalSince1970: 1_767_322_800)))
        let rows = [
            OfficeReplica.Row(table: "office", json: #"{"id": 1, "kecamatan_code": "35.08.01", "kecamatan_name": "Tempursari", "change_id": 1}"#),
            OfficeReplica.Row(table: "facilitation_versions", json: """
                {"row_id": 1, "facilitation_id": 4, "version": 1, "change_id": 1, "voided": 0, "void_reason": null, \
                "held_on": "2025-03-01", "kind": "koordinasi", "institution": "Puskesmas", "subject": "Stunting", \
                "section": null, "result": null}
                """),
            OfficeReplica.Row(table: "follow_up_links", json: #"{"follow_up_id": 9, "facilitation_id": 4, "change_id": 1}"#),
        ]
        let seen = try replica.with(changes: [Self.office], rows: rows) { database in
            [try database.connection.prepare("SELECT count(*) FROM facilitations WHERE id = 4").scalarInt64() ?? 0,
             try database.connection.prepare("SELECT facilitation_id FROM follow_ups WHERE id = 9").scalarInt64() ?? 0,
             try database.lastChangeID()]
        }
        #expect(seen == [1, 4, 1])
        let empty = try replica.with(changes: [], rows: []) { database in
            try database.connection.prepare("SELECT (SELECT count(*) FROM office) + (SELECT count(*) FROM changes)").scalarInt64()
        }
        #expect(empty == 0)
    }

    @Test func rowsOfTablesOrColumnsTheSchemaDoesNotHaveAreRefused() throws {
        let replica = try OfficeReplica()
        for (row, words) in [
            (OfficeReplica.Row(table: "office", json: #"{"id": 1, "motto": "x"}"#), "column motto"),
            (OfficeReplica.Row(table: "no_such_table", json: "{}"), "no_such_table"),
            (OfficeReplica.Row(table: "survey_response_versions", json: "{}"), "survey_response_versions"),
            (OfficeReplica.Row(table: "office", json: "[1, 2]"), "not a JSON object"),
        ] {
            let error = try #require(throws: StateError.self) { try replica.with(changes: [], rows: [row]) { _ in 0 } }
            #expect("\(error)".contains(words), "\(error)")
        }
        #expect(try replica.with(changes: [], rows: []) { try $0.connection.prepare("SELECT count(*) FROM office").scalarInt64() } == 0)
    }
}
