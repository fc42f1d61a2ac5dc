import Crypto
import Foundation

/// Anti-forgery tokens bound to one client: `TIME.MAC`, where MAC is HMAC-SHA256 under a secret
/// made at startup over the client's id (its cookie) and the time the token was issued. A token
/// is valid for that client only, for `lifetime`, and only until the kiosk restarts.
struct CSRFTokens: Sendable {
    /// How long a form may stay open at the counter before it must be loaded again.
    static let lifetime: TimeInterval = 12 * 60 * 60

    /// The secret, made at startup and never stored.
    private let secret: [UInt8]

    init() {
        secret = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// A token for the client `clientID`, issued at `now`.
    func issue(for clientID: String, now: Date = Date()) -> String {
        let issued = String(Int64(now.timeIntervalSince1970))
        return issued + "." + mac(clientID: clientID, issued: issued)
    }

    /// Whether `token` was issued by this kiosk for `clientID` less than `lifetime` ago.
    func isValid(_ token: String?, for clientID: String?, now: Date = Date()) -> Bool {
        guard let token, let clientID, !clientID.isEmpty else { return false }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let issued = Int64(parts[0]), let given = Data(hex: parts[1]) else { return false }
        let age = now.timeIntervalSince1970 - TimeInterval(issued)
        guard age >= -60, age <= Self.lifetime else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Self.message(clientID, String(parts[0])),
                                                      using: key)
    }

    private func mac(clientID: String, issued: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Self.message(clientID, issued), using: key)).hex
    }

    private static func message(_ clientID: String, _ issued: String) -> Data {
        Data("iku-kiosk-csrf\u{0}\(clientID)\u{0}\(issued)".utf8)
    }
}

/// The random id a kiosk client keeps in its cookie, so its tokens work for it alone.
enum ClientID {
    static let cookieName = "iku_kiosk_client"

    /// 128 random bits as hex.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).hex
    }

    /// Whether `text` looks like an id this kiosk makes (32 lowercase hex digits).
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

extension Data {
    /// Lowercase hex.
    var hex: String { map { String(format: "%02x", $0) }.joined() }

    /// Bytes from lowercase or uppercase hex; nil for anything else.
    init?<Text: StringProtocol>(hex text: Text) {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(bytes)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: return digit - 0x30
        case 0x61...0x66: return digit - 0x61 + 10
        case 0x41...0x46: return digit - 0x41 + 10
        default: return nil
        }
    }
}
