import Foundation

/// The value on the right of `≈`, with the precision it claims: half a unit
/// in the last digit written (`0.112` means 0.1115 to 0.1125), or an explicit
/// `± tolerance` (absolute, or relative with `%`).
package struct ApproximateValue {
    package let value: Double
    package let tolerance: Double
    package let written: String
    package let toleranceWritten: Bool
    /// Digits written after the decimal point.
    package let decimals: Int

    /// The value written in `range` of the statement's tokens (after `≈`).
    package static func parse(_ t: StatementTokens, _ range: Range<Int>) throws -> ApproximateValue {
        var valueRange = range
        var tolerance: (range: Range<Int>, end: Int)? = nil
        func adjacent(_ i: Int, _ ops: [String]) -> Bool {
            guard i + ops.count <= range.upperBound else { return false }
            for (k, op) in ops.enumerated() {
                guard t[i + k].kind == .op(op), k == 0 || t[i + k - 1].end == t[i + k].offset else { return false }
            }
            return true
        }
        for separator in [["±"], ["+", "/", "-"], ["+", "-"]] {
            if let at = range.first(where: { adjacent($0, separator) }) {
                valueRange = range.lowerBound..<at
                tolerance = ((at + separator.count)..<range.upperBound, t[at + separator.count - 1].end)
                break
            }
        }
        let valueText = t.text(valueRange)
        guard let literal = Literal(valueText) else {
            throw t.error("the value after '≈' must be a number such as -0.2813, not '\(valueText)'",
                          at: valueRange.isEmpty ? t[valueRange.upperBound].offset : t[valueRange.lowerBound].offset)
        }
        guard let tolerance else {
            return ApproximateValue(value: literal.value, tolerance: literal.halfUnit, written: literal.text,
                                    toleranceWritten: false, decimals: literal.decimals)
        }
        let written = t.text(tolerance.range)
        var text = written
        let relative = text.hasSuffix("%")
        if relative { text = String(text.dropLast()).trimmingBlanks() }
        guard let toleranceValue = Literal(text), toleranceValue.value >= 0, !text.hasPrefix("-") else {
            throw t.error("the tolerance after '±' must be a non-negative number such as 0.001 or 1%",
                          at: t.start(tolerance.range, otherwise: tolerance.end))
        }
        return ApproximateValue(value: literal.value,
                                tolerance: relative ? Swift.abs(literal.value) * toleranceValue.value / 100 : toleranceValue.value,
                                written: literal.text + " ± " + written, toleranceWritten: true,
                                decimals: literal.decimals)
    }

    /// A decimal literal and the precision its digits state.
    package struct Literal {
        let text: String
        let value: Double
        let decimals: Int
        let halfUnit: Double

        init?(_ raw: String) {
            let text = raw.replacingOccurrences(of: "−", with: "-").trimmingBlanks()
            var scalars = Substring(text).unicodeScalars[...]
            if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
            var integerDigits = 0, decimals = 0, exponent = 0
            while let c = scalars.first, c.properties.numericType == .decimal, c.isASCII { integerDigits += 1; scalars = scalars.dropFirst() }
            if scalars.first == "." {
                scalars = scalars.dropFirst()
                while let c = scalars.first, c.isASCII, c.properties.numericType == .decimal { decimals += 1; scalars = scalars.dropFirst() }
            }
            guard integerDigits + decimals > 0 else { return nil }
            if let e = scalars.first, e == "e" || e == "E" {
                scalars = scalars.dropFirst()
                guard let parsed = Int(String(String.UnicodeScalarView(scalars))) else { return nil }
                exponent = parsed
                scalars = scalars[scalars.endIndex...]
            }
            guard scalars.isEmpty, let value = Double(text), value.isFinite else { return nil }
            self.text = text
            self.value = value
            self.decimals = decimals
            halfUnit = 0.5 * Foundation.pow(10, Double(exponent - decimals))
        }
    }
}
