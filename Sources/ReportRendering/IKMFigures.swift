import Indicators

/// The IKU 1 figures as every page draws them, from one place: the printable report
/// (`HTMLReportPage`) and the kiosk's published results both use these. The NRR of U1..U9 as
/// bars on the 1–4 scale with the mutu band limits, the element table, and the IKM of each
/// service and quarter. Nothing here is about a single respondent.
public struct IKMFigures {
    let result: IKMResult
    let wording: ReportWording

    public init(_ result: IKMResult, wording: ReportWording) {
        self.result = result
        self.wording = wording
    }

    /// The bars: the lowest NRR (ties included) red, the other priorities orange.
    var bars: [NRRBarChart.Bar] { HTMLReportPage.nrrBars(result, wording: wording) }

    /// The NRR chart with every mutu band shaded and its lower limit (NI) dashed.
    var chart: NRRBarChart {
        NRRBarChart(title: wording.nrrChartTitle, description: wording.nrrChartDescription, bars: bars,
                    bands: Mutu.allCases.map { NRRBarChart.Band(label: $0.rawValue, lowest: $0.lowestNI) })
    }

    /// The NRR chart (inline SVG) in a `<figure>` with its caption.
    public var chartFigure: String {
        HTML.element("figure", ["class": "chart-figure"],
                     chart.svg + "\n" + HTML.text("figcaption", [:], wording.nrrChartDescription))
    }

    /// Each element's code, name, respondents who answered it, NRR and priority mark.
    public var elementTable: String {
        HTMLTable(
            headers: [wording.codeColumn, wording.elementColumn, wording.answeredColumn, wording.nrrColumn, wording.priorityColumn],
            rows: zip(result.tally.scores, bars).map { score, bar in
                [.text(score.unsur.code, class: "code"), .text(wording.unsurName(score.unsur)), .text(String(score.answered), class: "figure"),
                 .text(score.nrr.map(Rounding.twoDecimals) ?? wording.noAnswers, class: "figure"),
                 .text(bar.emphasis == .lowest ? wording.lowestMark : score.isPriority ? wording.priorityMark : "",
                       class: bar.emphasis == .none ? nil : bar.emphasis.rawValue)]
            }, styleClass: "elements").html
    }

    /// Whether any response names a service (else there are no groups to show).
    public var hasGroups: Bool { !result.groups(.service).isEmpty }

    /// The IKM per service, headed.
    public var serviceSection: String {
        HTML.text("h3", [:], wording.serviceHeading) + groupTable(.service, first: wording.serviceColumn)
    }

    /// The IKM per quarter, headed.
    public var quarterSection: String {
        HTML.text("h3", [:], wording.quarterHeading) + groupTable(.quarter, first: wording.quarterColumn)
    }

    private func groupTable(_ dimension: SurveyDimension, first: String) -> String {
        HTMLTable(headers: [first, wording.respondentsColumn, "IKM", wording.mutuColumn],
                  rows: result.groups(dimension).map { group in
                      [.text(wording.groupLabel(group)), .text(String(group.tally.respondents), class: "figure"),
                       .text(group.tally.ikm.value.map(Rounding.twoDecimals) ?? "—", class: "figure"),
                       .text(group.tally.mutu.map { "\($0.rawValue) (\(wording.kinerja($0)))" } ?? "—")]
                  }, styleClass: "groups").html
    }
}
