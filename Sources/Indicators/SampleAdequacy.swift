import Storage

/// Whether the survey reached the minimum sample for its population (Krejcie & Morgan, 1970).
public struct SampleAdequacy: Hashable, Sendable {
    /// Service users in the period.
    public let population: Int
    /// The minimum sample for that population.
    public let minimumSample: Int
    public let respondents: Int
    /// Where the population comes from, e.g. "populasi tahun 2026" or "jumlah populasi triwulan I–IV 2026".
    public let source: String

    public var isAdequate: Bool { respondents >= minimumSample }

    /// `s = round(3.841·N·0.25 / (0.0025·(N−1) + 3.841·0.25))`: χ² 3.841 (1 df, 95 %), P 0.5, d 0.05.
    public static func minimumSample(population: Int) -> Int {
        let n = Double(population)
        let chiSquare = 3.841, proportion = 0.25, marginSquared = 0.0025
        return Int((chiSquare * n * proportion / (marginSquared * (n - 1) + chiSquare * proportion)).rounded())
    }

    /// The population recorded for `period`: its quarter's, or for a year the year's own figure
    /// (else the sum of its four quarters when all four are recorded). nil for other periods.
    static func population(for period: Period, in store: PopulationStore, asOf: AsOf) throws -> (Int, String)? {
        switch period.span {
        case .quarter(let quarter):
            return try store.population(year: period.year, quarter: quarter, asOf: asOf)
                .map { ($0.userCount, "populasi \(period.title)") }
        case .year:
            let recorded = try store.list(year: period.year, asOf: asOf)
            if let year = recorded.first(where: { $0.quarter == nil }) {
                return (year.userCount, "populasi tahun \(period.year)")
            }
            let quarters = recorded.filter { $0.quarter != nil }
            guard quarters.count == 4 else { return nil }
            return (quarters.reduce(0) { $0 + $1.userCount }, "jumlah populasi triwulan I–IV \(period.year)")
        case .range:
            return nil
        }
    }
}
