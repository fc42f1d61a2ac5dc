import ArgumentParser
import FoundationEssentials
import ReportRendering
import Storage

/// `iku survey template`: the blank standard questionnaire, to print or to fill in a spreadsheet.
struct SurveyTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "The blank questionnaire: a printable A4 page (html) or an empty CSV for --form.",
        discussion: HelpText.reflowed("""
            html: one self-contained page in Indonesian to print on A4: the office, the
            services it offers (those its recorded responses name, with room for another),
            the nine questions of PermenPAN-RB 14/2017 with their four answers, and the
            respondent's profile. csv: the header row of a spreadsheet that
            `iku survey import FILE --form` reads (UTF-8 with a byte order mark, CRLF).

            Examples:
              iku survey template --format html --output kuesioner.html
              iku survey template --format csv --output skm-kosong.csv
            """))

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, csv
    }

    @OptionGroup var location: DatabaseLocation
    @Option(help: ArgumentHelp("html (printable page) or csv (empty spreadsheet for --form).", valueName: "format"))
    var format: Format
    @Option(help: ArgumentHelp("Write to this file instead of standard output; it must not exist.", valueName: "path"))
    var output: String?
    @Flag(help: "With --output: replace the file if it exists.")
    var force = false

    func validate() throws {
        if force, output == nil { throw ValidationError("--force goes with --output") }
    }

    func run() throws {
        let text: String
        switch format {
        case .csv:
            text = QuestionnaireTemplate.csv
        case .html:
            let database = try location.openForReading()
            guard let office = try OfficeStore(database).office() else {
                throw StateError("this database has no office; create it with `iku init`")
            }
            // The office's list of services when it keeps one (iku service add), else the
            // services its recorded responses name.
            let offered = try ServiceStore(database).list().map(\.name)
            let services = offered.isEmpty ? try SurveyResponseStore(database).services() : offered
            text = QuestionnaireTemplate.html(office: office, services: services)
        }
        if let output {
            try OutputFile.write(text, to: output, replacing: force)
        } else {
            StandardStream.output(text)
        }
    }
}
