import Indicators
import Storage

/// One thing a clerk of the demo office does, in the words the record stores take.
enum DemoStep {
    case village(VillageInput)
    case target(IndicatorKey, year: Int, value: Double)
    case office([(key: OfficeSettingKey, value: String?)])
    case population(year: Int, count: Int)
    case activity(key: Int, FacilitationInput)
    case followUp(activityKey: Int, FollowUpInput)
    case submission(key: Int, SubmissionInput)
    case correctSubmission(key: Int, SubmissionInput)
    case survey(key: Int, SurveyResponseInput)
    case voidSurvey(key: Int, reason: String)

    /// The order of steps entered on the same day (an activity before its follow-up).
    var phase: Int {
        switch self {
        case .village: return 0
        case .target, .population, .office: return 1
        case .activity: return 2
        case .followUp: return 3
        case .submission: return 4
        case .correctSubmission: return 5
        case .survey: return 6
        case .voidSurvey: return 7
        }
    }
}

/// A step and the day it is entered.
struct PlannedStep {
    let day: CalendarDate
    let step: DemoStep
}

/// The demo office's records for the two calendar years before `today`'s and the current year up
/// to `today`, as the steps that enter them, in the order they are entered.
///
/// Everything is drawn from `SplitMix64` streams seeded by `seed` and the year, so a year's
/// records do not depend on the day the demo is run: a later `today` only adds the steps up to it.
struct DemoPlan {
    let today: CalendarDate
    let seed: UInt64
    /// The three years: two full ones and the current one.
    var years: ClosedRange<Int> { (today.year - 2)...today.year }
    /// The day the office starts using iku: its villages and the Renstra targets are entered.
    var firstDay: CalendarDate { CalendarDate(year: years.lowerBound, month: 1, day: 2)! }

    /// The village whose LPPDesa of the first year is never delivered.
    static let missingDocument = (village: "35.08.01.2007", document: AdministrationDocument.lppdesa)

    init(today: CalendarDate, seed: UInt64) {
        self.today = today
        self.seed = seed
    }

    /// Every step dated up to `today`, in entry order.
    func steps() -> [PlannedStep] {
        var planned: [PlannedStep] = []
        planned += setup()
        for year in years {
            planned += surveys(year)
            planned += activities(year)
            planned += submissions(dueIn: year)
        }
        return planned.enumerated()
            .filter { $0.element.day <= today }
            .sorted { ($0.element.day, $0.element.step.phase, $0.offset) < ($1.element.day, $1.element.step.phase, $1.offset) }
            .map(\.element)
    }

    private func generator(_ stream: UInt64, year: Int) -> SplitMix64 {
        SplitMix64(seed: seed ^ (stream &* 0x1000_0000_0000) ^ UInt64(year))
    }

    // MARK: Villages, targets, populations

    private func setup() -> [PlannedStep] {
        var planned = DemoCatalogue.villages.map {
            PlannedStep(day: firstDay, step: .village(VillageInput(code: $0.code, name: $0.name)))
        }
        planned.append(PlannedStep(day: firstDay, step: .office(DemoOffice.settings)))
        for (index, year) in years.enumerated() {
            for indicator in IndicatorKey.allCases {
                let value = DemoCatalogue.target(indicator, yearIndex: index)
                planned.append(PlannedStep(day: firstDay, step: .target(indicator, year: year, value: value)))
            }
        }
        // A year's service users are counted after it ends.
        for year in years.dropLast() {
            var random = generator(1, year: year)
            planned.append(PlannedStep(day: CalendarDate(year: year + 1, month: 1, day: 9)!,
                                       step: .population(year: year, count: random.int(in: 1_100...1_250))))
        }
        return planned
    }

    // MARK: Survey responses

    /// 24 to 32 responses a month on working days; answers improve a little each year; the year
    /// before this one has one paper form entered twice, voided a few days later.
    private func surveys(_ year: Int) -> [PlannedStep] {
        var random = generator(2, year: year)
        let improvement = 3 * (year - years.lowerBound)
        var planned: [PlannedStep] = []
        for month in 1...12 {
            let workdays = Self.workdays(year: year, month: month)
            let days = (0..<random.int(in: 24...32)).map { _ in random.element(of: workdays) }.sorted()
            for day in days {
                let key = year * 10_000 + planned.count
                planned.append(PlannedStep(day: day, step: .survey(key: key, response(on: day, improvement: improvement, &random))))
            }
        }
        if year == years.lowerBound + 1, case .survey(let key, let input) = planned[planned.count / 2].step {
            let day = planned[planned.count / 2].day
            planned.append(PlannedStep(day: day, step: .survey(key: key + 5_000, input)))
            planned.append(PlannedStep(day: Self.workday(onOrAfter: day.adding(days: 3)), step: .voidSurvey(
                key: key + 5_000, reason: "Duplikat: formulir yang sama dimasukkan dua kali")))
        }
        return planned
    }

    private func response(on day: CalendarDate, improvement: Int, _ random: inout SplitMix64) -> SurveyResponseInput {
        let service = random.weighted(DemoCatalogue.services.map { ($0, $0.weight) })
        var scores: [Int?] = DemoCatalogue.answerWeights.enumerated().map { element, weights in
            var weights = weights
            let shift = min(improvement, weights[1])
            weights[1] -= shift
            weights[3] += shift
            if service.weakerElements.contains(element) {
                let moved = min(12, weights[3])
                weights[3] -= moved
                weights[1] += moved
            }
            return random.weighted([(1, weights[0]), (2, weights[1]), (3, weights[2]), (4, weights[3])])
        }
        // Many respondents never complained, so they leave U8 blank; a few skip another element.
        if random.chance(0.05) { scores[7] = nil }
        if random.chance(0.01) { scores[random.int(in: 0...8)] = nil }

        let gender = random.chance(0.52) ? "P" : "L"
        let age = random.chance(0.08) ? random.int(in: 60...78) : 17 + random.int(in: 0...22) + random.int(in: 0...22)
        let education = random.weighted(DemoCatalogue.educations).rawValue
        let occupation = random.weighted(DemoCatalogue.occupations).rawValue
        var suggestion: String?
        if random.chance(0.12) {
            let complaints = DemoCatalogue.suggestions.filter { entry in entry.element.map { (scores[$0] ?? 4) <= 2 } ?? false }
            let general = DemoCatalogue.suggestions.filter { $0.element == nil }
            suggestion = random.element(of: complaints.isEmpty ? general : complaints).text
        }
        return SurveyResponseInput(
            date: day.description, service: service.name,
            scores: scores.map { $0.map(String.init) ?? "-" }.joined(separator: ","),
            gender: gender, age: random.chance(0.01) ? nil : String(age),
            education: random.chance(0.02) ? nil : education,
            occupation: random.chance(0.02) ? nil : occupation, suggestion: suggestion)
    }

    // MARK: Facilitation and coordination

    /// Three to five activities a month; about nine in ten followed up within a month, some
    /// twice. An activity whose follow-up would come after `today` is still pending.
    private func activities(_ year: Int) -> [PlannedStep] {
        var random = generator(3, year: year)
        var planned: [PlannedStep] = []
        var letter = random.int(in: 10...40)
        for month in 1...12 {
            let workdays = Self.workdays(year: year, month: month)
            let kinds = DemoCatalogue.activities.filter { $0.months.contains(month) }
            for _ in 0..<random.int(in: 3...5) {
                let day = random.element(of: workdays)
                let template = random.element(of: kinds)
                let village = random.element(of: DemoCatalogue.villages).name
                let key = year * 1_000 + planned.count
                planned.append(PlannedStep(day: day, step: .activity(key: key, FacilitationInput(
                    date: day.description, kind: template.kind.rawValue,
                    institution: template.institution.replacingEvery("{desa}", with: village),
                    subject: template.subject, section: template.section, result: template.result))))
                guard random.chance(0.88) else { continue }
                var followUpDay = day
                for round in 0..<(random.chance(0.15) ? 2 : 1) {
                    followUpDay = Self.workday(onOrAfter: followUpDay.adding(days: random.int(in: 3...(round == 0 ? 30 : 21))))
                    letter += 1
                    let evidence = random.chance(0.7) ? "Surat Camat No. 005/\(letter)/\(followUpDay.year)"
                        : random.chance(0.5) ? "Notulen rapat \(followUpDay)" : nil
                    planned.append(PlannedStep(day: followUpDay, step: .followUp(activityKey: key, FollowUpInput(
                        date: followUpDay.description, action: template.followUp, evidence: evidence))))
                }
            }
        }
        return planned
    }

    // MARK: Village documents

    /// The documents whose deadline falls in `year` (RKPDesa and APBDesa of the next fiscal
    /// year, LPPDesa of the last), for every village: most on time, two late a year, and one
    /// never delivered. In the year before this one, one Perdes number is typed wrong and
    /// corrected the next working day.
    private func submissions(dueIn year: Int) -> [PlannedStep] {
        var random = generator(4, year: year)
        let documents: [(AdministrationDocument, fiscalYear: Int)] = [(.lppdesa, year - 1), (.rkpdesa, year + 1), (.apbdesa, year + 1)]
        let slots = documents.flatMap { document in DemoCatalogue.villages.map { (document, $0) } }
        let missing = year == years.lowerBound + 1 ? slots.firstIndex { slot in
            slot.0.0 == Self.missingDocument.document && slot.1.code == Self.missingDocument.village
        } : nil
        var late: Set<Int> = []
        while late.count < 2 {
            let index = random.int(in: 0...(slots.count - 1))
            if index != missing { late.insert(index) }
        }
        var planned: [PlannedStep] = []
        for (index, ((document, fiscalYear), village)) in slots.enumerated() {
            let due = DeadlineSchedule.defaultDue(document, fiscalYear: fiscalYear)
            let lead = random.int(in: document == .apbdesa ? 2...28 : 3...45)
            let lag = random.int(in: 3...40)
            let received = random.int(in: 0...6)
            let number = random.int(in: 2...12)
            if index == missing { continue }
            let date = late.contains(index) ? Self.workday(onOrAfter: due.adding(days: lag))
                : Self.workday(onOrBefore: due.adding(days: -lead))
            let receivedDay = Self.workday(onOrAfter: date.adding(days: received))
            let reference = document == .lppdesa ? "Surat Kepala Desa No. 140/\(number)/\(date.year)"
                : "Perdes \(village.name) No. \(number) Tahun \(date.year)"
            let key = year * 100 + index
            let typo = year == years.lowerBound + 1 && index == 7
            planned.append(PlannedStep(day: receivedDay, step: .submission(key: key, SubmissionInput(
                village: village.code, document: document.rawValue, year: String(fiscalYear), date: date.description,
                reference: typo ? reference.replacingEvery("No. \(number)", with: "No. \(number + 10)") : reference,
                received: receivedDay.description, note: late.contains(index) ? DemoCatalogue.lateNote(document) : nil))))
            if typo {
                planned.append(PlannedStep(day: Self.workday(onOrAfter: receivedDay.adding(days: 1)), step: .correctSubmission(
                    key: key, SubmissionInput(reference: reference, note: "Nomor Perdes diperbaiki sesuai salinan resmi"))))
            }
        }
        return planned
    }

    // MARK: Working days

    /// National holidays on fixed dates (month, day): New Year, Labour Day, Pancasila Day,
    /// Independence Day, Christmas. The moving ones (Idul Fitri, Nyepi, ...) are left out.
    static let fixedHolidays: Set<[Int]> = [[1, 1], [5, 1], [6, 1], [8, 17], [12, 25]]

    /// The days of a month the office is open: Monday to Friday, not a fixed national holiday.
    static func workdays(year: Int, month: Int) -> [CalendarDate] {
        (1...CalendarDate.daysIn(month: month, year: year))
            .map { CalendarDate(year: year, month: month, day: $0)! }
            .filter { $0.isoWeekday <= 5 && !fixedHolidays.contains([month, $0.day]) }
    }

    static func workday(onOrAfter day: CalendarDate) -> CalendarDate {
        day.isoWeekday <= 5 ? day : day.adding(days: 8 - day.isoWeekday)
    }

    static func workday(onOrBefore day: CalendarDate) -> CalendarDate {
        day.isoWeekday <= 5 ? day : day.adding(days: 5 - day.isoWeekday)
    }
}
