import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP response as it came over the socket.
struct HTTPReply {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: String

    /// The first header named `name` (any case).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

struct HTTPClientFailure: Error, CustomStringConvertible {
    let description: String
}

/// A minimal HTTP/1.1 client over a plain TCP socket (`Connection: close`, no redirects followed,
/// no cookies kept), so a test sees exactly what the kiosk sends.
enum RawHTTP {
    static func send(port: Int, method: String, path: String, headers: [String: String], body: Data) throws -> HTTPReply {
        let connection = try RawConnection(port: port)
        connection.send(request(port: port, method: method, path: path, headers: headers, bodyLength: body.count) + body)
        return try connection.reply()
    }

    /// The request's head (`Connection: close`, a Content-Length for a body or a POST).
    static func request(port: Int, method: String, path: String, headers: [String: String], bodyLength: Int) -> Data {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if bodyLength > 0 || method == "POST" { head += "Content-Length: \(bodyLength)\r\n" }
        return Data((head + "\r\n").utf8)
    }

    static func parse(_ data: Data) throws -> HTTPReply {
        guard let separator = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw HTTPClientFailure(description: "no complete response: \(String(decoding: data, as: UTF8.self))")
        }
        let lines = String(decoding: data[..<separator.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw HTTPClientFailure(description: "bad status line: \(lines[0])")
        }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Data(data[separator.upperBound...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            body = dechunk(body)
        }
        return HTTPReply(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
    }

    private static func dechunk(_ data: Data) -> Data {
        var result = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size else { break }
            let end = rest.index(start, offsetBy: size)
            result.append(rest[start..<end])
            rest = rest[min(rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex, rest.endIndex)...]
        }
        return result
    }
}

/// One TCP connection to the kiosk, written in as many parts as a test likes.
final class RawConnection {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HTTPClientFailure(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw HTTPClientFailure(description: "connect: \(errno)")
        }
    }

    deinit { close(socket) }

    /// Writes `data`; stops quietly when the server has closed (it may answer before reading a refused body).
    func send(_ data: Data) {
        data.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let written = Glibc.send(socket, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if written <= 0 { break }
                sent += written
            }
        }
    }

    /// Reads until the server closes the connection, then parses the response.
    func reply() throws -> HTTPReply {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(buffer, count: count)
        }
        return try RawHTTP.parse(received)
    }
}
