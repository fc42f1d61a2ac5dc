import Storage

/// One figure of a snapshot: a number at full precision, a count, a text (mutu, reason, date) or
/// nothing. Counts are stored apart (`SnapshotContents.counts`), so decoding never yields `.count`.
public enum FigureValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
    case count(Int)
    case text(String)
    case null

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .count(let count): try container.encode(count)
        case .text(let text): try container.encode(text)
        case .null: try container.encodeNil()
        }
    }

    /// Numbers with 2 decimals (half-up) and, when that hides digits, the full value in brackets.
    public var description: String {
        switch self {
        case .number(let number):
            let rounded = Rounding.twoDecimals(number)
            return Double(rounded) == number ? rounded : "\(rounded) (\(number))"
        case .count(let count): return String(count)
        case .text(let text): return text
        case .null: return "—"
        }
    }
}

/// The headline figures of a report as flat, named lists: what a snapshot stores and compares.
public enum ReportFigures {
    /// Values, targets, capaian, NRR, mutu, reasons and deadlines: `ikm.value`, `ikm.nrr.U1`,
    /// `facilitation.capaian`, `village_documents.rkpdesa.2027.deadline`, …
    public static func figures(of report: Report) -> [String: FigureValue] {
        var figures: [String: FigureValue] = [:]
        func number(_ value: Double?) -> FigureValue { value.map(FigureValue.number) ?? .null }
        for key in IndicatorKey.allCases {
            let figure = report.figure(key), achievement = report.achievement(key)
            figures["\(key.rawValue).value"] = number(figure.value)
            if let reason = figure.reason { figures["\(key.rawValue).reason"] = .text(reason) }
            figures["\(key.rawValue).target"] = number(achievement.target)
            figures["\(key.rawValue).capaian"] = number(achievement.capaian)
        }
        figures["ikm.mutu"] = report.ikm.mutu.map { .text($0.rawValue) } ?? .null
        for score in report.ikm.tally.scores {
            figures["ikm.nrr.\(score.unsur.code)"] = number(score.nrr)
        }
        for deadline in report.villageDocuments.deadlines {
            figures["village_documents.\(deadline.document.rawValue).\(deadline.fiscalYear).deadline"] =
                .text(deadline.due.description)
        }
        return figures
    }

    /// The counts behind the figures: respondents, answers per element, activities held and
    /// followed up, documents expected and on time (overall and per deadline), documents not yet
    /// due when some are, sample sizes.
    public static func counts(of report: Report) -> [String: Int] {
        var counts: [String: Int] = [
            "ikm.respondents": report.ikm.respondents,
            "facilitation.held": report.facilitation.tally.held,
            "facilitation.followed_up": report.facilitation.tally.followedUp,
            "village_documents.expected": report.villageDocuments.tally.expected,
            "village_documents.on_time": report.villageDocuments.tally.onTime,
        ]
        if report.villageDocuments.tally.notYetDue > 0 {
            counts["village_documents.not_yet_due"] = report.villageDocuments.tally.notYetDue
        }
        for score in report.ikm.tally.scores {
            counts["ikm.answered.\(score.unsur.code)"] = score.answered
        }
        if let sample = report.ikm.sample {
            counts["ikm.sample.population"] = sample.population
            counts["ikm.sample.minimum"] = sample.minimumSample
        }
        for entry in report.villageDocuments.perDeadline {
            let name = "village_documents.\(entry.deadline.document.rawValue).\(entry.deadline.fiscalYear)"
            counts["\(name).expected"] = entry.tally.expected
            counts["\(name).on_time"] = entry.tally.onTime
        }
        return counts
    }
}
