import FoundationEssentials
import Indicators

/// Coordinates written with one decimal and a point, whatever the locale.
enum SVGNumber {
    static func format(_ value: Double) -> String {
        String.printf("%.1f", value)
    }

    /// A band limit with at least 2 and at most 4 decimals: `2.60`, `3.0644`.
    static func limit(_ value: Double) -> String {
        var text = String.printf("%.4f", value)
        while text.hasSuffix("0"), text.split(separator: ".").last.map({ $0.count > 2 }) == true { text.removeLast() }
        return text
    }
}

/// An SVG bar chart of the element averages (NRR) on the regulation's 1–4 scale, with the mutu
/// bands shaded and their lower limits drawn as dashed lines. Colours are SVG attributes, so the
/// chart looks the same on its own as inside the page.
struct NRRBarChart {
    /// How a bar stands out.
    enum Emphasis: String {
        case none = ""
        /// The lowest NRR (every element tied with it).
        case lowest
        /// Another priority for improvement.
        case priority
    }

    struct Bar {
        let code: String
        let name: String
        /// nil when nobody answered the element: no bar is drawn.
        let nrr: Double?
        let emphasis: Emphasis
    }

    /// A quality band: its letter and the lowest NRR (NI) in it.
    struct Band {
        let label: String
        let lowest: Double
    }

    let title: String
    let description: String
    let bars: [Bar]
    /// The bands, any order; each lower limit above the scale minimum is drawn as a line.
    let bands: [Band]

    static let scale = 1.0...4.0
    static let width = 720.0, height = 280.0
    static let left = 48.0, right = 70.0, top = 20.0, bottom = 40.0
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }

    static let barColour = "#4a78b5", lowestColour = "#c62828", priorityColour = "#ef8f00"
    static let bandColours = ["A": "#e2f1e2", "B": "#eef7e9", "C": "#fff4df", "D": "#fde8e6"]

    /// The y coordinate of an NRR value.
    static func y(_ value: Double) -> Double {
        let clamped = min(max(value, scale.lowerBound), scale.upperBound)
        return top + (scale.upperBound - clamped) / (scale.upperBound - scale.lowerBound) * plotHeight
    }

    var svg: String {
        typealias N = SVGNumber
        var parts: [String] = []
        let sortedBands = bands.sorted { $0.lowest < $1.lowest }
        for (index, band) in sortedBands.enumerated() {
            let upper = index + 1 < sortedBands.count ? sortedBands[index + 1].lowest : Self.scale.upperBound
            let lower = max(band.lowest, Self.scale.lowerBound)
            parts.append("<rect class=\"band\" data-band=\"\(HTML.escape(band.label))\" x=\"\(N.format(Self.left))\" y=\"\(N.format(Self.y(upper)))\" width=\"\(N.format(Self.plotWidth))\" height=\"\(N.format(Self.y(lower) - Self.y(upper)))\" fill=\"\(Self.bandColours[band.label] ?? "#f4f4f4")\"/>")
            parts.append("<text class=\"band-label\" x=\"\(N.format(Self.left + Self.plotWidth + 8))\" y=\"\(N.format((Self.y(upper) + Self.y(lower)) / 2 + 4))\" font-size=\"13\" font-weight=\"bold\" fill=\"#555\">\(HTML.escape(band.label))</text>")
        }
        for tick in stride(from: Self.scale.lowerBound, through: Self.scale.upperBound, by: 0.5) {
            parts.append("<line x1=\"\(N.format(Self.left - 4))\" x2=\"\(N.format(Self.left))\" y1=\"\(N.format(Self.y(tick)))\" y2=\"\(N.format(Self.y(tick)))\" stroke=\"#777\"/>")
            parts.append("<text x=\"\(N.format(Self.left - 8))\" y=\"\(N.format(Self.y(tick) + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">\(String.printf("%.1f", tick))</text>")
        }
        let slot = Self.plotWidth / Double(max(bars.count, 1))
        for (index, bar) in bars.enumerated() {
            let centre = Self.left + slot * (Double(index) + 0.5)
            parts.append("<text class=\"bar-label\" x=\"\(N.format(centre))\" y=\"\(N.format(Self.height - Self.bottom + 16))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#222\">\(HTML.escape(bar.code))</text>")
            guard let nrr = bar.nrr else {
                parts.append("<text class=\"bar-missing\" x=\"\(N.format(centre))\" y=\"\(N.format(Self.y(Self.scale.lowerBound) - 6))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#777\">—</text>")
                continue
            }
            let colour: String
            switch bar.emphasis {
            case .none: colour = Self.barColour
            case .lowest: colour = Self.lowestColour
            case .priority: colour = Self.priorityColour
            }
            let barWidth = slot * 0.56
            let styleClass = bar.emphasis == .none ? "bar" : "bar \(bar.emphasis.rawValue)"
            let shown = Rounding.twoDecimals(nrr)
            parts.append("<rect class=\"\(styleClass)\" data-code=\"\(HTML.escape(bar.code))\" data-nrr=\"\(nrr)\" x=\"\(N.format(centre - barWidth / 2))\" y=\"\(N.format(Self.y(nrr)))\" width=\"\(N.format(barWidth))\" height=\"\(N.format(Self.y(Self.scale.lowerBound) - Self.y(nrr)))\" fill=\"\(colour)\"><title>\(HTML.escape("\(bar.code) \(bar.name): \(shown)"))</title></rect>")
            parts.append("<text class=\"bar-value\" x=\"\(N.format(centre))\" y=\"\(N.format(Self.y(nrr) - 5))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#222\">\(shown)</text>")
        }
        for band in sortedBands where band.lowest > Self.scale.lowerBound {
            let y = N.format(Self.y(band.lowest))
            parts.append("<line class=\"band-limit\" data-value=\"\(band.lowest)\" x1=\"\(N.format(Self.left))\" x2=\"\(N.format(Self.left + Self.plotWidth))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#333\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>")
            parts.append("<text class=\"band-limit-label\" x=\"\(N.format(Self.left + Self.plotWidth + 22))\" y=\"\(N.format(Self.y(band.lowest) + 4))\" font-size=\"10\" fill=\"#333\">\(SVGNumber.limit(band.lowest))</text>")
        }
        parts.append("<line x1=\"\(N.format(Self.left))\" x2=\"\(N.format(Self.left))\" y1=\"\(N.format(Self.top))\" y2=\"\(N.format(Self.y(Self.scale.lowerBound)))\" stroke=\"#333\"/>")
        parts.append("<line x1=\"\(N.format(Self.left))\" x2=\"\(N.format(Self.left + Self.plotWidth))\" y1=\"\(N.format(Self.y(Self.scale.lowerBound)))\" y2=\"\(N.format(Self.y(Self.scale.lowerBound)))\" stroke=\"#333\"/>")
        return SVGDocument.wrap(parts, width: Self.width, height: Self.height, title: title, description: description,
                                styleClass: "chart nrr-chart")
    }
}

/// An SVG line chart of the three indicators over the years, on a 0–100 scale. Each series is a
/// path through its computable years (broken where a year is not computable) with one point per
/// computable year; series differ by colour and dash, so they read in black and white too.
struct TrendChart {
    struct Series {
        let key: String
        let label: String
        /// One value per year of `years`; nil where not computable.
        let values: [Double?]
        let colour: String
        /// An SVG `stroke-dasharray`, or nil for a solid line.
        let dash: String?
        /// `circle`, `square` or `diamond`.
        let marker: String
    }

    let title: String
    let description: String
    let years: [Int]
    let series: [Series]
    /// The year the report is about, shaded.
    let highlightedYear: Int?

    static let width = 720.0, height = 250.0
    static let left = 44.0, right = 20.0, top = 34.0, bottom = 30.0
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }
    static let padding = 30.0

    static func y(_ value: Double) -> Double {
        top + (100 - min(max(value, 0), 100)) / 100 * plotHeight
    }

    func x(_ index: Int) -> Double {
        guard years.count > 1 else { return Self.left + Self.plotWidth / 2 }
        return Self.left + Self.padding + Double(index) * (Self.plotWidth - 2 * Self.padding) / Double(years.count - 1)
    }

    var svg: String {
        typealias N = SVGNumber
        var parts: [String] = []
        let step = years.count > 1 ? (Self.plotWidth - 2 * Self.padding) / Double(years.count - 1) : Self.plotWidth
        if let highlightedYear, let index = years.firstIndex(of: highlightedYear) {
            let band = min(step, 60)
            parts.append("<rect class=\"highlighted-year\" x=\"\(N.format(x(index) - band / 2))\" y=\"\(N.format(Self.top))\" width=\"\(N.format(band))\" height=\"\(N.format(Self.plotHeight))\" fill=\"#eef3fb\"/>")
        }
        for tick in stride(from: 0, through: 100, by: 20) {
            let y = N.format(Self.y(Double(tick)))
            parts.append("<line x1=\"\(N.format(Self.left))\" x2=\"\(N.format(Self.left + Self.plotWidth))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#ddd\"/>")
            parts.append("<text x=\"\(N.format(Self.left - 6))\" y=\"\(N.format(Self.y(Double(tick)) + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">\(tick)</text>")
        }
        for (index, year) in years.enumerated() {
            parts.append("<text class=\"year-label\" x=\"\(N.format(x(index)))\" y=\"\(N.format(Self.height - Self.bottom + 18))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#222\"\(year == highlightedYear ? " font-weight=\"bold\"" : "")>\(year)</text>")
        }
        for (position, series) in series.enumerated() {
            let legendX = Self.left + Double(position) * (Self.plotWidth / Double(max(self.series.count, 1)))
            parts.append("<line x1=\"\(N.format(legendX))\" x2=\"\(N.format(legendX + 26))\" y1=\"14\" y2=\"14\" stroke=\"\(series.colour)\" stroke-width=\"2.5\"\(dash(series))/>")
            parts.append(marker(series, x: legendX + 13, y: 14, title: nil))
            parts.append("<text class=\"legend\" x=\"\(N.format(legendX + 32))\" y=\"18\" font-size=\"11.5\" fill=\"#222\">\(HTML.escape(series.label))</text>")
            parts.append("<path class=\"trend-line\" data-series=\"\(HTML.escape(series.key))\" d=\"\(path(series))\" fill=\"none\" stroke=\"\(series.colour)\" stroke-width=\"2.5\"\(dash(series))/>")
            for (index, value) in series.values.enumerated() {
                guard let value else { continue }
                let shown = Rounding.twoDecimals(value)
                parts.append(marker(series, x: x(index), y: Self.y(value), title: "\(series.label) \(years[index]): \(shown)",
                                    data: " data-series=\"\(HTML.escape(series.key))\" data-year=\"\(years[index])\" data-value=\"\(value)\""))
            }
        }
        parts.append("<line x1=\"\(N.format(Self.left))\" x2=\"\(N.format(Self.left))\" y1=\"\(N.format(Self.top))\" y2=\"\(N.format(Self.y(0)))\" stroke=\"#333\"/>")
        parts.append("<line x1=\"\(N.format(Self.left))\" x2=\"\(N.format(Self.left + Self.plotWidth))\" y1=\"\(N.format(Self.y(0)))\" y2=\"\(N.format(Self.y(0)))\" stroke=\"#333\"/>")
        return SVGDocument.wrap(parts, width: Self.width, height: Self.height, title: title, description: description,
                                styleClass: "chart trend-chart")
    }

    private func dash(_ series: Series) -> String {
        series.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    }

    /// `M x y L x y …`, starting afresh after every year that is not computable.
    private func path(_ series: Series) -> String {
        var commands: [String] = []
        var drawing = false
        for (index, value) in series.values.enumerated() {
            guard let value else { drawing = false; continue }
            commands.append("\(drawing ? "L" : "M")\(SVGNumber.format(x(index))) \(SVGNumber.format(Self.y(value)))")
            drawing = true
        }
        return commands.joined(separator: " ")
    }

    private func marker(_ series: Series, x: Double, y: Double, title: String?, data: String = "") -> String {
        typealias N = SVGNumber
        let styleClass = title == nil ? "legend-marker" : "point"
        let tooltip = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        let paint = "fill=\"\(series.colour)\" stroke=\"#fff\" stroke-width=\"1\""
        switch series.marker {
        case "square":
            return "<rect class=\"\(styleClass)\"\(data) x=\"\(N.format(x - 4.5))\" y=\"\(N.format(y - 4.5))\" width=\"9\" height=\"9\" \(paint)>\(tooltip)</rect>"
        case "diamond":
            let points = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)].map { "\(N.format($0.0)),\(N.format($0.1))" }
            return "<polygon class=\"\(styleClass)\"\(data) points=\"\(points.joined(separator: " "))\" \(paint)>\(tooltip)</polygon>"
        default:
            return "<circle class=\"\(styleClass)\"\(data) cx=\"\(N.format(x))\" cy=\"\(N.format(y))\" r=\"5\" \(paint)>\(tooltip)</circle>"
        }
    }
}

/// The `<svg>` element around a chart's parts, with its accessible title and description. It is
/// meant to sit inline in HTML, which puts it in the SVG namespace without an `xmlns`.
enum SVGDocument {
    static func wrap(_ parts: [String], width: Double, height: Double, title: String, description: String,
                     styleClass: String) -> String {
        let size = "\(SVGNumber.format(width)) \(SVGNumber.format(height))"
        return """
            <svg class="\(styleClass)" viewBox="0 0 \(size)" width="\(SVGNumber.format(width))" \
            height="\(SVGNumber.format(height))" role="img" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">\
            <title>\(HTML.escape(title))</title><desc>\(HTML.escape(description))</desc>
            \(parts.joined(separator: "\n"))
            </svg>
            """
    }
}
