import Storage

/// The days an indicator is computed over, inside one reporting year (whose targets apply).
public struct Period: Hashable, Sendable {
    /// How the period was chosen.
    public enum Span: Hashable, Sendable {
        case year
        case quarter(Int)
        case range
    }

    /// The reporting year: the year whose targets apply.
    public let year: Int
    public let from: CalendarDate
    public let to: CalendarDate
    public let span: Span

    private init(year: Int, from: CalendarDate, to: CalendarDate, span: Span) {
        self.year = year
        self.from = from
        self.to = to
        self.span = span
    }

    /// Years a period may lie in (the schema's range).
    public static let years = 2000...2100

    /// The calendar year `year`, 1 January to 31 December.
    public static func year(_ year: Int) throws -> Period {
        try validate(year: year)
        return Period(year: year, from: CalendarDate(year: year, month: 1, day: 1)!,
                      to: CalendarDate(year: year, month: 12, day: 31)!, span: .year)
    }

    /// Quarter (triwulan) `quarter` (1...4) of `year`.
    public static func quarter(_ quarter: Int, of year: Int) throws -> Period {
        try validate(year: year)
        guard (1...4).contains(quarter) else {
            throw InputError(field: "quarter", value: String(quarter), allowed: "a quarter from 1 to 4")
        }
        let lastMonth = quarter * 3
        return Period(year: year, from: CalendarDate(year: year, month: lastMonth - 2, day: 1)!,
                      to: CalendarDate(year: year, month: lastMonth,
                                       day: CalendarDate.daysIn(month: lastMonth, year: year))!,
                      span: .quarter(quarter))
    }

    /// The days `from` through `to`, both inside `year`.
    public static func range(year: Int, from: CalendarDate, to: CalendarDate) throws -> Period {
        try validate(year: year)
        guard from.year == year else {
            throw InputError(field: "from", value: from.description, allowed: "a date in \(year), the year reported on")
        }
        guard to.year == year else {
            throw InputError(field: "to", value: to.description, allowed: "a date in \(year), the year reported on")
        }
        guard from <= to else {
            throw InputError(field: "to", value: to.description, allowed: "a date on or after --from (\(from))")
        }
        return Period(year: year, from: from, to: to, span: .range)
    }

    private static func validate(year: Int) throws {
        guard years.contains(year) else {
            throw InputError(field: "year", value: String(year), allowed: "a year from 2000 to 2100")
        }
    }

    /// Whether `date` lies in the period (both ends included).
    public func contains(_ date: CalendarDate) -> Bool {
        from <= date && date <= to
    }

    /// The period in Indonesian, e.g. `Tahun 2026`, `Triwulan III 2026`, `2026-02-01 s.d. 2026-03-15`.
    public var title: String {
        switch span {
        case .year: return "Tahun \(year)"
        case .quarter(let quarter): return "Triwulan \(Self.romanQuarters[quarter - 1]) \(year)"
        case .range: return "\(from) s.d. \(to)"
        }
    }

    static let romanQuarters = ["I", "II", "III", "IV"]
}
