import Foundation
import Testing
@testable import ReportRendering

/// The values of `attribute` on every element of `text` that has `marker` in its tag, in order.
func attributeValues(_ attribute: String, of marker: String, in text: String) -> [String] {
    text.components(separatedBy: "<").filter { $0.contains(marker) }.compactMap { tag in
        guard let start = tag.range(of: " \(attribute)=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }
}

@Suite("HTML escaping, the NRR bar chart and the trend chart")
struct HTMLChartTests {
    @Test func escapesMarkupQuotesAndAmpersands() {
        #expect(HTML.escape(#"<script>alert(1)</script> & "Co" 'x'"#)
            == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;")
        #expect(HTML.escape("Tegalrejo — Perdes 5/2026") == "Tegalrejo — Perdes 5/2026")
        #expect(HTML.text("td", ["class": "a\"b"], "<i>") == "<td class=\"a&quot;b\">&lt;i&gt;</td>")
        let table = HTMLTable(headers: ["<h>"], rows: [[.text("x & y", class: "doc late")]]).html
        #expect(table.contains("<th scope=\"col\">&lt;h&gt;</th>"))
        #expect(table.contains("<td class=\"doc late\">x &amp; y</td>"))
    }

    func nrrChart(_ values: [Double?], lowest: Int) -> NRRBarChart {
        NRRBarChart(title: "NRR <per unsur>", description: "d", bars: values.enumerated().map { index, value in
            NRRBarChart.Bar(code: "U\(index + 1)", name: "Unsur & \(index + 1)", nrr: value,
                            emphasis: index == lowest ? .lowest : .none)
        }, bands: [.init(label: "A", lowest: 3.5324), .init(label: "B", lowest: 3.0644),
                   .init(label: "C", lowest: 2.60), .init(label: "D", lowest: 1.0)])
    }

    @Test func barsRiseFromOneToTheirNRROnTheOneToFourScale() throws {
        // 280 px high, plot from y 20 (NRR 4) to y 240 (NRR 1): 220 px for 3 points.
        let svg = nrrChart([4, 1, 2.5, 3, 3, 3, 3, 3, 3.3], lowest: 1).svg
        #expect(svg.hasPrefix("<svg class=\"chart nrr-chart\""))
        #expect(svg.contains("<title>NRR &lt;per unsur&gt;</title>"))
        #expect(attributeValues("data-code", of: "class=\"bar", in: svg) == (1...9).map { "U\($0)" })
        #expect(attributeValues("y", of: " data-code=", in: svg).prefix(3) == ["20.0", "240.0", "130.0"])
        #expect(attributeValues("height", of: " data-code=", in: svg).prefix(3) == ["220.0", "0.0", "110.0"])
        #expect(attributeValues("data-code", of: "class=\"bar lowest\"", in: svg) == ["U2"])
        #expect(svg.contains("fill=\"\(NRRBarChart.lowestColour)\""))
        #expect(svg.contains("Unsur &amp; 3: 2.50"))
    }

    @Test func bandLimitsAreDashedLinesAtTheRegulationsNI() {
        let svg = nrrChart(Array(repeating: 3, count: 9), lowest: -1).svg
        #expect(attributeValues("data-value", of: "class=\"band-limit\"", in: svg) == ["2.6", "3.0644", "3.5324"])
        // 2.60 → 20 + (4 − 2.6) / 3 × 220 = 122.7
        #expect(attributeValues("y1", of: "class=\"band-limit\"", in: svg).first == "122.7")
        #expect(attributeValues("data-band", of: "class=\"band\"", in: svg) == ["D", "C", "B", "A"])
        for label in [">2.60<", ">3.0644<", ">3.5324<"] { #expect(svg.contains(label)) }
        #expect(!svg.contains("class=\"bar lowest\""))
    }

    @Test func anElementNobodyAnsweredHasNoBar() {
        let svg = nrrChart([3, 3, nil, 3, 3, 3, 3, 3, 3], lowest: 0).svg
        #expect(attributeValues("data-code", of: "class=\"bar", in: svg).count == 8)
        #expect(!attributeValues("data-code", of: "class=\"bar", in: svg).contains("U3"))
        #expect(svg.contains("class=\"bar-missing\""))
    }

    func trend(_ values: [[Double?]], years: [Int] = [2024, 2025, 2026]) -> String {
        TrendChart(title: "t", description: "d", years: years, series: values.enumerated().map { index, values in
            TrendChart.Series(key: "s\(index)", label: "S\(index)", values: values, colour: "#000", dash: nil,
                              marker: ["circle", "square", "diamond"][index % 3])
        }, highlightedYear: 2026).svg
    }

    @Test func trendHasOnePointPerComputableYearAndBreaksItsLineAtAGap() throws {
        let svg = trend([[80, 85, 90], [100, nil, 50], [nil, nil, nil]])
        #expect(attributeValues("data-year", of: "data-series=\"s0\"", in: svg) == ["2024", "2025", "2026"])
        #expect(attributeValues("data-year", of: "data-series=\"s1\"", in: svg) == ["2024", "2026"])
        #expect(attributeValues("data-year", of: "data-series=\"s2\"", in: svg).isEmpty)
        let paths = attributeValues("d", of: "class=\"trend-line\"", in: svg)
        #expect(paths.count == 3)
        #expect(paths[0].filter { $0 == "M" }.count == 1 && paths[0].filter { $0 == "L" }.count == 2)
        #expect(paths[1].filter { $0 == "M" }.count == 2 && !paths[1].contains("L"))
        #expect(paths[2].isEmpty)
        // 250 px high, plot from y 34 (100) to y 220 (0): 100 → 34, 50 → 127.
        #expect(attributeValues("y", of: "data-series=\"s1\" data-year=\"2024\"", in: svg) == ["29.5"])   // square: y − 4.5
        #expect(paths[1].hasSuffix(" 127.0"))
        #expect(svg.contains("class=\"highlighted-year\""))
    }

    @Test func aSingleYearSitsInTheMiddle() {
        let svg = trend([[75]], years: [2026])
        #expect(attributeValues("cx", of: "class=\"point\"", in: svg) == ["372.0"])   // 44 + 656 / 2
    }

    @Test func excelDialectWritesDecimalCommasAndGuardsFormulas() {
        let rows: [[CSVCell]] = [["a", "b"], [.number(87.28), "=SUM(A1)"], [.number(3), "x;y"]]
        #expect(CSVDialect.excel.render(rows) == "\u{FEFF}a;b\r\n87,28;'=SUM(A1)\r\n3,0;\"x;y\"\r\n")
        #expect(CSVDialect.plain.render(rows) == "a,b\n87.28,=SUM(A1)\n3.0,x;y\n")
    }
}
