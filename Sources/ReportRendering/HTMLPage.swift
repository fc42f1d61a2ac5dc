import Indicators
import Storage

/// `iku report --format html`: one self-contained, printable page (inline CSS and SVG, no
/// script, nothing fetched) with the office and period, the three IKU with their verdicts, the
/// NRR chart, the yearly trend, the pending activities, the village × document matrix and the
/// rules used.
public struct HTMLReportPage {
    let report: Report
    /// The headline figures of every year with records, oldest first.
    let trend: [YearFigures]
    let wording: ReportWording
    /// When the page was made (UTC, ISO 8601).
    let generatedAt: String
    /// The report's date in its signature block: the `--as-of` day, else today.
    let signedOn: CalendarDate

    private var official: HTMLOfficialDocument {
        HTMLOfficialDocument(document: OfficialDocument(details: report.officeDetails, date: signedOn, wording: wording))
    }

    public init(report: Report, trend: [YearFigures], wording: ReportWording, generatedAt: String, signedOn: CalendarDate) {
        self.report = report
        self.trend = trend
        self.wording = wording
        self.generatedAt = generatedAt
        self.signedOn = signedOn
    }

    public var html: String {
        let title = "\(wording.documentTitle) — \(wording.office(report.office)) — \(wording.period(report.period))"
        return HTML.document(language: wording.language, title: title, style: HTMLStyle.css + "\n" + HTMLOfficialDocument.css,
                             body: [overview, ikm, facilitation, villageDocuments, rules, official.signature].joined(separator: "\n"))
    }

    private func section(_ name: String, _ content: [String]) -> String {
        HTML.element("section", ["class": "page", "id": name], "\n" + content.joined(separator: "\n") + "\n")
    }

    private func paragraph(_ text: String, class styleClass: String? = nil) -> String {
        HTML.text("p", ["class": styleClass], text)
    }

    // MARK: Overview

    private var overview: String {
        let header = HTML.element("header", [:], [
            HTML.text("p", ["class": "office"], wording.office(report.office)),
            HTML.text("h1", [:], wording.documentTitle),
            HTML.text("p", ["class": "period"], "\(wording.period(report.period)) · \(wording.periodDays(report.period))"),
            HTML.element("dl", ["class": "sheet"], [
                HTML.text("dt", [:], wording.goal), HTML.text("dd", [:], wording.goalText()),
                HTML.text("dt", [:], wording.strategicTarget), HTML.text("dd", [:], wording.strategicTargetText()),
            ].joined()),
            paragraph(wording.responsible, class: "note"),
        ].joined(separator: "\n"))
        return section("summary", [
            official.letterhead,
            header,
            HTML.text("h2", [:], wording.summaryHeading),
            summaryTable,
            paragraph(wording.computedFrom(changeID: report.asOfChangeID, generatedAt: generatedAt), class: "note"),
            HTML.text("h2", [:], wording.trendHeading),
            trendFigure,
        ])
    }

    private func reason(_ key: IndicatorKey) -> String {
        switch key {
        case .ikm: return wording.reason(report.ikm)
        case .facilitation: return wording.reason(report.facilitation)
        case .villageDocuments: return wording.reason(report.villageDocuments)
        }
    }

    static func unit(_ key: IndicatorKey) -> String { key == .ikm ? "" : "%" }

    private var summaryTable: String {
        let rows = IKUSheet.all.map { definition -> [HTMLTable.Cell] in
            let key = definition.key
            let figure = report.figure(key), achievement = report.achievement(key)
            let unit = Self.unit(key)
            let value: String
            if let number = figure.value {
                value = HTML.text("strong", ["class": "value"], Rounding.twoDecimals(number) + unit)
                    + "<br>" + HTML.text("small", [:], counts(key))
            } else {
                value = HTML.text("span", ["class": "value"], wording.notComputableValue)
            }
            let verdict = Verdict(figure: figure, achievement: achievement, reason: reason(key))
            var verdictHTML = HTML.text("span", ["class": "verdict \(verdict.styleClass)"], wording.verdict(verdict))
            if key == .ikm, let mutu = report.ikm.mutu {
                verdictHTML += "<br>" + HTML.text("span", ["class": "mutu mutu-\(mutu.rawValue.lowercased())"], wording.mutu(mutu))
            }
            return [
                .text("IKU \(definition.number)", class: "number"),
                .text(wording.indicatorName(key)),
                .html(value, class: "figure"),
                .text(achievement.target.map { Rounding.twoDecimals($0) + unit } ?? wording.noTargetValue, class: "figure"),
                .text(achievement.capaian.map { Rounding.twoDecimals($0) + "%" } ?? "—", class: "figure"),
                .html(verdictHTML, class: "indicator \(key.rawValue)"),
            ]
        }
        return HTMLTable(headers: ["No", wording.indicatorColumn, wording.valueColumn, wording.targetColumn,
                                   wording.capaianColumn, wording.verdictColumn],
                         rows: rows, styleClass: "summary").html
    }

    private func counts(_ key: IndicatorKey) -> String {
        switch key {
        case .ikm: return wording.counted(report.ikm.respondents, of: report.ikm.respondents, key)
        case .facilitation: return wording.counted(report.facilitation.tally.followedUp, of: report.facilitation.tally.held, key)
        case .villageDocuments:
            let documents = report.villageDocuments
            let counted = wording.counted(documents.tally.onTime, of: documents.tally.expected, key)
            return documents.isOpen ? "\(counted), \(wording.upTo(documents.decidedOn))" : counted
        }
    }

    // MARK: Trend

    /// The three series of the trend chart, in IKU order.
    static func trendSeries(_ trend: [YearFigures], wording: ReportWording) -> [TrendChart.Series] {
        let styles: [IndicatorKey: (colour: String, dash: String?, marker: String)] = [
            .ikm: ("#1f5fa8", nil, "circle"),
            .facilitation: ("#2e7d32", "7 4", "square"),
            .villageDocuments: ("#b3541e", "2 3", "diamond"),
        ]
        return IndicatorKey.allCases.map { key in
            let style = styles[key]!
            return TrendChart.Series(key: key.rawValue, label: wording.indicatorShortName(key),
                                     values: trend.map { $0.figure(key).value }, colour: style.colour,
                                     dash: style.dash, marker: style.marker)
        }
    }

    private var trendFigure: String {
        guard !trend.isEmpty else { return paragraph(wording.noTrend) }
        let chart = TrendChart(title: wording.trendHeading, description: wording.trendDescription,
                               years: trend.map(\.year), series: Self.trendSeries(trend, wording: wording),
                               highlightedYear: report.period.year)
        let rows = trend.map { year -> [HTMLTable.Cell] in
            [.text(String(year.year), class: year.year == report.period.year ? "current" : nil)]
                + IndicatorKey.allCases.map { key in
                    .text(year.figure(key).value.map { Rounding.twoDecimals($0) + Self.unit(key) } ?? "—", class: "figure")
                }
        }
        let table = HTMLTable(headers: [wording.yearColumn] + IndicatorKey.allCases.map(wording.indicatorShortName),
                              rows: rows, styleClass: "trend")
        return HTML.element("figure", ["class": "chart-figure"],
                            chart.svg + "\n" + HTML.text("figcaption", [:], wording.trendDescription)) + "\n" + table.html
    }

    // MARK: IKU 1

    /// The NRR bars: the lowest NRR (ties included) red, the other priorities orange.
    static func nrrBars(_ result: IKMResult, wording: ReportWording) -> [NRRBarChart.Bar] {
        let lowest = result.tally.scores.compactMap(\.nrr).min()
        return result.tally.scores.map { score in
            let emphasis: NRRBarChart.Emphasis
            if let nrr = score.nrr, nrr == lowest {
                emphasis = .lowest
            } else {
                emphasis = score.isPriority ? .priority : .none
            }
            return NRRBarChart.Bar(code: score.unsur.code, name: wording.unsurName(score.unsur), nrr: score.nrr,
                                   emphasis: emphasis)
        }
    }

    private var ikm: String {
        let result = report.ikm
        let value = result.figure.value.map(Rounding.twoDecimals) ?? "\(wording.notComputableValue): \(wording.reason(result))"
        let mutu = result.mutu.map(wording.mutu) ?? ""
        let figures = IKMFigures(result, wording: wording)
        var content = [
            HTML.text("h2", [:], wording.ikmHeading),
            paragraph(wording.ikmSummary(respondents: result.respondents, value: value, mutu: mutu)),
            figures.chartFigure,
            figures.elementTable,
            paragraph(wording.sample(result.sample, span: report.period.span), class: "note"),
        ]
        if figures.hasGroups {
            content.append(HTML.element("div", ["class": "pair"], [
                HTML.element("div", [:], figures.serviceSection),
                HTML.element("div", [:], figures.quarterSection),
            ].joined(separator: "\n")))
        }
        return section("iku-1", content)
    }

    // MARK: IKU 2

    private var facilitation: String {
        let result = report.facilitation
        let value = result.figure.value.map { Rounding.twoDecimals($0) + "%" } ?? "\(wording.notComputableValue): \(wording.reason(result))"
        var content = [
            HTML.text("h2", [:], wording.facilitationHeading),
            paragraph(wording.facilitationSummary(held: result.tally.held, followedUp: result.tally.followedUp, value: value,
                                                  followUpBy: result.followUpBy)),
            HTML.text("h3", [:], wording.pendingHeading),
        ]
        if result.pending.isEmpty {
            content.append(paragraph(wording.noPending))
        } else {
            content.append(HTMLTable(
                headers: [wording.idColumn, wording.dateColumn, wording.kindColumn, wording.institutionColumn,
                          wording.subjectColumn, wording.sectionColumn],
                rows: result.pending.map { activity in
                    [.text(String(activity.facilitationID), class: "figure"), .text(activity.heldOn.description, class: "date"),
                     .text(wording.activityKind(activity.kind)), .text(activity.institution), .text(activity.subject),
                     .text(activity.section ?? wording.noSection)]
                }, styleClass: "pending").html)
        }
        return section("iku-2", content)
    }

    // MARK: IKU 3

    private var villageDocuments: String {
        let result = report.villageDocuments
        let value = result.figure.value.map { Rounding.twoDecimals($0) + "%" } ?? "\(wording.notComputableValue): \(wording.reason(result))"
        var content = [
            HTML.text("h2", [:], wording.documentsHeading),
            paragraph(wording.documentsSummary(expected: result.tally.expected, onTime: result.tally.onTime, value: value)),
        ]
        if result.isOpen { content.append(paragraph(wording.documentsUpTo(result), class: "open-period")) }
        content.append(HTML.text("h3", [:], wording.deadlinesHeading))
        guard !result.deadlines.isEmpty else {
            content.append(paragraph(wording.noDeadlines))
            return section("iku-3", content)
        }
        content.append(HTMLTable(
            headers: [wording.documentColumn, wording.fiscalYearColumn, wording.deadlineColumn, wording.basisColumn,
                      wording.expectedColumn, wording.onTimeColumn, wording.notYetDueColumn],
            rows: result.perDeadline.map { entry in
                [.text(entry.deadline.document.title, class: "code"), .text(String(entry.deadline.fiscalYear), class: "figure"),
                 .text(entry.deadline.due.description, class: "date"), .text(wording.basis(entry.deadline)),
                 .text(String(entry.tally.expected), class: "figure"), .text(String(entry.tally.onTime), class: "figure"),
                 .text(String(entry.tally.notYetDue), class: "figure")]
            }, styleClass: "deadlines").html)
        content.append(HTML.text("h3", [:], wording.matrixHeading))
        if result.villages.isEmpty {
            content.append(paragraph(wording.noVillages))
        } else {
            let matrix = DocumentMatrixTable(result: result, wording: wording)
            content += [matrix.html, matrix.legend]
        }
        return section("iku-3", content)
    }

    // MARK: Rules

    private var rules: String {
        HTML.element("footer", ["class": "rules"], [
            HTML.text("h2", [:], wording.rulesHeading),
            HTML.element("ul", [:], (wording.rules + [wording.deadlinesUsed(report.villageDocuments.deadlines)])
                .map { HTML.text("li", [:], $0) }.joined(separator: "\n")),
            paragraph(wording.generatedBy, class: "note"),
        ].joined(separator: "\n"))
    }
}
