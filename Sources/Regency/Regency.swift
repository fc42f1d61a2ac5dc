import Foundation
import PostgresNIO
import Storage

/// The regency (kabupaten) and its registered kecamatan, on the regency's PostgreSQL database.
public struct Regency: Sendable {
    public let code: String
    public let name: String
    let server: RegencyServer

    static let select = "SELECT code, name FROM regency WHERE id = 1"

    /// Creates the regency's schema (or completes it) and records the regency; refuses a database
    /// already holding another regency. Returns false when it was already this regency.
    public static func initialise(on server: RegencyServer, code: String, name: String) async throws -> Bool {
        guard code.wholeMatch(of: /[0-9]{2}\.[0-9]{2}/) != nil else {
            throw InputError(field: "code", value: code, allowed: "a kabupaten code NN.NN (e.g. 35.08)")
        }
        let trimmed = name.trimmingWhitespace()
        guard (1...100).contains(trimmed.count), trimmed == name else {
            throw InputError(field: "name", value: name, allowed: "1 to 100 characters, without leading or trailing spaces")
        }
        _ = try await RegencyMigrator(server: server).migrate()
        return try await server.transaction { connection in
            try await connection.query("LOCK TABLE regency IN EXCLUSIVE MODE", logger: server.logger)
            let existing = try await server.rows(PostgresQuery(unsafeSQL: select), as: (String, String).self, on: connection)
            if let (storedCode, storedName) = existing.first {
                guard storedCode == code, storedName == name else {
                    throw StateError("this database already holds the regency \(storedCode) \(storedName)")
                }
                return false
            }
            try await connection.query("INSERT INTO regency (id, code, name) VALUES (1, \(code), \(name))", logger: server.logger)
            return true
        }
    }

    /// The regency of an initialised database.
    public static func open(on server: RegencyServer) async throws -> Regency {
        try await RegencyMigrator(server: server).validate()
        guard let (code, name) = try await server.rows(PostgresQuery(unsafeSQL: select), as: (String, String).self).first else {
            throw StateError("the regency database \(server.address) holds no regency: run iku-regency init")
        }
        return Regency(code: code, name: name, server: server)
    }
}

/// A kecamatan registered at the regency.
public struct RegisteredOffice: Sendable, Equatable {
    public let code: String
    public let name: String
    public let publicKey: String
    public let registeredAt: Date
}

extension Regency {
    /// Registers a kecamatan under this regency with the public key it signs with
    /// (`ed25519:BASE64`, the last line of `iku key show`).
    public func addOffice(code: String, name: String, publicKey: String) async throws {
        guard code.wholeMatch(of: /[0-9]{2}\.[0-9]{2}\.[0-9]{2}/) != nil, code.hasPrefix(self.code + ".") else {
            throw InputError(field: "code", value: code, allowed: "a kecamatan code \(self.code).NN under this regency")
        }
        let trimmed = name.trimmingWhitespace()
        guard (1...100).contains(trimmed.count), trimmed == name else {
            throw InputError(field: "name", value: name, allowed: "1 to 100 characters, without leading or trailing spaces")
        }
        _ = try PublicKeyText.parse(publicKey, field: "public-key")
        try await server.transaction { connection in
            let existing = try await server.rows("SELECT name FROM offices WHERE kecamatan_code = \(code) FOR UPDATE",
                                                 as: String.self, on: connection)
            if let registered = existing.first {
                throw InputError(field: "code", value: code, allowed: "a kecamatan not registered yet (\(code) is \(registered))")
            }
            try await connection.query("""
                INSERT INTO offices (kecamatan_code, name, public_key) VALUES (\(code), \(name), \(publicKey))
                """, logger: server.logger)
        }
    }

    /// Every registered kecamatan, by code.
    public func offices() async throws -> [RegisteredOffice] {
        try await server.rows("SELECT kecamatan_code, name, public_key, registered_at FROM offices ORDER BY kecamatan_code",
                              as: (String, String, String, Date).self)
            .map { RegisteredOffice(code: $0.0, name: $0.1, publicKey: $0.2, registeredAt: $0.3) }
    }

    func office(_ code: String, on connection: PostgresConnection? = nil, lock: Bool = false) async throws -> RegisteredOffice? {
        let query: PostgresQuery = lock
            ? "SELECT kecamatan_code, name, public_key, registered_at FROM offices WHERE kecamatan_code = \(code) FOR UPDATE"
            : "SELECT kecamatan_code, name, public_key, registered_at FROM offices WHERE kecamatan_code = \(code)"
        return try await server.rows(query, as: (String, String, String, Date).self, on: connection)
            .map { RegisteredOffice(code: $0.0, name: $0.1, publicKey: $0.2, registeredAt: $0.3) }.first
    }
}
