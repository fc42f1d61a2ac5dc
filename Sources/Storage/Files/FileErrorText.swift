import FoundationEssentials
import Glibc

/// The reason a file operation failed, in one short line: the system's text for its error number
/// (`No such file or directory`) when FoundationEssentials' error carries one (it has no
/// `localizedDescription`), else the error as Swift prints it.
public enum FileErrorText {
    public static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError, let posix = cocoa.underlying as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        return "\(error)"
    }
}
