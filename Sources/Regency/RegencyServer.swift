import Foundation
import Logging
import PostgresNIO
import Storage

/// The regency's PostgreSQL server: one `PostgresClient` (a small pool) running for the
/// lifetime of a command.
public struct RegencyServer: Sendable {
    public let address: PostgresAddress
    let client: PostgresClient
    let logger: Logger

    /// Runs `body` with a client to the server at `address`, then shuts the client down.
    @discardableResult
    public static func with<Result: Sendable>(
        _ address: PostgresAddress, _ body: @Sendable (RegencyServer) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "iku-regency")
        logger.logLevel = .critical
        // One direct connection first: an unreachable server or a refused login fails here at
        // once, where the pool would keep retrying for a minute.
        do {
            let probe = try await PostgresConnection.connect(configuration: address.connectionConfiguration, id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw ServerFailure(error, address: address)
        }
        let client = PostgresClient(configuration: address.configuration, backgroundLogger: logger)
        let server = RegencyServer(address: address, client: client, logger: logger)
        // The client runs beside the command and is cancelled when the command ends; the command
        // does not wait for its shutdown (after a lost connection the pool may keep retrying).
        let running = Task { await client.run() }
        defer { running.cancel() }
        do {
            return try await body(server)
        } catch {
            throw ServerFailure(error, address: address)
        }
    }

    /// Runs `body` on one connection inside a transaction, committed when `body` returns and
    /// rolled back when it throws (its error is rethrown as it was).
    @discardableResult
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                if !connection.isClosed { _ = try? await connection.query("ROLLBACK", logger: logger) }
                throw error
            }
            try Self.requireOpen(connection)
            try await connection.query("COMMIT", logger: logger)
            return result
        }
    }

    /// Throws `ConnectionLost` when the server has closed `connection` (a query sent on it then
    /// might never be answered).
    static func requireOpen(_ connection: PostgresConnection) throws {
        if connection.isClosed { throw ConnectionLost() }
    }

    /// Runs `query` and decodes every row of it.
    func rows<each Column: PostgresDecodable & Sendable>(
        _ query: PostgresQuery, as types: (repeat each Column).Type, on connection: PostgresConnection? = nil
    ) async throws -> [(repeat each Column)] {
        let sequence: PostgresRowSequence
        if let connection {
            sequence = try await connection.query(query, logger: logger)
        } else {
            sequence = try await client.query(query, logger: logger)
        }
        var result: [(repeat each Column)] = []
        for try await row in sequence.decode((repeat each Column).self) {
            result.append(row)
        }
        return result
    }
}

/// A failure of the server or the connection, on one line: PostgreSQL's own message and code, or
/// what happened to the connection.
public struct ServerFailure: Error, CustomStringConvertible {
    public let description: String
    /// True when PostgreSQL refused a statement (a constraint, a lock, a bad value): a refusal
    /// rather than a failure of the system.
    public let isRefusal: Bool
    /// The underlying error when it is iku's own (InputError, StateError, ...), passed through.
    public let passedThrough: (any Error)?

    init(_ error: any Error, address: PostgresAddress) {
        if let error = error as? ServerFailure {
            self = error
            return
        }
        if error is InputError || error is StateError || error is DatabaseStateError {
            description = "\(error)"
            isRefusal = true
            passedThrough = error
            return
        }
        passedThrough = nil
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState], state.hasPrefix("57P") || state.hasPrefix("08") {
                // The server shut down, restarted or dropped the connection.
                description = "the connection to PostgreSQL at \(address) was lost (\(error.serverInfo?[.message] ?? state)); "
                    + "the server rolled back the interrupted transaction: run the command again"
                isRefusal = false
                return
            }
            if let info = error.serverInfo, let message = info[.message] {
                let state = info[.sqlState] ?? "?"
                description = "PostgreSQL at \(address) refused: \(message) (SQLSTATE \(state))"
                isRefusal = state.hasPrefix("23")
                return
            }
            switch error.code {
            case .connectionError:
                description = "cannot reach PostgreSQL at \(address): \(error.underlying.map { "\($0)" } ?? "connection refused")"
            case .serverClosedConnection, .uncleanShutdown:
                description = "the connection to PostgreSQL at \(address) was lost (the server stopped or restarted); the server rolled back the interrupted transaction: run the command again"
            default:
                description = "PostgreSQL at \(address): \(error.code)"
            }
            isRefusal = false
            return
        }
        if error is ConnectionLost || Self.isConnectionClosed(error) {
            description = "the connection to PostgreSQL at \(address) was lost (the server stopped or restarted); the server rolled back the interrupted transaction: run the command again"
            isRefusal = false
            return
        }
        let text = String(describing: error)
        if text.contains("connectionCreationCircuitBreakerTripped") || text.contains("ConnectionPoolError") {
            description = "cannot reach PostgreSQL at \(address): no connection could be made (is the server running, is the address right?)"
        } else {
            description = "PostgreSQL at \(address): \(text)"
        }
        isRefusal = false
    }
}

extension ServerFailure {
    /// postgres-nio's COPY writer reports a connection closed under it as the older `PostgresError`.
    static func isConnectionClosed(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError, case .connectionClosed = error else { return false }
        return true
    }
}

/// The server closed the connection while a transaction was open on it.
struct ConnectionLost: Error {}
