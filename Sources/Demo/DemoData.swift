import Storage

/// What `DemoData.populate` wrote.
public struct DemoSummary: Equatable, Sendable {
    /// The day the office starts using iku in the demo (2 January, two years back).
    public let firstDay: CalendarDate
    /// The day the records run up to (the clock's day in the office's zone).
    public let today: CalendarDate
    /// The years with records: two full years and the current one to date.
    public let years: ClosedRange<Int>
    public var villages = 0
    public var surveyResponses = 0
    public var activities = 0
    public var followUps = 0
    public var submissions = 0
    /// Yearly targets set (three indicators a year).
    public var targets = 0
    /// The head of office recorded (a sample name), for the signature block.
    public var headOfOffice: String?
    /// Years whose number of service users (survey population) is recorded.
    public var populationYears: [Int] = []
    /// A submission with two versions (its Perdes number corrected), for `iku history`.
    public var correctedSubmissionID: Int64?
    /// A survey response voided as a duplicate, for `iku history`.
    public var voidedSurveyResponseID: Int64?
}

/// Fills a new database with the demo office's records, each through the record and settings
/// stores (so every value is validated like a clerk's and every change is sealed in the audit
/// chain), one transaction per record.
public enum DemoData {
    /// The seed of the demo's records: the same seed and day give the same database.
    public static let seed: UInt64 = 0x5445_4D50_5552_5341 // "TEMPURSA"

    /// Writes the records of the two years before `today`'s and of the current year up to
    /// `today`, moving `clock` (the database's clock) to each record's entry time first.
    ///
    /// - Parameter progress: called after each record with how many are written and how many
    ///   there are.
    static func populate(database: IkuDatabase, today: CalendarDate, clock: EntryClock,
                         progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> DemoSummary {
        let plan = DemoPlan(today: today, seed: seed)
        let steps = plan.steps()
        var summary = DemoSummary(firstDay: plan.firstDay, today: today, years: plan.years)
        var activityIDs: [Int: Int64] = [:]
        var submissionIDs: [Int: Int64] = [:]
        var surveyIDs: [Int: Int64] = [:]
        var previousDay: CalendarDate?
        var sequence = 0
        for (done, planned) in steps.enumerated() {
            sequence = planned.day == previousDay ? sequence + 1 : 0
            previousDay = planned.day
            clock.enter(planned.day, sequence: sequence)
            switch planned.step {
            case .village(let input):
                try VillageStore(database).add(input)
                summary.villages += 1
            case .target(let indicator, let year, let value):
                try TargetStore(database).set(indicator, year: year, value: value)
                summary.targets += 1
            case .office(let settings):
                try OfficeSettingsStore(database).set(settings)
                summary.headOfOffice = settings.first { $0.key == .headName }?.value ?? summary.headOfOffice
            case .population(let year, let count):
                try PopulationStore(database).set(year: year, quarter: nil, count: count)
                summary.populationYears.append(year)
            case .activity(let key, let input):
                activityIDs[key] = try FacilitationStore(database).add(input)
                summary.activities += 1
            case .followUp(let activityKey, let input):
                guard let activity = activityIDs[activityKey] else { throw missingStep("activity", activityKey) }
                try FacilitationStore(database).addFollowUp(to: activity, input)
                summary.followUps += 1
            case .submission(let key, let input):
                submissionIDs[key] = try SubmissionStore(database).add(input)
                summary.submissions += 1
            case .correctSubmission(let key, let input):
                guard let id = submissionIDs[key] else { throw missingStep("submission", key) }
                try SubmissionStore(database).correct(id, input)
                summary.correctedSubmissionID = id
            case .survey(let key, let input):
                surveyIDs[key] = try SurveyResponseStore(database).add(input)
                summary.surveyResponses += 1
            case .voidSurvey(let key, let reason):
                guard let id = surveyIDs[key] else { throw missingStep("survey response", key) }
                try SurveyResponseStore(database).void(id, reason: reason)
                summary.surveyResponses -= 1
                summary.voidedSurveyResponseID = id
            }
            progress(done + 1, steps.count)
        }
        clock.finish()
        return summary
    }

    private static func missingStep(_ noun: String, _ key: Int) -> StateError {
        StateError("the demo plan refers to \(noun) \(key) before entering it")
    }
}
