import FoundationEssentials
import Storage

/// Writes a command's output to a file named on the command line, never replacing one silently
/// (shared by `iku` and `iku-regency`).
public enum OutputFile {
    /// Writes `text` as UTF-8 to `path`: refused when the file exists unless `replacing`; a
    /// replacement is written to a temporary file first and moved into place.
    public static func write(_ text: String, to path: String, replacing: Bool) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if exists, !replacing {
            throw InputError(field: "output", value: path, allowed: "a file that does not exist yet (give --force to replace it)")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: replacing ? .atomic : .withoutOverwriting)
        } catch {
            throw StateError("cannot write \(MessageText.path(path)): \(FileErrorText.reason(error))")
        }
    }
}
