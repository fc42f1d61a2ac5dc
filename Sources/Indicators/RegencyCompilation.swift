import Storage

/// The last change of an office's log that a regency figure includes.
public struct LastChange: Hashable, Sendable {
    public let id: Int64
    /// When the office recorded it (UTC, as in its log).
    public let recordedAt: String
    /// Its entry digest: the head the office's `iku audit verify --expect-head` checks.
    public let head: String

    public init(id: Int64, recordedAt: String, head: String) {
        self.id = id
        self.recordedAt = recordedAt
        self.head = head
    }
}

/// One registered kecamatan in the regency's table.
public struct KecamatanEntry: Sendable {
    public let code: String
    public let name: String
    /// The office's zone (as held), which decided its days.
    public let zone: OfficeZone
    /// The last change included; nil when the office had sent nothing as of the compilation.
    public let lastChange: LastChange?
    /// Its figures, as its own `iku report` computes them as of `lastChange`; nil with nothing sent.
    public let report: Report?

    public init(code: String, name: String, zone: OfficeZone, lastChange: LastChange?, report: Report?) {
        self.code = code
        self.name = name
        self.zone = zone
        self.lastChange = lastChange
        self.report = report
    }
}

/// A kecamatan left out of the regency's mean, and why.
public struct Exclusion: Hashable, Sendable {
    public let code: String
    public let reason: String
}

/// One indicator over the regency (SPEC.md "The regency (kabupaten) roll-up"): the mean of the
/// computable kecamatan values (the headline) and the pooled figure over all their records.
public struct RollUp: Sendable {
    public let key: IndicatorKey
    /// Every computable kecamatan weighing the same.
    public let mean: Figure
    /// Over every record of every kecamatan together.
    public let pooled: Figure
    /// IKU 1 only: classified from the mean rounded to 2 decimals.
    public let mutu: Mutu?
    public let included: Int
    public let excluded: [Exclusion]
}

/// Every registered kecamatan's figures for a period and the regency's roll-up of them.
public struct RegencyCompilation: Sendable {
    public let regencyCode: String
    public let regencyName: String
    public let period: Period
    /// The `--as-of` text the compilation was asked for (each office's day in its own zone).
    public let asOf: String?
    public let kecamatan: [KecamatanEntry]
    public let rollUp: [RollUp]

    public init(regencyCode: String, regencyName: String, period: Period, asOf: String?, kecamatan: [KecamatanEntry]) {
        self.regencyCode = regencyCode
        self.regencyName = regencyName
        self.period = period
        self.asOf = asOf
        self.kecamatan = kecamatan
        rollUp = IndicatorKey.allCases.map { Self.rollUp($0, of: kecamatan) }
    }

    /// The reason for a kecamatan that had sent nothing (in Indonesian, as the office's reasons).
    public static let nothingSent = "belum mengirim data"
    static let noneComputable = "tidak ada kecamatan dengan nilai yang dapat dihitung (no kecamatan computable)"

    static func rollUp(_ key: IndicatorKey, of kecamatan: [KecamatanEntry]) -> RollUp {
        var values: [Double] = []
        var excluded: [Exclusion] = []
        for entry in kecamatan {
            guard let report = entry.report else {
                excluded.append(Exclusion(code: entry.code, reason: nothingSent))
                continue
            }
            switch report.figure(key) {
            case .value(let value): values.append(value)
            case .notComputable(let reason): excluded.append(Exclusion(code: entry.code, reason: reason))
            }
        }
        let mean: Figure = values.isEmpty
            ? .notComputable(reason: noneComputable) : .value(values.reduce(0, +) / Double(values.count))
        let reports = kecamatan.compactMap(\.report)
        return RollUp(key: key, mean: mean, pooled: pooled(key, reports), mutu: key == .ikm ? mean.value.map(Mutu.init(ikm:)) : nil,
                      included: values.count, excluded: excluded)
    }

    /// IKU 1: NRR per unsur over every respondent, then 25 × ΣNRR / 9; IKU 2: Σ followed up / Σ
    /// held; IKU 3: Σ on time / Σ documents due; not computable as the office's rules say.
    static func pooled(_ key: IndicatorKey, _ reports: [Report]) -> Figure {
        switch key {
        case .ikm:
            let scores = Unsur.allCases.map { unsur in
                UnsurScore(unsur: unsur,
                           sum: reports.reduce(0) { $0 + $1.ikm.tally.scores[unsur.rawValue - 1].sum },
                           answered: reports.reduce(0) { $0 + $1.ikm.tally.scores[unsur.rawValue - 1].answered })
            }
            return SurveyTally(respondents: reports.reduce(0) { $0 + $1.ikm.respondents }, scores: scores).ikm
        case .facilitation:
            return FacilitationTally(held: reports.reduce(0) { $0 + $1.facilitation.tally.held },
                                     followedUp: reports.reduce(0) { $0 + $1.facilitation.tally.followedUp }).figure
        case .villageDocuments:
            let expected = reports.reduce(0) { $0 + $1.villageDocuments.tally.expected }
            let onTime = reports.reduce(0) { $0 + $1.villageDocuments.tally.onTime }
            let reason = reports.lazy.compactMap(\.villageDocuments.figure.reason).first ?? noneComputable
            return .percentage(onTime, of: expected, otherwise: reason)
        }
    }
}
