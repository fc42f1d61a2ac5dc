import Storage

/// The deadline a village document is measured against, and where it comes from.
public struct DocumentDeadline: Hashable, Sendable {
    /// Where the deadline comes from.
    public enum Basis: Hashable, Sendable {
        /// The regulation's default (e.g. "Permendagri 20/2018").
        case regulation(String)
        /// An override set in iku (e.g. from a regency's Perbup).
        case override(ChangeStamp)
    }

    public let document: AdministrationDocument
    public let fiscalYear: Int
    public let due: CalendarDate
    public let basis: Basis
    /// The office's zone, to show when an override was set; nil shows the stored UTC time.
    var zone: OfficeZone? = nil

    /// When an override was set, as people read it (`2026-12-02 13:01 WIB`); nil for a default.
    public var setAt: String? {
        guard case .override(let stamp) = basis else { return nil }
        return zone?.display(recordedAt: stamp.recordedAt) ?? stamp.recordedAt
    }

    /// The basis in words, e.g. "default: 30 September N−1 (Permendesa PDTT 21/2020 Pasal 22(4); …)".
    public var basisDescription: String {
        switch basis {
        case .regulation(let text): return "ketentuan: \(text)"
        case .override(let stamp): return "ditetapkan di iku oleh \(stamp.actor) pada \(setAt ?? stamp.recordedAt) (perubahan #\(stamp.id))"
        }
    }
}

/// The default deadlines of SPEC.md and the overrides stored in `deadline_settings`.
public struct DeadlineSchedule {
    let database: IkuDatabase

    public init(_ database: IkuDatabase) {
        self.database = database
    }

    /// The regulation's deadline for `document` of fiscal year `fiscalYear`.
    public static func defaultDue(_ document: AdministrationDocument, fiscalYear: Int) -> CalendarDate {
        switch document {
        case .rkpdesa: return CalendarDate(year: fiscalYear - 1, month: 9, day: 30)!
        case .apbdesa: return CalendarDate(year: fiscalYear - 1, month: 12, day: 31)!
        case .lppdesa: return CalendarDate(year: fiscalYear + 1, month: 3, day: 31)!
        }
    }

    /// The rule and the regulation behind each default deadline.
    public static func defaultBasis(_ document: AdministrationDocument) -> String {
        switch document {
        case .rkpdesa: return "30 September tahun N−1 (Permendesa PDTT 21/2020 Pasal 22 ayat (4); Permendagri 114/2014)"
        case .apbdesa: return "31 Desember tahun N−1 (Permendagri 20/2018)"
        case .lppdesa: return "31 Maret tahun N+1, tiga bulan setelah tahun anggaran berakhir (Permendagri 46/2016)"
        }
    }

    /// The default deadline of `document` for `fiscalYear`, with its basis.
    public static func defaultDeadline(_ document: AdministrationDocument, fiscalYear: Int) -> DocumentDeadline {
        DocumentDeadline(document: document, fiscalYear: fiscalYear, due: defaultDue(document, fiscalYear: fiscalYear),
                         basis: .regulation(defaultBasis(document)))
    }

    /// The deadlines in force for every document of `fiscalYear` as of `asOf`.
    public func deadlines(fiscalYear: Int, asOf: AsOf = .now) throws -> [DocumentDeadline] {
        try deadlines(fiscalYears: fiscalYear...fiscalYear, asOf: asOf)
    }

    /// The deadlines that fall inside `period`, in date order: the documents the period counts.
    ///
    /// Fiscal years within two years of the period are considered, so an override that moves a
    /// deadline into or out of the period is honoured.
    public func deadlines(inside period: Period, asOf: AsOf = .now) throws -> [DocumentDeadline] {
        try deadlines(fiscalYears: Self.fiscalYears(around: period), asOf: asOf)
            .filter { period.contains($0.due) }
            .sorted { ($0.due, $0.document, $0.fiscalYear) < ($1.due, $1.document, $1.fiscalYear) }
    }

    /// The fiscal years whose deadlines may fall inside `period`, overrides included.
    static func fiscalYears(around period: Period) -> ClosedRange<Int> {
        (period.from.year - 2)...(period.to.year + 2)
    }

    /// Every document's deadline in force for each of `fiscalYears` as of `asOf`.
    func deadlines(fiscalYears: ClosedRange<Int>, asOf: AsOf) throws -> [DocumentDeadline] {
        let overrides = try DeadlineStore(database).overrides(fiscalYears: fiscalYears, asOf: asOf)
        let zone = overrides.isEmpty ? nil : try database.officeZone()
        var result: [DocumentDeadline] = []
        for fiscalYear in fiscalYears {
            for document in AdministrationDocument.allCases {
                let override = overrides.first { $0.document == document && $0.fiscalYear == fiscalYear }
                if let override, let due = override.due {
                    result.append(DocumentDeadline(document: document, fiscalYear: fiscalYear, due: due,
                                                   basis: .override(override.stamp), zone: zone))
                } else {
                    result.append(Self.defaultDeadline(document, fiscalYear: fiscalYear))
                }
            }
        }
        return result
    }
}
