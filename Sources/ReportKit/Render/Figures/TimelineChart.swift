/// The timeline as an inline SVG axis: each dated event is a mark at its date with its
/// precision (a year is a long band, a month a short one, a day a tick, a range a bar), packed
/// in rows so that marks never overlap, each linking to its entry in the list below.
public struct TimelineChart: Sendable {
    public struct Mark: Sendable {
        public var event: Event
        public var box: Box
        public var label: String
    }

    public private(set) var marks: [Mark] = []
    public private(set) var ticks: [(year: Int, x: Double)] = []
    public private(set) var width = 640.0
    public private(set) var height = 0.0
    public let undatedCount: Int

    static let left = 28.0
    static let right = 28.0
    static let rowHeight = 16.0

    public init(report: Report, describe: (DateMention) -> String) {
        var spans: [(event: Event, start: Double, end: Double, label: String)] = []
        var undated = 0
        for event in report.events {
            guard let index = event.date, let value = report.dates[index].value else { undated += 1; continue }
            guard let (start, end) = Self.interval(value) else { continue }
            spans.append((event, start, end, describe(report.dates[index])))
        }
        undatedCount = undated
        guard let first = spans.map(\.start).min(), let last = spans.map(\.end).max() else { return }
        let firstYear = Int(first.rounded(.down)), lastYear = max(Int(last.rounded(.up)), firstYear + 1)
        let years = Double(lastYear - firstYear)
        let plot = width - Self.left - Self.right
        func x(_ time: Double) -> Double { Self.left + (time - Double(firstYear)) / years * plot }
        var rowsEnd: [Double] = []
        for span in spans.sorted(by: { ($0.start, $0.end, $0.event.id) < ($1.start, $1.end, $1.event.id) }) {
            let startX = x(span.start)
            let markWidth = max(3, x(span.end) - startX)
            let row = rowsEnd.firstIndex { $0 + 2 <= startX } ?? rowsEnd.count
            if row == rowsEnd.count { rowsEnd.append(0) }
            rowsEnd[row] = startX + markWidth
            marks.append(Mark(event: span.event, box: Box(x: startX, y: 8 + Double(row) * Self.rowHeight, width: markWidth, height: 10),
                              label: span.label))
        }
        let step = max(1, Int((years / 10).rounded(.up)))
        ticks = stride(from: firstYear, through: lastYear, by: step).map { ($0, x(Double($0))) }
        height = 8 + Double(rowsEnd.count) * Self.rowHeight + 30
    }

    /// Fractional years covered by an ISO value.
    static func interval(_ value: String) -> (Double, Double)? {
        if let (first, second) = ISOValue.rangeEnds(value) {
            guard let a = interval(first), let b = interval(second) else { return nil }
            return (a.0, b.1)
        }
        let fields = ISOValue.fields(value)
        switch fields.count {
        case 1: return (Double(fields[0]), Double(fields[0]) + 1)
        case 2: return (Double(fields[0]) + Double(fields[1] - 1) / 12, Double(fields[0]) + Double(fields[1]) / 12)
        case 3:
            let start = Double(fields[0]) + (Double(fields[1] - 1) + Double(fields[2] - 1) / 31) / 12
            return (start, start + 1 / 365)
        default: return nil
        }
    }

    public func svg(title: String, description: String) -> String {
        String(decoding: svgBytes(title: title, description: description), as: UTF8.self)
    }

    func svgBytes(title: String, description: String) -> [UInt8] {
        guard !marks.isEmpty else { return [] }
        let axisY = height - 24
        var out = SVGWriter()
        out.raw("<div class=\"figure-scroll\"><svg class=\"timeline-chart\" role=\"group\" aria-labelledby=\"chart-title chart-desc\" ")
        out.raw("viewBox=\"0 0 "); out.number(width); out.raw(" "); out.number(height); out.raw("\"")
        out.attribute("width", width); out.attribute("height", height); out.raw(">")
        out.raw("<title id=\"chart-title\">"); out.text(title); out.raw("</title><desc id=\"chart-desc\">"); out.text(description); out.raw("</desc>")
        out.raw("<line class=\"axis\""); out.attribute("x1", Self.left); out.attribute("y1", axisY)
        out.attribute("x2", width - Self.right); out.attribute("y2", axisY); out.raw("/>")
        for tick in ticks {
            out.raw("<line class=\"tick\""); out.attribute("x1", tick.x); out.attribute("y1", axisY)
            out.attribute("x2", tick.x); out.attribute("y2", axisY + 5); out.raw("/>")
            out.raw("<text class=\"tick-label\""); out.attribute("x", tick.x); out.attribute("y", axisY + 18)
            out.raw(" text-anchor=\"middle\">"); out.rawString(String(tick.year)); out.raw("</text>")
        }
        for mark in marks {
            out.raw("<a href=\"#"); out.rawString(mark.event.id); out.raw("\"><rect class=\"mark")
            if mark.event.status != .asserted { out.raw(" uncertain") }
            out.raw("\""); out.attribute("x", mark.box.x); out.attribute("y", mark.box.y)
            out.attribute("width", mark.box.width); out.attribute("height", mark.box.height); out.raw(" rx=\"2\">")
            out.raw("<title>"); out.text(mark.label + " — " + SVGText.truncate(mark.event.summary, to: 90)); out.raw("</title></rect></a>")
        }
        out.raw("</svg></div>")
        return out.bytes
    }
}
