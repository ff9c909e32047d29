import Foundation

/// Training curves as a standalone SVG: loss per epoch on the left, the
/// tolerance rate per epoch on the right (as seed 000 appendix D plots
/// them), each with axes, tick labels, axis titles and a grid. A held-out
/// set adds a second, dashed curve to each panel, with a legend. When the
/// loss spans more than a decade (the circles loss falls from 4.1 to 0.17)
/// its axis is logarithmic, so the curve is not flat after the first epochs.
///
/// ```swift
/// let svg = TrainingPlot.svg(history, title: "circles")
/// try svg.write(toFile: "circles.svg", atomically: true, encoding: .utf8)
/// TrainingPlot.svg(history, title: "circles.csv", heldOut: heldOutHistory)   // two curves per panel
/// ```
public enum TrainingPlot {
    /// One curve of a panel.
    struct Series {
        let ys: [Double]
        let colour: String
        let name: String
        let dashed: Bool
    }

    /// The SVG document. Without tolerance rates the right panel is left out.
    ///
    /// - Parameter heldOut: one record per epoch of `history` (same epochs),
    ///   measured on held-out data; empty for none.
    public static func svg(_ history: [EpochRecord], title: String, heldOut: [EpochRecord] = []) -> String {
        let rates = history.compactMap(\.toleranceRate)
        let hasRates = rates.count == history.count && !rates.isEmpty
        let hasHeldOut = !heldOut.isEmpty && heldOut.count == history.count
        let heldOutRates = heldOut.compactMap(\.toleranceRate)
        let panelWidth = 460.0, panelHeight = 300.0
        let width = hasRates ? 2 * panelWidth + 40 : panelWidth + 20
        let height = panelHeight + 60
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(width / 2)" y="22" text-anchor="middle" font-size="15" font-weight="bold">\(escape(title))</text>

        """
        let epochs = history.map { Double($0.epoch) }
        var losses = [Series(ys: history.map(\.loss), colour: "#1f77b4", name: "training", dashed: false)]
        if hasHeldOut { losses.append(Series(ys: heldOut.map(\.loss), colour: "#ff7f0e", name: "held-out", dashed: true)) }
        let logarithmic = spansDecades(losses.flatMap(\.ys))
        svg += panel(x: 10, y: 40, width: panelWidth, height: panelHeight, xs: epochs, series: losses,
                     title: hasHeldOut ? "Loss" : "Training loss", yLabel: logarithmic ? "Loss (log scale)" : "Loss",
                     yRange: nil, logarithmic: logarithmic)
        if hasRates {
            var curves = [Series(ys: rates, colour: "#d62728", name: "training", dashed: false)]
            if hasHeldOut && heldOutRates.count == heldOut.count {
                curves.append(Series(ys: heldOutRates, colour: "#9467bd", name: "held-out", dashed: true))
            }
            svg += panel(x: panelWidth + 30, y: 40, width: panelWidth, height: panelHeight, xs: epochs, series: curves,
                         title: "Tolerance rate", yLabel: "Fraction within tolerance", yRange: (0, 1), logarithmic: false)
        }
        svg += "</svg>\n"
        return svg
    }

    /// Whether positive values span more than a factor of ten: then a log axis shows them.
    static func spansDecades(_ ys: [Double]) -> Bool {
        let finite = ys.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), low > 0 else { return false }
        return high / low > 10
    }

    /// One panel: frame, grid, ticks, labels, a polyline per series and, for
    /// more than one, a legend.
    static func panel(x: Double, y: Double, width: Double, height: Double, xs: [Double], series: [Series],
                      title: String, yLabel: String, yRange: (Double, Double)?, logarithmic: Bool) -> String {
        // Plot area inside the panel, leaving room for tick labels and axis titles.
        let left = x + 62, right = x + width - 12, top = y + 24, bottom = y + height - 42
        let finite = series.flatMap(\.ys).filter(\.isFinite)
        let xMin = xs.first ?? 0, xMax = Swift.max(xs.last ?? 1, xMin + 1)
        var (yMin, yMax) = yRange ?? (finite.min() ?? 0, finite.max() ?? 1)
        let yTicks: [Double]
        // On a log axis positions are log10 of the values; ticks are 1, 2, 5 × 10^k.
        let scale: (Double) -> Double = logarithmic ? { Foundation.log10($0) } : { $0 }
        if logarithmic {
            yTicks = logTicks(yMin, yMax)
            (yMin, yMax) = (Swift.min(yMin, yTicks.first ?? yMin), Swift.max(yMax, yTicks.last ?? yMax))
        } else {
            if yRange == nil { yMin = Swift.min(yMin, 0) }
            if yMax <= yMin { yMax = yMin + 1 }
            yTicks = ticks(yMin, yMax)
            yMax = Swift.max(yMax, yTicks.last ?? yMax)
        }
        let (low, high) = (scale(yMin), scale(yMax))
        let xTicks = ticks(xMin, xMax)
        func px(_ v: Double) -> Double { left + (v - xMin) / (xMax - xMin) * (right - left) }
        func py(_ v: Double) -> Double { bottom - (scale(v) - low) / (high - low) * (bottom - top) }

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
        for curve in series {
            // A log axis cannot place zero or negative values; they are left out like non-finite ones.
            let points = zip(xs, curve.ys).filter { $0.1.isFinite && (!logarithmic || $0.1 > 0) }
                .map { "\(fmt(px($0.0))),\(fmt(py($0.1)))" }
            let dash = curve.dashed ? " stroke-dasharray=\"6 3\"" : ""
            if points.count == 1 {
                let p = points[0].split(separator: ",")
                out += "<circle cx=\"\(p[0])\" cy=\"\(p[1])\" r=\"3\" fill=\"\(curve.colour)\"/>\n"
            } else if !points.isEmpty {
                out += "<polyline fill=\"none\" stroke=\"\(curve.colour)\" stroke-width=\"1.5\"\(dash) points=\"\(points.joined(separator: " "))\"/>\n"
            }
        }
        if series.count > 1 {
            // The legend goes in the corner the curves end away from.
            let ends = series.compactMap { $0.ys.last(where: \.isFinite) }.map(py)
            let endHigh = !ends.isEmpty && ends.reduce(0, +) / Double(ends.count) < (top + bottom) / 2
            for (k, curve) in series.enumerated() {
                let ly = (endHigh ? bottom - 14 - 16 * Double(series.count - 1) : top + 14) + 16 * Double(k), lx = right - 92
                let dash = curve.dashed ? " stroke-dasharray=\"6 3\"" : ""
                out += "<line x1=\"\(fmt(lx))\" y1=\"\(fmt(ly))\" x2=\"\(fmt(lx + 22))\" y2=\"\(fmt(ly))\" stroke=\"\(curve.colour)\" stroke-width=\"1.5\"\(dash)/>\n"
                out += "<text x=\"\(fmt(lx + 28))\" y=\"\(fmt(ly + 4))\">\(escape(curve.name))</text>\n"
            }
        }
        out += "</g>\n"
        return out
    }

    /// Ticks for a log axis over [low, high] (both positive): every power of
    /// ten from the one at or below `low` to the one at or above `high`, with
    /// 2 and 5 between them when there are at most three decades.
    static func logTicks(_ low: Double, _ high: Double) -> [Double] {
        let first = Int(Foundation.floor(Foundation.log10(low))), last = Int(Foundation.ceil(Foundation.log10(high)))
        let multiples: [Double] = last - first <= 3 ? [1, 2, 5] : [1]
        var result: [Double] = []
        for k in first...Swift.max(first, last) {
            let power = Foundation.pow(10, Double(k))
            for m in multiples where k < last || m == 1 { result.append(m * power) }
        }
        // Keep one tick at or below the data and one at or above it, drop the rest outside.
        let below = result.last { $0 <= low } ?? result[0]
        let above = result.first { $0 >= high } ?? result[result.count - 1]
        return result.filter { $0 >= below && $0 <= above }
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
