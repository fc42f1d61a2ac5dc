import Dispatch
import Indicators
import Storage

/// An `OfficeReplica` on a thread of its own, computing kecamatan after kecamatan for the
/// regency's report while the report still reads rows from PostgreSQL.
///
/// The actor owns the replica, so its SQLite connection belongs to one actor. Its work blocks (it
/// is SQLite's), so the actor runs on a dispatch queue of its own, not on Swift's cooperative
/// threads: those go on decoding the rows of the next kecamatan meanwhile.
actor ReplicaWorker {
    private let executor: QueueExecutor
    private let replica: OfficeReplica

    /// The tables a replica loads, and those of them read with the change that wrote their rows
    /// (`OfficeReplica.loadedTables`, `tablesReadWithTheirChange`): what to fetch for it.
    nonisolated let tables: (loaded: [String], withChanges: [String])

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(clock: Clock, label: String) throws {
        executor = QueueExecutor(label: label)
        let replica = try OfficeReplica(clock: clock)
        tables = (loaded: replica.loadedTables, withChanges: replica.tablesReadWithTheirChange)
        self.replica = replica
    }

    /// What one kecamatan's replica is loaded with, and the report it computes.
    struct Office: Sendable {
        /// The kecamatan's place in the report.
        let index: Int
        let lastChangeID: Int64
        /// The day that decides what is not yet due: the report's day in the office's zone.
        let day: CalendarDate
        let changes: [Storage.ChangeEntry]
        let rows: [OfficeReplica.Row]
    }

    /// The pending report of each of `offices` for `period`, each in the replica loaded with its
    /// own changes and rows (and emptied again after it).
    func pendingReports(_ offices: [Office], period: Period, villages: Bool) throws -> [(index: Int, report: PendingReport)] {
        try offices.map { office in
            (office.index, try replica.with(changes: office.changes, rows: office.rows) { database in
                try ReportBuilder(database).pendingReport(for: period, asOf: AsOf(lastChangeID: office.lastChangeID), on: office.day,
                                                          villages: villages)
            })
        }
    }
}

/// Runs an actor's jobs one after another on a serial dispatch queue.
final class QueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
