import Foundation
import Indicators
import PostgresNIO
import Storage

/// The regency's table (`iku-regency report`): every registered kecamatan's three IKU for a
/// period as its own `iku report` computes them as of the last change held (or as of the end of
/// a day in that office's own zone), and the regency's roll-up.
///
/// How each kecamatan's figures are computed, and why this way: IKU 1 from the regency's
/// PostgreSQL aggregate of the office's live responses (`surveyTallies`: sums and counts per unsur,
/// so a nation of offices is one grouped scan); IKU 2, IKU 3, the targets, the sample size and the
/// office details by the office's own queries over an `OfficeReplica` of the rows it sent (a few
/// dozen rows an office). So the rules of deadlines, open periods, active villages, overrides and
/// follow-ups exist once, in `Indicators`, and parity holds by construction.
extension Regency {
    /// Each registered office with the last change held.
    static let officesWithLastChange = """
        SELECT o.kecamatan_code, o.name, c.change_id, c.recorded_at, c.entry_sha256
        FROM offices AS o
        LEFT JOIN LATERAL (SELECT change_id, recorded_at, entry_sha256 FROM office_changes AS c
                           WHERE c.kecamatan_code = o.kecamatan_code ORDER BY change_id DESC LIMIT 1) AS c ON true
        ORDER BY o.kecamatan_code
        """

    /// The latest time zone each office set (an office without one takes its province's).
    static let officeZones = """
        SELECT o.kecamatan_code, z.value
        FROM offices AS o
        JOIN LATERAL (SELECT r.row_values->>'value' AS value FROM office_rows AS r
                      WHERE r.kecamatan_code = o.kecamatan_code AND r.table_name = 'office_settings'
                        AND r.row_values->>'key' = 'timezone'
                      ORDER BY r.row_id DESC LIMIT 1) AS z ON true
        """

    /// The last change of each office recorded at or before its instant (`$2`, UTC text as logged).
    static let changesAsOf = """
        SELECT s.code, c.change_id, c.recorded_at, c.entry_sha256
        FROM unnest($1::text[], $2::text[]) AS s (code, until)
        JOIN LATERAL (SELECT change_id, recorded_at, entry_sha256 FROM office_changes AS c
                      WHERE c.kecamatan_code = s.code AND c.recorded_at COLLATE "C" <= s.until
                      ORDER BY change_id DESC LIMIT 1) AS c ON true
        """

    /// The rows an `OfficeReplica` loads, of each office in scope up to its last change. The
    /// replica loads no survey responses, and saying so lets the server read the other rows alone
    /// (regency migration 0003).
    static let replicaRows = """
        WITH scope AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS s (code, as_of))
        SELECT r.kecamatan_code, r.table_name, r.row_values::text
        FROM scope JOIN office_rows AS r ON r.kecamatan_code = scope.code
        WHERE r.table_name = ANY($3::text[]) AND r.table_name <> 'survey_response_versions'
          AND r.change_id <= scope.as_of
        """

    /// The changes that wrote the rows of tables `$3` (those read with their change), and each
    /// office's last change in scope.
    static let replicaChanges = """
        WITH scope AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS s (code, as_of)),
        named AS (
            SELECT r.kecamatan_code, r.change_id
            FROM scope JOIN office_rows AS r ON r.kecamatan_code = scope.code
            WHERE r.table_name = ANY($3::text[]) AND r.table_name <> 'survey_response_versions'
              AND r.change_id <= scope.as_of
            UNION SELECT code, as_of FROM scope
        )
        SELECT c.kecamatan_code, c.change_id, c.recorded_at, c.actor, c.kind, c.action, c.record_id, c.summary
        FROM named JOIN office_changes AS c ON c.kecamatan_code = named.kecamatan_code AND c.change_id = named.change_id
        ORDER BY c.kecamatan_code, c.change_id
        """

    /// How many kecamatan's rows are read in one query: the workers start on the first part while
    /// the next is read, and only a part's rows are held at once.
    static let officesReadAtOnce = 512

    /// Compiles the regency's table for `period`.
    ///
    /// - Parameters:
    ///   - asOf: nil for everything held; else a date (the end of that day in each office's own
    ///     zone) or an exact ISO 8601 date-time, as `iku report --as-of` reads it.
    ///   - clock: the regency's clock: "today" (open periods) is each office's local today on it.
    ///   - villages: whether IKU 3 lists each village's documents (the JSON does; the table, csv
    ///     and html show the figures alone; the list is one of IKU 3's two queries).
    public func report(for period: Period, asOf: String? = nil, clock: Clock = .system, villages: Bool = true) async throws
        -> RegencyCompilation {
        try await report(for: period, asOf: asOf, clock: clock, villages: villages, officesPerPart: Self.officesReadAtOnce)
    }

    /// `report(for:asOf:clock:villages:)`, the rows read `officesPerPart` kecamatan at a time.
    func report(for period: Period, asOf: String?, clock: Clock, villages: Bool, officesPerPart: Int) async throws
        -> RegencyCompilation {
        var offices: [(code: String, name: String, last: LastChange?)] = []
        for (code, name, id, recordedAt, head) in try await server.rows(
            PostgresQuery(unsafeSQL: Self.officesWithLastChange), as: (String, String, Int64?, String?, String?).self) {
            offices.append((code, name, id.map { LastChange(id: $0, recordedAt: recordedAt!, head: head!) }))
        }
        var zones: [String: OfficeZone] = [:]
        for (code, identifier) in try await server.rows(PostgresQuery(unsafeSQL: Self.officeZones), as: (String, String?).self) {
            guard let identifier else { continue }
            guard let zone = OfficeZone(identifier: identifier) else {
                throw StateError("the office \(code) set the time zone \"\(identifier)\", which this system does not know")
            }
            zones[code] = zone
        }
        let zoneOf = try Dictionary(uniqueKeysWithValues: offices.map { office in
            guard let zone = zones[office.code] ?? OfficeZone.forKecamatanCode(office.code) else {
                throw StateError("the office \(office.code) has no time zone and its code names no province in iku's table")
            }
            return (office.code, zone)
        })

        let now = clock.now()
        var last: [String: LastChange] = [:]
        var days: [String: CalendarDate] = [:]
        if let asOf {
            var codes: [String] = []
            var untils: [String] = []
            for office in offices {
                let calendar = OfficeCalendar(zone: zoneOf[office.code]!, now: now)
                let moment = try calendar.instant(asOf, field: "as-of", endOfDay: true)
                codes.append(office.code)
                untils.append(Timestamp.format(moment))
                days[office.code] = calendar.zone.day(of: moment)
            }
            var bindings = PostgresBindings()
            bindings.append(codes)
            bindings.append(untils)
            for (code, id, recordedAt, head) in try await server.rows(
                PostgresQuery(unsafeSQL: Self.changesAsOf, binds: bindings), as: (String, Int64, String, String).self) {
                last[code] = LastChange(id: id, recordedAt: recordedAt, head: head)
            }
        } else {
            for office in offices {
                last[office.code] = office.last
                days[office.code] = zoneOf[office.code]!.day(of: now)
            }
        }

        let scope = offices.compactMap { office in last[office.code].map { (office.code, $0.id) } }
        // One worker a core, each with a replica of its own.
        let workers = try (0..<max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))).map {
            try ReplicaWorker(clock: clock, label: "iku-regency.replica.\($0)")
        }
        let tables = workers[0].tables
        let place = Dictionary(uniqueKeysWithValues: offices.enumerated().map { ($1.code, $0) })
        // PostgreSQL aggregates the responses on one connection while the rows come on others, a
        // part of the kecamatan at a time; the workers compute each part's replicas while the
        // next part is read and the aggregate still runs.
        async let tallying = surveyTallies(for: period, asOf: Dictionary(uniqueKeysWithValues: scope))
        let pending = try await withThrowingTaskGroup(of: [(index: Int, report: PendingReport)].self) { group in
            for start in stride(from: 0, to: scope.count, by: officesPerPart) {
                let part = Array(scope[start..<min(start + officesPerPart, scope.count)])
                let (changes, rows) = try await replicaInput(part, tables: tables)
                for (number, worker) in workers.enumerated() {
                    let share = stride(from: number, to: part.count, by: workers.count).map { position in
                        let (code, change) = part[position]
                        return ReplicaWorker.Office(index: place[code]!, lastChangeID: change, day: days[code]!,
                                                    changes: changes[code] ?? [], rows: rows[code] ?? [])
                    }
                    group.addTask { try await worker.pendingReports(share, period: period, villages: villages) }
                }
            }
            var byOffice = [PendingReport?](repeating: nil, count: offices.count)
            for try await reports in group {
                for (index, report) in reports { byOffice[index] = report }
            }
            return byOffice
        }
        let tallies = try await tallying
        let kecamatan = offices.enumerated().map { index, office in
            let tally = tallies[office.code]
            return KecamatanEntry(code: office.code, name: office.name, zone: zoneOf[office.code]!, lastChange: last[office.code],
                                  report: tally.flatMap { tally in pending[index].map { $0.completed(with: tally) } })
        }
        return RegencyCompilation(regencyCode: code, regencyName: name, period: period, asOf: asOf, kecamatan: kecamatan)
    }

    /// The changes and rows of each office in `scope` (code, last change) that its replica loads:
    /// the rows of `tables.loaded`, the changes that wrote those of `tables.withChanges`.
    private func replicaInput(_ scope: [(String, Int64)], tables: (loaded: [String], withChanges: [String])) async throws
        -> (changes: [String: [Storage.ChangeEntry]], rows: [String: [OfficeReplica.Row]]) {
        func bindings(_ tables: [String]) -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(scope.map(\.0))
            bindings.append(scope.map(\.1))
            bindings.append(tables)
            return bindings
        }
        let (client, logger) = (server.client, server.logger)
        let changeBindings = bindings(tables.withChanges)
        // The changes come on one connection while the rows come on another.
        async let changing: [String: [Storage.ChangeEntry]] = {
            var changes: [String: [Storage.ChangeEntry]] = [:]
            let changeRows = try await client.query(PostgresQuery(unsafeSQL: Self.replicaChanges, binds: changeBindings), logger: logger)
            for try await (code, id, recordedAt, actor, kind, action, recordID, summary)
                in changeRows.decode((String, Int64, String, String, String, String, Int64?, String).self) {
                changes[code, default: []].append(Storage.ChangeEntry(id: id, recordedAt: recordedAt, actor: actor, kind: kind, action: action,
                                                              recordID: recordID, summary: summary, entryDigest: nil))
            }
            return changes
        }()
        var rows: [String: [OfficeReplica.Row]] = [:]
        let rowRows = try await server.client.query(PostgresQuery(unsafeSQL: Self.replicaRows, binds: bindings(tables.loaded)),
                                                    logger: server.logger)
        for try await (code, table, json) in rowRows.decode((String, String, String).self) {
            rows[code, default: []].append(OfficeReplica.Row(table: table, json: json))
        }
        return (try await changing, rows)
    }
}
