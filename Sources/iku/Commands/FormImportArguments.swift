import ArgumentParser
import FoundationEssentials
import Glibc
import Storage

extension FormTimestamp.DateOrder: ExpressibleByArgument {}

/// `iku survey import FILE --form`: a form export of the standard questionnaire.
struct FormImportArguments: ParsableArguments {
    @Flag(help: "The file is a Google Forms, Microsoft Forms or spreadsheet export of the standard questionnaire.")
    var form = false

    @Option(help: ArgumentHelp(
        "With --form: the office's time zone, an IANA name (default: the office's, iku office show); timestamps with an offset are dated in it.",
        valueName: "zone"))
    var timezone: String?

    @Option(help: ArgumentHelp(
        "With --form: how dates written a/b/yyyy are read, dmy (28/11/2026) or mdy (11/28/2026); default: from the file.",
        valueName: "order"))
    var dateOrder: FormTimestamp.DateOrder?

    @Option(help: ArgumentHelp("With --form: language of the messages, id (default) or en.", valueName: "lang"))
    var lang: MessageLanguage?

    @Option(help: ArgumentHelp("With --form: the service of every row, for a form that does not ask it.", valueName: "text"))
    var service: String?

    func validate() throws {
        if !form, timezone != nil || dateOrder != nil || lang != nil || service != nil {
            throw ValidationError("--timezone, --date-order, --lang and --service apply to --form")
        }
        if let timezone, OfficeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone \(timezone) is not an IANA time zone name such as Asia/Jakarta")
        }
    }

    /// Imports the file (or checks it, for a dry run) and prints what happened in the clerk's language.
    func run(store: SurveyResponseStore, arguments: ImportArguments) throws {
        let language = lang ?? .id
        let options = FormImportOptions(
            dryRun: arguments.dryRun, allowDuplicateFile: arguments.allowDuplicateFile,
            timeZone: timezone.flatMap(OfficeZone.init(identifier:)),
            dateOrder: dateOrder, language: language, service: service)
        let progress = ProgressLine(label: arguments.file, enabled: isatty(2) == 1)
        defer { progress.clear() }
        let result: FormImportReport
        do {
            result = try store.importForm(path: arguments.file, options: options) { progress.show($0) }
        } catch let refused as ImportRefused {
            progress.clear()
            StandardStream.error("error: \(refused.text(in: language))\n")
            throw ExitCode(ExitStatus.refused.rawValue)
        } catch let duplicate as DuplicateImport {
            progress.clear()
            StandardStream.error("error: \(duplicate.text(in: language))\n")
            throw ExitCode(ExitStatus.refused.rawValue)
        }
        progress.clear()
        print(FormImportWording(language: language).text(result), terminator: "")
    }
}

/// What `survey import --form` prints.
struct FormImportWording {
    let language: MessageLanguage

    func text(_ result: FormImportReport) -> String {
        let report = result.report
        var lines: [String] = []
        if report.dryRun {
            lines.append(language.pick("Kolom \(report.fileName):", "Columns of \(report.fileName):"))
            for column in result.columns {
                lines.append("  \(column.position). \"\(MessageTextLine.oneLine(column.heading, limit: 70))\" → \(role(column.role))")
            }
            lines.append(dateOrder(result))
            if let dates = result.dates {
                lines.append(language.pick("Tanggal survei: \(dates.lowerBound) s.d. \(dates.upperBound)",
                                           "Survey dates: \(dates.lowerBound) to \(dates.upperBound)"))
            }
            lines.append(language.pick("Per layanan:", "Per service:"))
            for (service, rows) in result.services {
                lines.append("  \(MessageTextLine.oneLine(service, limit: 70)): \(rows)")
            }
            if result.otherServiceRows > 0 {
                lines.append(language.pick("  (layanan lain: \(result.otherServiceRows))", "  (other services: \(result.otherServiceRows))"))
            }
            lines.append(language.pick(
                "uji coba: semua \(report.rowCount) baris \(report.fileName) sah; tidak ada yang ditulis",
                "dry run: all \(report.rowCount) rows of \(report.fileName) are valid survey response rows; nothing was written"))
        } else {
            let ids = report.ids.map { language.pick(" (id ", " (ids ") + "\($0.lowerBound)-\($0.upperBound))" } ?? ""
            lines.append(language.pick(
                "diimpor \(report.rowCount) jawaban survei dari \(report.fileName)\(ids) sebagai perubahan \(report.changeID ?? 0)",
                "imported \(report.rowCount) survey response rows from \(report.fileName)\(ids) as change \(report.changeID ?? 0)"))
            if result.dateOrderSource != .notNeeded { lines.append(dateOrder(result)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func role(_ role: FormColumnRole) -> String {
        switch role {
        case .date(let timestamp):
            return timestamp ? language.pick("tanggal survei (dari stempel waktu)", "survey date (from the timestamp)")
                             : language.pick("tanggal survei", "survey date")
        case .service: return language.pick("jenis layanan", "service")
        case .unsur(let unsur): return "U\(unsur) \(QuestionnaireVocabulary.questions[unsur - 1].name)"
        case .gender: return language.pick("jenis kelamin", "gender")
        case .age: return language.pick("umur", "age")
        case .education: return language.pick("pendidikan", "education")
        case .occupation: return language.pick("pekerjaan", "occupation")
        case .suggestion: return language.pick("saran", "suggestion")
        case .ignored: return language.pick("diabaikan", "ignored")
        }
    }

    private func dateOrder(_ result: FormImportReport) -> String {
        let order = result.dateOrder == .dmy ? "d/M/yyyy" : "M/d/yyyy"
        switch result.dateOrderSource {
        case .notNeeded:
            return language.pick("Tanggal ditulis yyyy-MM-dd; urutan hari/bulan tidak diperlukan",
                                 "Dates are written yyyy-MM-dd; no day/month order needed")
        case .option:
            return language.pick("Tanggal bergaris miring dibaca \(order) (--date-order)", "Slashed dates read \(order) (--date-order)")
        case .dates(let line):
            return language.pick("Tanggal bergaris miring dibaca \(order): baris \(line) hanya bisa dibaca begitu",
                                 "Slashed dates read \(order): line \(line) can only be read so")
        case .heading:
            return language.pick(
                "PERHATIAN: setiap tanggal bisa dibaca d/M atau M/d; dibaca \(order) menurut bahasa judul kolom tanggal. Pastikan, atau tentukan dengan --date-order dmy|mdy",
                "NOTE: every date reads either as d/M or M/d; read \(order) from the language of the date column's heading. Check, or decide with --date-order dmy|mdy")
        }
    }
}

/// Text from a file made fit for one line of output.
enum MessageTextLine {
    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "..." : flat
    }
}
