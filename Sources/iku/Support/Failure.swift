import ArgumentParser
import Foundation
import Storage

/// Exit codes documented in `iku --help` and the README.
enum ExitStatus: Int32 {
    case ok = 0
    /// Input or database state refused; nothing was written.
    case refused = 1
    /// The command line itself was wrong.
    case usage = 2
    /// SQLite or the system failed.
    case internalError = 3
}

extension Iku {
    /// Prints one line for `error` on stderr (help and version on stdout) and exits.
    static func exit(with error: Error) -> Never {
        let status: ExitStatus
        let message: String
        switch error {
        case let error as InputError:
            (status, message) = (.refused, "error: \(error)")
        case let error as StateError:
            (status, message) = (.refused, "error: \(error)")
        case let error as ImportRefused:
            (status, message) = (.refused, "error: \(error)")
        case let error as DatabaseStateError:
            (status, message) = (.refused, "error: \(error)")
        case let error as SQLiteError where error.code == 19:
            (status, message) = (.refused, "error: the database refused the change: \(error.message)")
        case let error as SQLiteError where error.code == 11 || error.code == 26:
            (status, message) = (.refused, "error: the database file is damaged (\(error.message)); restore it from a backup (see `iku backup --help`)")
        case let error as SQLiteError where error.code == 5:
            (status, message) = (.refused, "error: the database stayed busy: another iku held it for more than 15 s; try again")
        case let error as SQLiteError where error.code == 8:
            (status, message) = (.refused, "error: the database file is read-only here: \(error.message)")
        case let error as SQLiteError:
            (status, message) = (.internalError, "error: \(error)")
        case let error as ExitCode:
            Foundation.exit(error.rawValue)
        default:
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let text = fullMessage(for: error)
            status = .usage
            message = text.hasPrefix("Error:") || text.hasPrefix("error:") ? text : "error: \(text)"
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(status.rawValue)
    }
}
