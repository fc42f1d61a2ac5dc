import ArgumentParser
import FoundationEssentials
import Glibc
import Storage

/// Exit codes documented in `iku --help` and the README.
enum ExitStatus: Int32 {
    case ok = 0
    /// Input or database state refused; nothing was written.
    case refused = 1
    /// The command line itself was wrong.
    case usage = 2
    /// SQLite or the system failed, or a failure nobody planned for.
    case internalError = 3
}

/// What `iku` prints for an error that ends a command, and how it exits.
struct FailureOutcome: Equatable {
    enum Stream: Equatable {
        case standardOutput, standardError
    }

    let status: Int32
    /// Without the final line break; empty prints nothing.
    let message: String
    let stream: Stream

    init(_ status: ExitStatus, _ message: String, stream: Stream = .standardError) {
        self.init(code: status.rawValue, message, stream: stream)
    }

    init(code: Int32, _ message: String, stream: Stream = .standardError) {
        status = code
        self.message = message
        self.stream = stream
    }
}

extension Iku {
    /// Prints the message for `error` (help and version on stdout, errors on stderr) and exits.
    static func exit(with error: Error) -> Never {
        let outcome = outcome(for: error)
        if !outcome.message.isEmpty {
            StandardStream.write(outcome.message + "\n", to: outcome.stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO)
        }
        Glibc.exit(outcome.status)
    }

    /// The message and exit status for `error`: iku's own refusals exit 1 with one line, usage
    /// errors 2 with one line and a hint, anything else 3 with one line.
    static func outcome(for error: Error) -> FailureOutcome {
        switch error {
        case let error as InputError:
            return FailureOutcome(.refused, "error: \(error)")
        case let error as StateError:
            return FailureOutcome(.refused, "error: \(error)")
        case let error as ImportRefused:
            return FailureOutcome(.refused, "error: \(error)")
        case let error as DuplicateImport:
            return FailureOutcome(.refused, "error: \(error)")
        case let error as DatabaseStateError:
            return FailureOutcome(.refused, "error: \(error)")
        case let error as SQLiteError where error.code == 19:
            return FailureOutcome(.refused, "error: the database refused the change: \(oneLine(error.message))")
        case let error as SQLiteError where error.code == 11 || error.code == 26:
            return FailureOutcome(.refused, "error: the database file is damaged (\(oneLine(error.message))); restore it from a backup (see `iku backup --help`)")
        case let error as SQLiteError where error.code == 5:
            return FailureOutcome(.refused, "error: the database stayed busy: another iku held it for more than 15 s; try again")
        case let error as SQLiteError where error.code == 8:
            return FailureOutcome(.refused, "error: the database file is read-only here: \(oneLine(error.message))")
        case let error as SQLiteError:
            return FailureOutcome(.internalError, "error: \(oneLine(error.description))")
        case let error as ExitCode:
            return FailureOutcome(code: error.rawValue, "")
        default:
            let code = exitCode(for: error)
            if code == .success {
                return FailureOutcome(.ok, fullMessage(for: error), stream: .standardOutput)
            }
            if code == .validationFailure {
                return FailureOutcome(.usage, usageMessage(for: error))
            }
            // Not one of iku's refusals nor a usage error: a failure nobody planned for.
            return FailureOutcome(.internalError, "error: internal error: \(oneLine(String(describing: error)))")
        }
    }

    /// A usage error in one line, then a hint naming the help of the command that was misused
    /// (`iku help survey add`) instead of the whole usage block.
    static func usageMessage(for error: Error) -> String {
        var text = oneLine(message(for: error))
        for prefix in ["Error: ", "error: "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        return "error: \(text)\nhint: \(helpCommand(in: fullMessage(for: error)))"
    }

    /// `iku help COMMAND…` for the command ArgumentParser's full message points at
    /// ("See 'iku survey add --help' for more information."), else `iku help`.
    static func helpCommand(in fullMessage: String) -> String {
        guard let start = fullMessage.firstRange(of: "See '"),
              let end = fullMessage[start.upperBound...].firstRange(of: " --help'") else {
            return "iku help"
        }
        let words = fullMessage[start.upperBound..<end.lowerBound].split(separator: " ")
        guard words.first == "iku" else { return "iku help" }
        return (["iku", "help"] + words.dropFirst()).joined(separator: " ")
    }

    /// `text` with every run of white space, line breaks included, made one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
