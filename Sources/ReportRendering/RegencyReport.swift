import FoundationEssentials
import Indicators
import Storage

/// `iku-regency report --format table|md`: the kecamatan table and the regency's roll-up as blocks.
public struct RegencySheet {
    let compilation: RegencyCompilation
    let wording: ReportWording

    public init(_ compilation: RegencyCompilation, language: ReportLanguage = .id) {
        self.compilation = compilation
        wording = ReportWording(language: language)
    }

    public var blocks: [ReportBlock] {
        let rows = compilation.kecamatan.map { entry in
            [entry.code, entry.name, wording.lastChange(entry)] + IndicatorKey.allCases.map { wording.regencyCell(entry.report, $0) }
        }
        let rollUp = compilation.rollUp.map { rollUp in
            ["IKU \(IKUSheet.definition(rollUp.key).number)", wording.indicatorShortName(rollUp.key),
             wording.rollUpFigure(rollUp.mean, rollUp.key), wording.rollUpFigure(rollUp.pooled, rollUp.key),
             rollUp.mutu.map(wording.mutu) ?? "—", wording.exclusions(rollUp)]
        }
        return [
            .title(wording.regencyTitle(compilation)),
            .paragraph(wording.regencyBasis(compilation)),
            .table(headers: [wording.codeColumn, wording.kecamatanColumn, wording.lastChangeColumn]
                   + IndicatorKey.allCases.map { "IKU \(IKUSheet.definition($0).number) \(wording.indicatorShortName($0))" },
                   rows: rows),
            .heading(wording.rollUpHeading),
            .table(headers: ["No", wording.indicatorColumn, wording.meanColumn, wording.pooledColumn, wording.mutuColumn,
                             wording.excludedColumn], rows: rollUp),
            .paragraph(wording.rollUpRule),
            .paragraph(IKUSheet.roundingRule),
        ]
    }
}

/// `iku-regency report --format json`: per kecamatan the same indicator objects as `iku report
/// --format json` (IKU 1 without its breakdowns, which stay in the office's report), and the
/// regency's mean and pooled figures with the kecamatan left out of the mean.
public struct RegencyReportJSON: Encodable {
    let compilation: RegencyCompilation

    public static func render(_ compilation: RegencyCompilation) throws -> String {
        String(decoding: try encoder().encode(RegencyReportJSON(compilation: compilation)), as: UTF8.self) + "\n"
    }

    /// The same text as `render`, the kecamatan encoded in `parts` parts at once (a nation's
    /// JSON is a hundred megabytes, and one encoder takes seconds over it): each part as the
    /// encoder writes an array's elements, set into the document in the kecamatan's place.
    public static func render(_ compilation: RegencyCompilation, parts: Int) async throws -> String {
        let kecamatan = compilation.kecamatan
        guard parts > 1, kecamatan.count > 1 else { return try render(compilation) }
        let size = (kecamatan.count + parts - 1) / parts
        let chunks = stride(from: 0, to: kecamatan.count, by: size).map { Array(kecamatan[$0..<min($0 + size, kecamatan.count)]) }
        let encoded = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    let encoder = encoder()
                    // An element of the document's array sits two levels in: four spaces more on
                    // every line but the empty ones (the inside of an empty array).
                    var text: [UInt8] = []
                    for entry in chunk {
                        if !text.isEmpty { text.append(contentsOf: ",\n".utf8) }
                        text.append(contentsOf: "    ".utf8)
                        try encoder.encode(KecamatanJSON(entry: entry)).withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                            var start = 0
                            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
                                text.append(contentsOf: bytes[start...index])
                                if index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n") {
                                    text.append(contentsOf: "    ".utf8)
                                }
                                start = index + 1
                            }
                            text.append(contentsOf: bytes[start...])
                        }
                    }
                    return (index, String(decoding: text, as: UTF8.self))
                }
            }
            var texts = [String](repeating: "", count: chunks.count)
            for try await (index, text) in group { texts[index] = text }
            return texts
        }
        let skeleton = String(decoding: try encoder().encode(RegencyReportJSON(compilation: compilation, kecamatanPlaceholder: true)),
                              as: UTF8.self)
        let slot = "\"kecamatan\" : \"\(placeholder)\""
        guard let range = skeleton.firstRange(of: slot) else { return try render(compilation) }
        var document = skeleton
        document.replaceSubrange(range, with: "\"kecamatan\" : [\n" + encoded.joined(separator: ",\n") + "\n  ]")
        return document + "\n"
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// What stands in the skeleton for the kecamatan array (`render(_:parts:)`).
    static let placeholder = "iku-regency kecamatan"

    init(compilation: RegencyCompilation, kecamatanPlaceholder: Bool = false) {
        self.compilation = compilation
        self.kecamatanPlaceholder = kecamatanPlaceholder
    }

    let kecamatanPlaceholder: Bool

    enum Keys: String, CodingKey {
        case period, kecamatan, regency, rounding
        case asOf = "as_of"
    }

    struct LastChangeJSON: Encodable {
        let id: Int64
        let recorded_at: String
        let head: String
    }

    struct KecamatanJSON: Encodable {
        let entry: KecamatanEntry

        enum Keys: String, CodingKey {
            case code, name, timezone, indicators
            case lastChange = "last_change"
            case asOfChangeID = "as_of_change_id"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(entry.code, forKey: .code)
            try container.encode(entry.name, forKey: .name)
            try container.encode(entry.zone.identifier, forKey: .timezone)
            try container.encode(Nullable(entry.lastChange.map { LastChangeJSON(id: $0.id, recorded_at: $0.recordedAt, head: $0.head) }),
                                 forKey: .lastChange)
            var indicators = container.nestedUnkeyedContainer(forKey: .indicators)
            if let report = entry.report {
                try indicators.encode(IKMJSON(result: report.ikm, breakdowns: false))
                try indicators.encode(FacilitationJSON(result: report.facilitation))
                try indicators.encode(VillageDocumentsJSON(result: report.villageDocuments))
            }
        }
    }

    struct ExclusionJSON: Encodable {
        let code: String
        let reason: String
    }

    struct RollUpJSON: Encodable {
        let rollUp: RollUp

        enum Keys: String, CodingKey {
            case key, mean, pooled, mutu, included, excluded
            case meanReason = "mean_reason"
            case pooledReason = "pooled_reason"
            case mutuLabel = "mutu_label"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(rollUp.key.rawValue, forKey: .key)
            try container.encode(Nullable(rollUp.mean.value), forKey: .mean)
            try container.encodeIfPresent(rollUp.mean.reason, forKey: .meanReason)
            try container.encode(Nullable(rollUp.pooled.value), forKey: .pooled)
            try container.encodeIfPresent(rollUp.pooled.reason, forKey: .pooledReason)
            if rollUp.key == .ikm {
                try container.encode(Nullable(rollUp.mutu?.rawValue), forKey: .mutu)
                try container.encode(Nullable(rollUp.mutu?.kinerja), forKey: .mutuLabel)
            }
            try container.encode(rollUp.included, forKey: .included)
            try container.encode(rollUp.excluded.map { ExclusionJSON(code: $0.code, reason: $0.reason) }, forKey: .excluded)
        }
    }

    struct RegencyJSON: Encodable {
        let code: String
        let name: String
        let indicators: [RollUpJSON]
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(PeriodJSON(compilation.period), forKey: .period)
        try container.encode(Nullable(compilation.asOf), forKey: .asOf)
        try container.encode(IKUSheet.roundingRule, forKey: .rounding)
        if kecamatanPlaceholder {
            try container.encode(Self.placeholder, forKey: .kecamatan)
        } else {
            try container.encode(compilation.kecamatan.map(KecamatanJSON.init), forKey: .kecamatan)
        }
        try container.encode(RegencyJSON(code: compilation.regencyCode, name: compilation.regencyName,
                                         indicators: compilation.rollUp.map(RollUpJSON.init)), forKey: .regency)
    }
}

/// `iku-regency report --format csv`: one row per kecamatan, then the regency's mean and pooled
/// rows; full precision (`--excel`: the spreadsheet dialect, text that would run as a formula
/// neutralised).
public enum RegencyReportCSV {
    static let header: [CSVCell] = ["row", "code", "name", "timezone", "last_change_id", "last_change_at",
                                    "ikm", "ikm_reason", "ikm_mutu", "ikm_respondents", "ikm_target", "ikm_capaian",
                                    "facilitation", "facilitation_reason", "facilitation_held", "facilitation_followed_up",
                                    "facilitation_target", "facilitation_capaian",
                                    "village_documents", "village_documents_reason", "village_documents_expected",
                                    "village_documents_on_time", "village_documents_not_yet_due",
                                    "village_documents_target", "village_documents_capaian", "excluded"]

    public static func render(_ compilation: RegencyCompilation, dialect: CSVDialect) -> String {
        func number(_ value: Double?) -> CSVCell { value.map(CSVCell.number) ?? "" }
        func count(_ value: Int) -> CSVCell { .text(String(value)) }
        var rows = [header]
        for entry in compilation.kecamatan {
            var row: [CSVCell] = ["kecamatan", .text(entry.code), .text(entry.name), .text(entry.zone.identifier),
                                  .text(entry.lastChange.map { String($0.id) } ?? ""), .text(entry.lastChange?.recordedAt ?? "")]
            if let report = entry.report {
                let ikm = report.ikm, facilitation = report.facilitation, documents = report.villageDocuments
                row += [number(ikm.figure.value), .text(ikm.figure.reason ?? ""), .text(ikm.mutu?.rawValue ?? ""),
                        count(ikm.respondents), number(ikm.achievement.target), number(ikm.achievement.capaian)]
                row += [number(facilitation.figure.value), .text(facilitation.figure.reason ?? ""), count(facilitation.tally.held),
                        count(facilitation.tally.followedUp), number(facilitation.achievement.target),
                        number(facilitation.achievement.capaian)]
                row += [number(documents.figure.value), .text(documents.figure.reason ?? ""), count(documents.tally.expected),
                        count(documents.tally.onTime), count(documents.tally.notYetDue), number(documents.achievement.target),
                        number(documents.achievement.capaian), ""]
            } else {
                row += Array(repeating: "", count: header.count - row.count - 1) + [.text(RegencyCompilation.nothingSent)]
            }
            rows.append(row)
        }
        for (label, pick) in [("regency_mean", \RollUp.mean), ("regency_pooled", \RollUp.pooled)] {
            var row: [CSVCell] = [.text(label), .text(compilation.regencyCode), .text(compilation.regencyName), "", "", ""]
            for rollUp in compilation.rollUp {
                let figure = rollUp[keyPath: pick]
                row += [number(figure.value), .text(figure.reason ?? "")]
                switch rollUp.key {
                case .ikm: row += [.text(label == "regency_mean" ? rollUp.mutu?.rawValue ?? "" : ""), "", "", ""]
                case .facilitation: row += ["", "", "", ""]
                case .villageDocuments: row += ["", "", "", "", ""]
                }
            }
            row.append(.text(label == "regency_mean"
                ? compilation.rollUp.map { "\($0.key.rawValue): " + $0.excluded.map(\.code).joined(separator: " ") }.joined(separator: "; ")
                : ""))
            rows.append(row)
        }
        return dialect.render(rows)
    }
}

/// `iku-regency report --format html`: one self-contained printable page in the office report's
/// look (the same stylesheet and table rendering): the kecamatan table, the regency's roll-up and
/// its rules. Every text from the records is escaped.
public struct RegencyHTMLPage {
    let compilation: RegencyCompilation
    let wording: ReportWording
    /// When the page was made, for people.
    let generatedAt: String

    public init(_ compilation: RegencyCompilation, language: ReportLanguage = .id, generatedAt: String) {
        self.compilation = compilation
        wording = ReportWording(language: language)
        self.generatedAt = generatedAt
    }

    public var html: String {
        let title = wording.regencyTitle(compilation)
        let kecamatanRows = compilation.kecamatan.map { entry -> [HTMLTable.Cell] in
            [.text(entry.code, class: "code"), .text(entry.name), .text(wording.lastChange(entry), class: "date")]
                + IndicatorKey.allCases.map { key in
                    .text(wording.regencyCell(entry.report, key), class: entry.report?.figure(key).value == nil ? nil : "figure")
                }
        }
        let kecamatan = HTMLTable(
            headers: [wording.codeColumn, wording.kecamatanColumn, wording.lastChangeColumn]
                + IndicatorKey.allCases.map { "IKU \(IKUSheet.definition($0).number) \(wording.indicatorShortName($0))" },
            rows: kecamatanRows, styleClass: "regency")
        let rollUpRows = compilation.rollUp.map { rollUp -> [HTMLTable.Cell] in
            [.text("IKU \(IKUSheet.definition(rollUp.key).number)", class: "number"), .text(wording.indicatorName(rollUp.key)),
             .text(wording.rollUpFigure(rollUp.mean, rollUp.key), class: rollUp.mean.value == nil ? nil : "figure"),
             .text(wording.rollUpFigure(rollUp.pooled, rollUp.key), class: rollUp.pooled.value == nil ? nil : "figure"),
             .text(rollUp.mutu.map(wording.mutu) ?? "—"), .text(wording.exclusions(rollUp))]
        }
        let rollUp = HTMLTable(headers: ["No", wording.indicatorColumn, wording.meanColumn, wording.pooledColumn,
                                         wording.mutuColumn, wording.excludedColumn], rows: rollUpRows, styleClass: "summary")
        let header = HTML.element("header", [:], [
            HTML.text("p", ["class": "office"], "Kabupaten \(compilation.regencyName) (\(compilation.regencyCode))"),
            HTML.text("h1", [:], title),
            HTML.text("p", ["class": "period"], wording.periodDays(compilation.period)),
        ].joined(separator: "\n"))
        let body = [
            header,
            HTML.text("p", [:], wording.regencyBasis(compilation)),
            kecamatan.html,
            HTML.text("h2", [:], wording.rollUpHeading),
            rollUp.html,
            HTML.text("p", ["class": "note"], wording.rollUpRule),
            HTML.text("p", ["class": "note"], IKUSheet.roundingRule),
            HTML.text("p", ["class": "note"], generatedAt),
        ].joined(separator: "\n")
        return HTML.document(language: wording.language, title: title,
                             style: HTMLStyle.css + "\n@page { size: A4 landscape; }\nmain { max-width: 297mm; }",
                             body: HTML.element("section", ["class": "page", "id": "regency"], "\n" + body + "\n"))
    }
}
