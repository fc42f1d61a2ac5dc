import Storage

/// One figure of a snapshot: a number at full precision, a text (mutu, reason, date) or nothing.
public enum FigureValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
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
        case .text(let text): return text
        case .null: return "—"
        }
    }
}

/// The headline figures of a report as a flat, named list: what a snapshot stores and compares.
public enum ReportFigures {
    /// `ikm.value`, `ikm.mutu`, `ikm.nrr.U1`, `facilitation.held`, `village_documents.deadline.rkpdesa.2027`, …
    public static func figures(of report: Report) -> [String: FigureValue] {
        var figures: [String: FigureValue] = [:]
        func add(_ key: IndicatorKey, _ figure: Figure, _ achievement: Achievement) {
            figures["\(key.rawValue).value"] = figure.value.map(FigureValue.number) ?? .null
            if let reason = figure.reason { figures["\(key.rawValue).reason"] = .text(reason) }
            figures["\(key.rawValue).target"] = achievement.target.map(FigureValue.number) ?? .null
            figures["\(key.rawValue).capaian"] = achievement.capaian.map(FigureValue.number) ?? .null
        }
        func count(_ name: String, _ value: Int) { figures[name] = .number(Double(value)) }

        add(.ikm, report.ikm.figure, report.ikm.achievement)
        figures["ikm.mutu"] = report.ikm.mutu.map { .text($0.rawValue) } ?? .null
        count("ikm.respondents", report.ikm.respondents)
        for score in report.ikm.tally.scores {
            figures["ikm.nrr.\(score.unsur.code)"] = score.nrr.map(FigureValue.number) ?? .null
            count("ikm.answered.\(score.unsur.code)", score.answered)
        }
        if let sample = report.ikm.sample {
            count("ikm.sample.population", sample.population)
            count("ikm.sample.minimum", sample.minimumSample)
        }

        add(.facilitation, report.facilitation.figure, report.facilitation.achievement)
        count("facilitation.held", report.facilitation.tally.held)
        count("facilitation.followed_up", report.facilitation.tally.followedUp)

        add(.villageDocuments, report.villageDocuments.figure, report.villageDocuments.achievement)
        count("village_documents.expected", report.villageDocuments.tally.expected)
        count("village_documents.on_time", report.villageDocuments.tally.onTime)
        for deadline in report.villageDocuments.perDeadline {
            let name = "village_documents.\(deadline.deadline.document.rawValue).\(deadline.deadline.fiscalYear)"
            figures["\(name).deadline"] = .text(deadline.deadline.due.description)
            count("\(name).expected", deadline.tally.expected)
            count("\(name).on_time", deadline.tally.onTime)
        }
        return figures
    }
}
