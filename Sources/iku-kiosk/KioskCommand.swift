import ArgumentParser
import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Storage

/// `iku-kiosk`: the SKM questionnaire for respondents at the counter and the published results,
/// served over HTTP on the office network from the office's iku database.
@main
struct KioskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iku-kiosk",
        abstract: "Serve the SKM questionnaire (GET /, POST /) and the published results (GET /hasil).",
        discussion: """
            Respondents fill the questionnaire on a tablet at the counter or on their
            phone; each response is stored through the same survey store as a clerk's, as
            one audited change by the actor kiosk:DEVICE, dated the office's local day.
            The services offered are the office's list (iku service add). Stop with
            SIGTERM or Ctrl-C: requests in flight finish, then it exits 0.

            Examples:
              iku-kiosk --db iku.sqlite
              iku-kiosk --db iku.sqlite --listen 0.0.0.0:8080 --device loket-1 --rate-limit 20
            """,
        version: "0.1.0"
    )

    @Option(help: ArgumentHelp("The iku database (default $IKU_DB, else ./iku.sqlite).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Where to listen: HOST:PORT ([::1]:PORT for IPv6; port 0 picks a free one).",
                               valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("This kiosk's name in the audit log (kiosk:NAME): letters, digits, . _ -; at most 40.",
                               valueName: "name"))
    var device = "loket"

    @Option(name: .customLong("rate-limit"),
            help: ArgumentHelp("Submissions allowed per client address per minute; 0 turns the limit off.", valueName: "n"))
    var rateLimit = 30

    /// Runs the command; a usage error exits 2 as `iku`'s do (ArgumentParser's default is 64), a
    /// database that cannot be opened or an address that cannot be bound exits 1.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }

    func validate() throws {
        _ = try ListenAddress(listen)
        guard (1...40).contains(device.count),
              device.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
        else { throw ValidationError("--device must be 1 to 40 letters, digits, '.', '_' or '-'") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 (off) or more") }
    }

    func run() async throws {
        let address = try ListenAddress(listen)
        let path = db ?? ProcessInfo.processInfo.environment["IKU_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "iku.sqlite"
        let storeThread = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let store: KioskStore
        do {
            store = try KioskStore(path: path, device: device, clock: try Storage.Clock.fromEnvironment(),
                                   loop: storeThread.next())
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            try await storeThread.shutdownGracefully()
            throw ExitCode(1)
        }
        let router = Router(context: KioskRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: MethodGuardMiddleware())
        KioskRoutes(store: store, tokens: CSRFTokens(), limiter: RateLimiter(perMinute: rateLimit)).register(on: router)
        let device = device
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                KioskLog.line("iku-kiosk listening on http://\(address.urlHost):\(port)/ (device kiosk:\(device), db \(path))")
            }
        )
        do {
            try await app.runService()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            try await storeThread.shutdownGracefully()
            throw ExitCode(1)
        }
        try await storeThread.shutdownGracefully()
        KioskLog.line("iku-kiosk stopped")
    }
}

/// `HOST:PORT` from `--listen`; an IPv6 host in brackets.
struct ListenAddress {
    let host: String
    let port: Int

    init(_ text: String) throws {
        let hostPart: Substring, portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080") }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080")
            }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, let port = Int(portPart), (0...65535).contains(port) else {
            throw ValidationError("--listen must be HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:8080")
        }
        host = String(hostPart)
        self.port = port
    }

    /// The host as written in a URL.
    var urlHost: String { host.contains(":") ? "[\(host)]" : host }
}
