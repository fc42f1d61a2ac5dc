import Foundation
import PostgresNIO
import Storage

/// Where the regency's PostgreSQL server is: `postgres://USER[:PASSWORD]@HOST:PORT/DATABASE`.
public struct PostgresAddress: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let user: String
    let password: String?
    public let database: String

    /// Parses `text`, naming `field` (the option or variable it came from) when it is refused.
    public init(_ text: String, field: String) throws {
        let allowed = "postgres://USER[:PASSWORD]@HOST:PORT/DATABASE"
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty else {
            throw InputError(field: field, value: Self.withoutPassword(text), allowed: allowed)
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw InputError(field: field, value: Self.withoutPassword(text), allowed: "\(allowed) (the database is missing)")
        }
        self.host = host
        port = components.port ?? 5432
        self.user = components.percentEncodedUser?.removingPercentEncoding ?? user
        password = components.percentEncodedPassword?.removingPercentEncoding
        self.database = database.removingPercentEncoding ?? database
    }

    /// The address without its password, for messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The same server, another database on it.
    public func database(_ name: String) -> PostgresAddress {
        PostgresAddress(host: host, port: port, user: user, password: password, database: name)
    }

    private init(host: String, port: Int, user: String, password: String?, database: String) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    var configuration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 4
        return configuration
    }

    var connectionConfiguration: PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    private static func withoutPassword(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "?"
    }
}
