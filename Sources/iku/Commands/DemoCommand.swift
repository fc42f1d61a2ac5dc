import ArgumentParser
import Demo
import Indicators
import ReportRendering
import Storage

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a demo database for Kecamatan Tempursari with three years of sample records.",
        discussion: HelpText.reflowed("""
            Creates a database for Kecamatan Tempursari (35.08.01) with its seven villages
            and sample records for the two years before the current one and the current year
            to date: survey responses for several services, facilitation and coordination
            activities (some without follow-up), RKPDesa, APBDesa and LPPDesa submissions
            (two late a year, one missing), targets and survey populations. Every record
            goes through the same checks as a clerk's and is sealed in the audit chain, by
            the actor iku-demo. Then it prints the current year's report and what to try
            next.

            The records are the same on every run on the same day, a day in WIB, the
            office's time zone (a fixed seed; set IKU_NOW to fix the day). An existing
            file is replaced only when it is a demo database, that is when its first
            change is iku-demo creating the office "(iku demo: ...)";
            anything else is refused and left untouched.

            Examples:
              iku demo
              iku demo --db demo.sqlite
              IKU_NOW=2026-05-20T09:00:00Z iku demo --db demo.sqlite
            """)
    )

    @OptionGroup var location: DatabaseLocation

    func run() throws {
        let line = TerminalStatusLine()
        let outcome = try DemoDatabase.create(path: location.path, clock: try Clock.fromEnvironment()) { done, total in
            if done % 20 == 0 || done == total { line.show("writing demo records: \(done) of \(total)") }
        }
        line.clear()
        let summary = outcome.summary
        print(introduction(outcome))
        let report = try ReportBuilder(outcome.database).report(for: try Period.year(summary.today.year))
        print(PlainTextRenderer.render(ReportSheet(report: report, signedOn: summary.today).blocks))
        print(nextSteps(summary))
    }

    /// What was made, in a few lines.
    private func introduction(_ outcome: DemoDatabase.Outcome) -> String {
        let summary = outcome.summary
        var lines = [
            "\(outcome.replacedEarlierDemo ? "Recreated" : "Created") \(location.path): a demo database for Kecamatan Tempursari",
            "(35.08.01) with sample records, not real data, from \(summary.firstDay) to \(summary.today):",
            "  \(summary.villages) villages",
            "  \(summary.surveyResponses) survey responses (SKM)",
            "  \(summary.activities) facilitation and coordination activities, \(summary.followUps) follow-ups",
            "  \(summary.submissions) village documents (RKPDesa, APBDesa, LPPDesa)",
            "  \(summary.targets) targets (\(summary.years.lowerBound) to \(summary.years.upperBound))",
        ]
        if let head = summary.headOfOffice {
            lines.append("  the office's address and a sample head of office, \(head), for the signature block")
        }
        if let first = summary.populationYears.first, let last = summary.populationYears.last {
            lines.append("  survey populations for " + (first == last ? "\(first)" : "\(first) and \(last)"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A few commands to try on the new database.
    private func nextSteps(_ summary: DemoSummary) -> String {
        let year = summary.today.year, previous = year - 1
        let db = location.db.map { " --db " + Self.shellQuoted($0) } ?? ""
        var steps: [(String, String)] = [
            ("iku report --year \(previous)", "the last full year, every deadline passed"),
            ("iku report --year \(previous) --format html --output iku-\(previous).html",
             "the printable report with charts, for a browser"),
            ("iku report --year \(previous) --as-of \(previous)-06-30", "the figures as they stood in mid-\(previous)"),
            ("iku survey list --year \(year) --service KTP", "the survey responses behind IKU 1"),
            ("iku facilitation list --pending", "the activities still without follow-up"),
        ]
        if let id = summary.correctedSubmissionID {
            steps.append(("iku history submission \(id)", "a corrected record, version by version"))
        }
        steps.append(("iku audit verify", "recompute the tamper-evident audit chain"))
        let lines = steps.map { command, what in "  \(command)\(db)\n      \(what)" }
        return """
            \(year) is still open: documents due later this year count as missing until
            they come in. Try next:

            \(lines.joined(separator: "\n"))
            """
    }

    private static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+=:@".contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacingEvery("'", with: "'\\''") + "'"
    }
}
