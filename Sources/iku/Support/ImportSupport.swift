import ArgumentParser
import FoundationEssentials
import Glibc
import Storage

/// The file and flags every `import` command takes.
struct ImportArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The CSV file (UTF-8, a header row first).", valueName: "file.csv"))
    var file: String

    @Flag(help: "Check every row and report, writing nothing.")
    var dryRun = false

    @Flag(help: "Import a file even though a file with the same content was imported before.")
    var allowDuplicateFile = false

    var options: ImportOptions { ImportOptions(dryRun: dryRun, allowDuplicateFile: allowDuplicateFile) }

    /// Runs `perform` with a progress line on stderr when stderr is a terminal, then prints what
    /// was imported (or would be, for a dry run).
    func run(noun: String, _ perform: (ImportOptions, (ImportProgress) -> Void) throws -> ImportReport) throws {
        let progress = ProgressLine(label: file, enabled: isatty(2) == 1)
        defer { progress.clear() }
        let report = try perform(options) { progress.show($0) }
        progress.clear()
        if report.dryRun {
            print("dry run: all \(report.rowCount) rows of \(report.fileName) are valid \(noun) rows; nothing was written")
        } else {
            let ids = report.ids.map { " (ids \($0.lowerBound)-\($0.upperBound))" } ?? ""
            print("imported \(report.rowCount) \(noun) rows from \(report.fileName)\(ids) as change \(report.changeID ?? 0)")
        }
    }
}

/// Import progress on stderr, redrawn in place; silent when stderr is not a terminal.
struct ProgressLine {
    private let label: String
    private let line: TerminalStatusLine

    init(label: String, enabled: Bool) {
        self.label = label
        line = TerminalStatusLine(enabled: enabled)
    }

    func show(_ progress: ImportProgress) {
        let percent = progress.fileSize > 0 ? " (\(progress.bytesRead * 100 / progress.fileSize)%)" : ""
        line.show("\(label): \(progress.rows) rows checked\(percent)")
    }

    func clear() {
        line.clear()
    }
}
