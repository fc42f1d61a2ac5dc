/// One element's answers in a set of responses.
public struct UnsurScore: Hashable, Sendable {
    public let unsur: Unsur
    /// Sum of the answers (1...4) given to this element.
    public let sum: Int
    /// Responses that answered this element (unanswered ones are NULL and not counted).
    public let answered: Int
    /// Flagged as a priority for improvement: among the lowest NRR of the period.
    public internal(set) var isPriority = false

    public init(unsur: Unsur, sum: Int, answered: Int) {
        self.unsur = unsur
        self.sum = sum
        self.answered = answered
    }

    /// Nilai rata-rata (NRR) = sum / answered at full precision; nil when nobody answered.
    public var nrr: Double? {
        answered == 0 ? nil : Double(sum) / Double(answered)
    }
}

/// The aggregates of a set of survey responses, and the IKM they give.
public struct SurveyTally: Hashable, Sendable {
    /// Live, unvoided responses counted.
    public let respondents: Int
    /// U1 … U9, in code order.
    public internal(set) var scores: [UnsurScore]

    public init(respondents: Int, scores: [UnsurScore]) {
        precondition(scores.map(\.unsur) == Unsur.allCases, "one score per element, U1 to U9")
        self.respondents = respondents
        self.scores = scores
    }

    /// The regulation's weight of each element, 1/9, applied exactly.
    static let elementCount = Double(Unsur.allCases.count)

    /// IKM = 25 × (NRR(U1) + … + NRR(U9)) / 9 at full precision; not computable with no
    /// responses or when an element was answered by nobody.
    public var ikm: Figure {
        guard respondents > 0 else {
            return .notComputable(reason: "tidak ada responden survei pada periode ini")
        }
        let unanswered = scores.filter { $0.answered == 0 }.map(\.unsur)
        guard unanswered.isEmpty else {
            let names = unanswered.map { "\($0.code) (\($0.name))" }.joined(separator: ", ")
            return .notComputable(reason: "unsur \(names) tidak dijawab oleh satu pun responden")
        }
        let total = scores.reduce(0.0) { $0 + $1.nrr! }
        return .value(25 * total / Self.elementCount)
    }

    /// The service quality band of the IKM, when computable.
    public var mutu: Mutu? { ikm.value.map(Mutu.init(ikm:)) }

    /// How many of the lowest elements are flagged as priorities for improvement.
    public static let priorityCount = 3

    /// Flags the elements with the `priorityCount` lowest NRR (ties with the last one included).
    mutating func flagPriorities() {
        let ranked = scores.compactMap(\.nrr).sorted()
        guard !ranked.isEmpty else { return }
        let threshold = ranked[min(Self.priorityCount, ranked.count) - 1]
        for index in scores.indices {
            if let nrr = scores[index].nrr, nrr <= threshold { scores[index].isPriority = true }
        }
    }
}
