import Foundation

/// Training curves as a standalone SVG: loss per epoch on the left, the
/// tolerance rate per epoch on the right (as seed 000 appendix D plots
/// them), each with axes, tick labels, axis titles and a grid.
///
/// ```swift
/// let svg = TrainingPlot.svg(history, title: "circles")
/// try svg.write(toFile: "circles.svg", atomically: true, encoding: .utf8)
/// ```
public enum TrainingPlot {
    /// The SVG document. Without tolerance rates the right panel is left out.
    public static func svg(_ history: [EpochRecord], title: String) -> String {
        let rates = history.compactMap(\.toleranceRate)
        let hasRates = rates.count == history.count && !rates.isEmpty
        let panelWidth = 460.0, panelHeight = 300.0
        let width = hasRates ? 2 * panelWidth + 40 : panelWidth + 20
        let height = panelHeight + 60
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(width / 2)" y="22" text-anchor="middle" font-size="15" font-weight="bold">\(escape(title))</text>

        """
        let epochs = history.map { Double($0.epoch) }
        svg += panel(x: 10, y: 40, width: panelWidth, height: panelHeight, xs: epochs, ys: history.map(\.loss),
                     title: "Training loss", yLabel: "Loss", colour: "#1f77b4", yRange: nil)
        if hasRates {
            svg += panel(x: panelWidth + 30, y: 40, width: panelWidth, height: panelHeight, xs: epochs, ys: rates,
                         title: "Tolerance rate", yLabel: "Fraction within tolerance", colour: "#d62728", yRange: (0, 1))
        }
        svg += "</svg>\n"
        return svg
    }

    /// One panel: frame, grid, ticks, labels and the polyline.
    static func panel(x: Double, y: Double, width: Double, height: Double, xs: [Double], ys: [Double],
                      title: String, yLabel: String, colour: String, yRange: (Double, Double)?) -> String {
        // Plot area inside the panel, leaving room for tick labels and axis titles.
        let left = x + 62, right = x + width - 12, top = y + 24, bottom = y + height - 42
        let finite = ys.filter(\.isFinite)
        let xMin = xs.first ?? 0, xMax = Swift.max(xs.last ?? 1, xMin + 1)
        var (yMin, yMax) = yRange ?? (finite.min() ?? 0, finite.max() ?? 1)
        if yRange == nil { yMin = Swift.min(yMin, 0) }
        if yMax <= yMin { yMax = yMin + 1 }
        let xTicks = ticks(xMin, xMax), yTicks = ticks(yMin, yMax)
        yMax = Swift.max(yMax, yTicks.last ?? yMax)
        func px(_ v: Double) -> Double { left + (v - xMin) / (xMax - xMin) * (right - left) }
        func py(_ v: Double) -> Double { bottom - (v - yMin) / (yMax - yMin) * (bottom - top) }

        var out = "<g>\n"
        out += "<text x=\"\(fmt((left + right) / 2))\" y=\"\(fmt(y + 14))\" text-anchor=\"middle\" font-size=\"13\">\(escape(title))</text>\n"
        for t in yTicks where t >= yMin && t <= yMax {
            out += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(py(t)))\" x2=\"\(fmt(right))\" y2=\"\(fmt(py(t)))\" stroke=\"#e0e0e0\"/>\n"
            out += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(py(t) + 4))\" text-anchor=\"end\">\(label(t))</text>\n"
        }
        for t in xTicks where t >= xMin && t <= xMax {
            out += "<line x1=\"\(fmt(px(t)))\" y1=\"\(fmt(top))\" x2=\"\(fmt(px(t)))\" y2=\"\(fmt(bottom))\" stroke=\"#e0e0e0\"/>\n"
            out += "<text x=\"\(fmt(px(t)))\" y=\"\(fmt(bottom + 16))\" text-anchor=\"middle\">\(label(t))</text>\n"
        }
        out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(right - left))\" height=\"\(fmt(bottom - top))\" fill=\"none\" stroke=\"black\"/>\n"
        out += "<text x=\"\(fmt((left + right) / 2))\" y=\"\(fmt(bottom + 34))\" text-anchor=\"middle\">Epoch</text>\n"
        out += "<text x=\"\(fmt(x + 14))\" y=\"\(fmt((top + bottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 \(fmt(x + 14)) \(fmt((top + bottom) / 2)))\">\(escape(yLabel))</text>\n"
        let points = zip(xs, ys).filter { $0.1.isFinite }.map { "\(fmt(px($0.0))),\(fmt(py($0.1)))" }
        if points.count == 1 {
            let p = points[0].split(separator: ",")
            out += "<circle cx=\"\(p[0])\" cy=\"\(p[1])\" r=\"3\" fill=\"\(colour)\"/>\n"
        } else if !points.isEmpty {
            out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        out += "</g>\n"
        return out
    }

    /// About five round tick values covering [low, high] (steps of 1, 2 or 5 × 10^k).
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let span = high - low
        guard span > 0 && span.isFinite else { return [low] }
        let raw = span / 5
        let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var t = Foundation.floor(low / step) * step
        var result: [Double] = []
        while t <= high + step * 0.5 && result.count < 20 {
            result.append(t)
            t += step
        }
        return result
    }

    static func label(_ v: Double) -> String {
        if v == v.rounded() && Swift.abs(v) < 1e6 { return String(Int(v)) }
        if Swift.abs(v) >= 1e-3 && Swift.abs(v) < 1e6 {
            var text = String(format: "%.4f", v)
            while text.hasSuffix("0") { text.removeLast() }
            return text
        }
        return String(format: "%.1e", v)
    }

    static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
