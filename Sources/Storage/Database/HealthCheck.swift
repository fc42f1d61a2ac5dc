/// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on an open database.
public struct HealthCheck {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Every problem found, one line each; empty when the database is sound.
    public func problems() throws -> [String] {
        var problems = try connection.prepare("PRAGMA integrity_check").map { $0.string(0) }
        if problems == ["ok"] { problems = [] }
        try connection.prepare("PRAGMA foreign_key_check").forEachRow { row in
            let rowid = row.optionalInt64(1).map(String.init) ?? "?"
            problems.append("foreign key: \(row.string(0)) row \(rowid) refers to a missing \(row.string(2)) row")
        }
        return problems
    }
}
