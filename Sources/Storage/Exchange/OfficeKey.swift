import Crypto
import FoundationEssentials
import Glibc

/// The office's Ed25519 signing key, kept in a file outside the database (mode 0600), with which
/// `iku export` signs the bundles the regency verifies.
public struct OfficeKey {
    let privateKey: Curve25519.Signing.PrivateKey

    /// The first line of a key file.
    static let fileHeader = "iku-office-key-v1 ed25519"

    /// The public key as the regency registers it: `ed25519:` and the 32 bytes in base64.
    public var publicKeyText: String { PublicKeyText.format(privateKey.publicKey) }

    func signature(for message: Data) throws -> Data {
        try privateKey.signature(for: message)
    }

    /// Where the key lives without `--key`: `$IKU_KEY`, else `$XDG_CONFIG_HOME/iku/CODE.key`, else
    /// `~/.config/iku/CODE.key`, CODE being the kecamatan code.
    public static func defaultPath(kecamatanCode: String,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["IKU_KEY"], !path.isEmpty { return path }
        let configuration = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path) + "/.config"
        return configuration + "/iku/\(kecamatanCode).key"
    }

    /// The folder part of `path` as Foundation's `deletingLastPathComponent` gives it: `""` for a
    /// bare file name, `/` for a file at the root.
    static func folder(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates a new key in a new file at `path` (mode 0600; its folder is created 0700 when
    /// missing). Never replaces an existing file.
    public static func create(at path: String) throws -> OfficeKey {
        let folder = Self.folder(of: path)
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw StateError("cannot create the folder \(folder) for the key: \(FileErrorText.reason(error))")
            }
        }
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw StateError("a key already exists at \(path); iku never replaces a key (use it, or give --key NEW-PATH)")
            }
            throw StateError("cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        let key = OfficeKey(privateKey: Curve25519.Signing.PrivateKey())
        let text = fileHeader + "\n" + key.privateKey.rawRepresentation.base64EncodedString() + "\n"
        let written = text.utf8CString.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress, $0.count - 1) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == text.utf8.count, synced else {
            unlink(path)
            throw StateError("cannot write the key file \(path)")
        }
        return key
    }

    /// Reads the key at `path`; refuses a file others can read, as ssh does.
    public static func load(from path: String) throws -> OfficeKey {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            throw StateError("no key at \(path): create one with iku key init (or give --key PATH or $IKU_KEY)")
        }
        if let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 != 0 {
            throw StateError("the key \(path) can be read by others (mode \(String(permissions, radix: 8))); chmod 600 it")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count == 2, lines[0] == fileHeader, let raw = Data(base64Encoded: lines[1]),
              let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw StateError("\(path) is not an iku office key")
        }
        return OfficeKey(privateKey: privateKey)
    }
}

/// Public keys as text: `ed25519:` followed by the 32 raw bytes in base64.
public enum PublicKeyText {
    static let prefix = "ed25519:"

    static func format(_ key: Curve25519.Signing.PublicKey) -> String {
        prefix + key.rawRepresentation.base64EncodedString()
    }

    /// Reads a public key, refusing anything else with a message naming `field`.
    public static func parse(_ text: String, field: String = "public-key") throws -> Curve25519.Signing.PublicKey {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix(prefix), let raw = Data(base64Encoded: String(trimmed.dropFirst(prefix.count))),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw InputError(field: field, value: text, allowed: "a public key as iku key show prints it (ed25519: and 44 base64 characters)")
        }
        return key
    }
}

/// Records the office's signing keys in the change log, so the public key of every key the
/// office ever created is in its audited history.
public struct OfficeKeyLog {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    static let registered = "SELECT id FROM changes WHERE kind = 'office' AND action = 'set' AND summary = ? ORDER BY id LIMIT 1"

    static func summary(_ publicKeyText: String) -> String { "office signing key \(publicKeyText)" }

    /// Records that the office created the key `publicKeyText`; returns the change id.
    @discardableResult
    public func record(_ publicKeyText: String) throws -> Int64 {
        try database.write {
            try database.recordChange(kind: .office, action: .set, recordID: 1, summary: Self.summary(publicKeyText))
        }
    }

    /// The change that recorded `publicKeyText`, or nil when this database never did.
    public func change(recording publicKeyText: String) throws -> Int64? {
        try database.connection.cached(Self.registered).first([Self.summary(publicKeyText)]) { $0.int64(0) }
    }
}
