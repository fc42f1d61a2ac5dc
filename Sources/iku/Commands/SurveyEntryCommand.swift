import ArgumentParser
import FoundationEssentials
import Glibc
import Storage

extension MessageLanguage: ExpressibleByArgument {}

/// `iku survey entry`: keying a stack of paper questionnaires, one response per line.
struct SurveyEntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entry",
        abstract: "Key paper questionnaires, one response per line, each stored at once.",
        discussion: HelpText.reflowed("""
            One response per line: the nine answers U1..U9 as digits 1-4 or - (with or
            without commas or spaces between them), then optionally gender (L/P), age,
            education and occupation in any order, then optionally # and the suggestion:
              434434434 P 34 SMA PNS # antrean lebih cepat
              4,3,4,4,3,4,4,3,- L 52
            Lines starting with : change the session:
              :tanggal 2026-12-01  (:date)     survey date of the next lines
              :layanan KK          (:service)  service of the next lines
              :batal salah ketik   (:undo)     voids the last response stored here
            A bad line is explained and nothing is stored for it; a good one is stored
            at once and acknowledged with its id and the profile as read. An empty line
            or end of input ends the session with a summary. Exit status: 0 every line
            stored, 1 some line refused (the stored ones stay), 130 interrupted by
            Ctrl-C (the stored ones stay). Messages are in Indonesian; --lang en gives
            English.

            Examples:
              iku survey entry --service KTP
              iku survey entry --date 2026-12-01 --service KK < formulir.txt
            """))

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The survey date of the first lines (YYYY-MM-DD; default today in the office's time zone).", valueName: "date"))
    var date: String?
    @Option(help: ArgumentHelp("The service of the first lines (jenis layanan), e.g. KTP.", valueName: "text"))
    var service: String?
    @Option(help: ArgumentHelp("Language of prompts and messages: id (default) or en.", valueName: "lang"))
    var lang: MessageLanguage = .id

    func run() throws {
        let opened = try database.open()
        let today = try opened.officeCalendar().today
        var session: SurveyEntrySession
        do {
            session = try SurveyEntrySession(database: opened, date: date ?? today.description, service: service, language: lang)
        } catch let error as InputError {
            StandardStream.error("error: \(error.text(in: lang))\n")
            throw ExitCode(ExitStatus.refused.rawValue)
        }
        let console = EntryConsole(language: lang, interactive: isatty(0) == 1)
        console.installInterruptHandler()
        console.greet()
        var input = StandardInputLines()
        var number = 0
        while true {
            console.prompt(date: session.date, service: session.service)
            guard let line = input.next(), !EntryConsole.interrupted else { break }
            number += 1
            if line.trimmingWhitespace().isEmpty { break }
            console.report(try session.handle(line, number: number), line: number)
            if EntryConsole.interrupted { break }
        }
        console.summary(session)
        if EntryConsole.interrupted { throw ExitCode(130) }
        if !session.refusedLines.isEmpty { throw ExitCode(ExitStatus.refused.rawValue) }
    }
}

/// The entry session's side of the terminal: prompt, acknowledgements, refusals and summary,
/// written unbuffered so each shows the moment its line is handled.
struct EntryConsole {
    let language: MessageLanguage
    /// Standard input is a terminal: show the prompt.
    let interactive: Bool

    nonisolated(unsafe) private static var interruptFlag: sig_atomic_t = 0

    /// Ctrl-C was pressed.
    static var interrupted: Bool { interruptFlag != 0 }

    /// On SIGINT, end the session after the line being handled (a read waiting for input is cut
    /// short: the handler is installed without SA_RESTART).
    func installInterruptHandler() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in EntryConsole.interruptFlag = 1 }
        #else
        action.__sigaction_u.__sa_handler = { _ in EntryConsole.interruptFlag = 1 }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    func greet() {
        guard interactive else { return }
        standardError(language.pick(
            "Ketik satu formulir per baris: 9 jawaban (1-4 atau -), lalu L/P, umur, pendidikan, pekerjaan, # saran. Baris kosong: selesai. :batal membatalkan yang terakhir.\n",
            "Type one form per line: 9 answers (1-4 or -), then L/P, age, education, occupation, # suggestion. Empty line: done. :undo voids the last one.\n"))
    }

    func prompt(date: CalendarDate, service: String?) {
        guard interactive else { return }
        standardError("[\(date) · \(service ?? language.pick("layanan?", "service?"))] > ")
    }

    func report(_ outcome: SurveyEntrySession.Outcome, line: Int) {
        switch outcome {
        case .stored(let id, let profile):
            let read = profile.isEmpty ? "" : " (\(profile.joined(separator: ", ")))"
            standardOutput(language.pick("baris \(line): tersimpan, id \(id)\(read)\n", "line \(line): stored, id \(id)\(read)\n"))
        case .undone(let id):
            standardOutput(language.pick("baris \(line): id \(id) dibatalkan\n", "line \(line): id \(id) undone (voided)\n"))
        case .dateChanged(let date):
            standardOutput(language.pick("baris \(line): tanggal \(date)\n", "line \(line): date \(date)\n"))
        case .serviceChanged(let service):
            standardOutput(language.pick("baris \(line): layanan \(service)\n", "line \(line): service \(service)\n"))
        case .refused(let error):
            standardError(language.pick("ditolak: ", "refused: ") + Self.text(error, line: line, language: language) + "\n")
        }
    }

    func summary(_ session: SurveyEntrySession) {
        let refused = session.refusedLines
        let lines = refused.map(String.init).joined(separator: ", ")
        let refusedText = refused.isEmpty ? language.pick("0 ditolak", "0 refused")
            : language.pick("\(refused.count) ditolak (baris \(lines))", "\(refused.count) refused (line\(refused.count == 1 ? "" : "s") \(lines))")
        let interrupted = Self.interrupted ? language.pick(" (dihentikan dengan Ctrl-C)", " (interrupted by Ctrl-C)") : ""
        if Self.interrupted, interactive { standardError("\n") }
        standardOutput(language.pick(
            "selesai\(interrupted): \(session.storedCount) tersimpan, \(session.undoneCount) dibatalkan, \(refusedText)\n",
            "done\(interrupted): \(session.storedCount) stored, \(session.undoneCount) undone, \(refusedText)\n"))
    }

    static func text(_ error: Error, line: Int, language: MessageLanguage) -> String {
        switch error {
        case var error as InputError:
            error.line = line
            return error.text(in: language)
        default:
            return language.pick("baris \(line): ", "line \(line): ") + String(describing: error)
        }
    }

    private func standardOutput(_ text: String) {
        StandardStream.output(text)
    }

    private func standardError(_ text: String) {
        StandardStream.error(text)
    }
}

/// Lines of standard input, read with `read(2)` so that Ctrl-C (an interrupted read) ends the
/// wait for a line at once; the line is what the terminal's line editing produced.
struct StandardInputLines {
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// The next line without its line break, or nil at the end of input or on Ctrl-C.
    mutating func next() -> String? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            // Wait in short polls so Ctrl-C is seen even when it comes just before a read.
            var input = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&input, 1, 200)
            if EntryConsole.interrupted { return nil }
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            let count = read(0, &chunk, chunk.count)
            if count < 0, errno == EINTR {
                if EntryConsole.interrupted { return nil }
                continue
            }
            if count <= 0 {
                atEnd = true
            } else {
                buffer += chunk[0..<count]
            }
        }
    }
}
