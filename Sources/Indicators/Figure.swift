/// A computed figure: a value at full precision, or the reason it cannot be computed.
public enum Figure: Hashable, Sendable {
    case value(Double)
    case notComputable(reason: String)

    /// The value, or nil when not computable.
    public var value: Double? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// Why the figure is not computable, or nil when it is.
    public var reason: String? {
        if case .notComputable(let reason) = self { return reason }
        return nil
    }

    /// `numerator / denominator × 100`, or not computable with `reason` when the denominator is 0.
    static func percentage(_ numerator: Int, of denominator: Int, otherwise reason: String) -> Figure {
        denominator == 0 ? .notComputable(reason: reason) : .value(Double(numerator) / Double(denominator) * 100)
    }
}

/// A figure against its yearly target (SAKIP): capaian = realisation / target × 100.
public struct Achievement: Hashable, Sendable {
    /// The target of the reporting year, when one is set.
    public let target: Double?
    /// Realisation / target × 100, at full precision; nil without a target or a figure.
    public let capaian: Double?
    /// Whether the realisation reaches the target, compared as the report shows them (both
    /// rounded half-up to 2 decimals); nil without a target or a figure.
    public let isMet: Bool?

    init(figure: Figure, target: Double?) {
        self.target = target
        if let target, let value = figure.value {
            capaian = value / target * 100
            isMet = Rounding.halfUpHundredths(value) >= Rounding.halfUpHundredths(target)
        } else {
            capaian = nil
            isMet = nil
        }
    }
}
