import Foundation
import Hummingbird
import NIOCore
import Storage

/// A request context that knows the client's network address (for the rate limit only).
struct KioskRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, or `unknown`.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}

/// Writes one line per request to standard output: time, method, path (never the query or the
/// body), status and duration. Nothing a respondent typed and no address is logged.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start)
            return response
        } catch {
            log(request, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        KioskLog.line("\(request.method.rawValue) \(Self.loggedPath(request.uri.path)) \(status) \(String(format: "%.1f", milliseconds)) ms")
    }

    /// The path as logged: printable ASCII only, at most 100 characters.
    static func loggedPath(_ path: String) -> String {
        let printable = path.unicodeScalars.prefix(100).map { $0.isASCII && $0.value >= 0x21 && $0.value < 0x7F ? Character($0) : "?" }
        return String(printable)
    }
}

/// Security headers on every response, including the error responses the router makes: a
/// Content-Security-Policy allowing nothing but the kiosk's own stylesheet and forms (no script
/// at all, no framing), and no sniffing, no referrer, no caching of pages with tokens.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = KioskPolicy.contentSecurityPolicy
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Answers 405 (with `Allow`) for a method a known path does not take: only `POST /` writes.
struct MethodGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        if let methods = KioskPolicy.allowedMethods[request.uri.path], !methods.contains(request.method) {
            var response = Response(status: .methodNotAllowed, headers: [.contentType: "text/plain; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: "405 method not allowed\n")))
            response.headers[.allow] = methods.map(\.rawValue).joined(separator: ", ")
            return response
        }
        return try await next(request, context)
    }
}

/// What the kiosk allows: its Content-Security-Policy and the methods of each path.
enum KioskPolicy {
    /// Nothing but the kiosk's own stylesheet and forms: no script at all, no framing.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The methods each known path takes; only `POST /` writes.
    static let allowedMethods: [String: [HTTPRequest.Method]] = [
        "/": [.get, .head, .post], "/terima-kasih": [.get], "/hasil": [.get],
        "/healthz": [.get], "/style.css": [.get],
    ]
}

/// The kiosk's log on standard output, one whole line per write so lines never interleave.
enum KioskLog {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((Timestamp.format(Date()) + " " + text + "\n").utf8))
    }
}

