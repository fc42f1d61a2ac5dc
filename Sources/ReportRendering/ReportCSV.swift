import Indicators
import Storage

/// `iku report --format csv`: one figure per line (`indicator,measure,group,value`), numbers at
/// full precision so a spreadsheet can do its own rounding; `--excel` writes the same rows in
/// `CSVDialect.excel`.
public enum ReportCSV {
    public static func render(_ report: Report, dialect: CSVDialect = .plain) -> String {
        dialect.render(rows(report))
    }

    static func rows(_ report: Report) -> [[CSVCell]] {
        var lines: [[CSVCell]] = [["indicator", "measure", "group", "value"]]
        func add(_ indicator: String, _ measure: String, _ group: String, _ value: CSVCell) {
            lines.append([.text(indicator), .text(measure), .text(group), value])
        }
        func add(_ indicator: String, _ measure: String, _ value: CSVCell) {
            add(indicator, measure, "", value)
        }
        func add(_ indicator: String, _ measure: String, _ group: String, _ value: String) {
            add(indicator, measure, group, .text(value))
        }
        func add(_ indicator: String, _ measure: String, _ value: String) {
            add(indicator, measure, "", .text(value))
        }
        func number(_ value: Double?) -> CSVCell { value.map(CSVCell.number) ?? .text("") }
        add("period", "from", report.period.from.description)
        add("period", "to", report.period.to.description)
        add("period", "as_of_change_id", String(report.asOfChangeID))
        for definition in IKUSheet.all {
            let key = definition.key.rawValue
            let figure = report.figure(definition.key)
            add(key, "value", number(figure.value))
            if let reason = figure.reason { add(key, "reason", reason) }
            add(key, "target", number(report.achievement(definition.key).target))
            add(key, "capaian", number(report.achievement(definition.key).capaian))
        }
        let ikm = report.ikm
        add("ikm", "respondents", String(ikm.respondents))
        add("ikm", "mutu", ikm.mutu?.rawValue ?? "")
        for score in ikm.tally.scores {
            add("ikm", "nrr", score.unsur.code, number(score.nrr))
            add("ikm", "answered", score.unsur.code, String(score.answered))
            add("ikm", "priority", score.unsur.code, score.isPriority ? "yes" : "no")
        }
        for group in ikm.groups {
            let name = "ikm.\(group.dimension.rawValue)"
            add(name, "respondents", group.label, String(group.tally.respondents))
            add(name, "value", group.label, number(group.tally.ikm.value))
        }
        if let sample = ikm.sample {
            add("ikm", "population", String(sample.population))
            add("ikm", "minimum_sample", String(sample.minimumSample))
            add("ikm", "sample_adequate", sample.isAdequate ? "yes" : "no")
        }
        let facilitation = report.facilitation
        add("facilitation", "held", String(facilitation.tally.held))
        add("facilitation", "followed_up", String(facilitation.tally.followedUp))
        for (dimension, groups) in [("kind", facilitation.byKind), ("section", facilitation.bySection)] {
            for group in groups {
                add("facilitation.\(dimension)", "held", group.key ?? "", String(group.tally.held))
                add("facilitation.\(dimension)", "followed_up", group.key ?? "", String(group.tally.followedUp))
            }
        }
        for activity in facilitation.pending {
            add("facilitation.pending", "held_on", String(activity.facilitationID), activity.heldOn.description)
        }
        let documents = report.villageDocuments
        add("village_documents", "expected", String(documents.tally.expected))
        add("village_documents", "on_time", String(documents.tally.onTime))
        add("village_documents", "not_yet_due", String(documents.tally.notYetDue))
        add("village_documents", "decided_on", documents.decidedOn.description)
        for entry in documents.perDeadline {
            let group = "\(entry.deadline.document.rawValue) \(entry.deadline.fiscalYear)"
            add("village_documents.deadline", "due", group, entry.deadline.due.description)
            add("village_documents.deadline", "expected", group, String(entry.tally.expected))
            add("village_documents.deadline", "on_time", group, String(entry.tally.onTime))
            add("village_documents.deadline", "not_yet_due", group, String(entry.tally.notYetDue))
        }
        for village in documents.villages {
            for (deadline, cell) in zip(documents.deadlines, village.cells) {
                guard let cell else { continue }
                let group = "\(village.code) \(deadline.document.rawValue) \(deadline.fiscalYear)"
                add("village_documents.matrix", "date", group, cell.submittedOn?.description ?? "")
                add("village_documents.matrix", "days_late", group, cell.daysLate.map(String.init) ?? "")
                add("village_documents.matrix", "on_time", group, cell.isOnTime ? "yes" : "no")
                add("village_documents.matrix", "not_yet_due", group, cell.isNotYetDue ? "yes" : "no")
            }
        }
        return lines
    }
}
