import Indicators
import Storage

/// The village × document matrix of IKU 3 as an HTML table: one row per village, one column per
/// deadline of the period, each cell coloured on time, late or missing and giving the date, the
/// deadline and the days early or late.
struct DocumentMatrixTable {
    let result: VillageDocumentsResult
    let wording: ReportWording

    var html: String {
        let headers = [HTMLTable.Cell.text(wording.villageCodeColumn), .text(wording.villageColumn)] + result.deadlines.map { deadline in
            HTMLTable.Cell.html(HTML.escape("\(deadline.document.title) \(deadline.fiscalYear)") + "<br>"
                + HTML.text("span", ["class": "due"], wording.due(deadline.due)))
        }
        let rows = result.villages.map { village in
            [HTMLTable.Cell.text(village.code, class: "code"), .text(village.name)] + village.cells.map(cell)
        }
        return HTMLTable(headers: headers, rows: rows, styleClass: "matrix").html
    }

    private func cell(_ cell: DocumentCell?) -> HTMLTable.Cell {
        let status = DocumentStatus(cell)
        var lines = [HTML.text("span", ["class": "status"], wording.status(status))]
        if let cell {
            if let date = cell.submittedOn, let late = cell.daysLate {
                lines.append(HTML.text("span", ["class": "date"], date.description))
                lines.append(HTML.text("span", ["class": "days"], wording.days(late: late)))
            }
            if let reference = cell.reference {
                lines.append(HTML.text("span", ["class": "reference"], reference))
            }
        }
        return .html(lines.joined(separator: "<br>"), class: "doc \(status.rawValue)")
    }

    /// The colour key under the matrix.
    var legend: String {
        let items = [DocumentStatus.onTime, .late, .missing, .notYetDue, .notExpected].map { status in
            HTML.element("span", ["class": "key doc \(status.rawValue)"], HTML.escape(wording.status(status)))
        }
        return HTML.element("p", ["class": "legend"], HTML.escape(wording.legendHeading + ": ") + items.joined(separator: " "))
    }
}
