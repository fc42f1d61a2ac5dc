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

/// What `iku` prints for a failure and the status it exits with.
struct FailureReport: Equatable {
    let status: Int32
    /// The text to print (nothing for an explicit exit code).
    let message: String
    /// Help and version go to stdout; every error to stderr.
    let toStandardOutput: Bool
}

extension Iku {
    /// Prints the report of `error` and exits with its status.
    static func exit(with error: Error) -> Never {
        let report = failureReport(for: error)
        if report.toStandardOutput {
            print(report.message)
        } else if !report.message.isEmpty {
            FileHandle.standardError.write(Data((report.message + "\n").utf8))
        }
        Foundation.exit(report.status)
    }

    /// One line for `error` on stderr with a documented exit status (help and version on stdout).
    static func failureReport(for error: Error) -> FailureReport {
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
            return FailureReport(status: error.rawValue, message: "", toStandardOutput: false)
        default:
            let text = fullMessage(for: error)
            if exitCode(for: error) == .success {
                return FailureReport(status: 0, message: text, toStandardOutput: true)
            }
            status = .usage
            message = text.hasPrefix("Error:") || text.hasPrefix("error:") ? text : "error: \(text)"
        }
        return FailureReport(status: status.rawValue, message: message, toStandardOutput: false)
    }
}
