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

    package static func parse(_ span: SourceSpan) throws -> ApproximateValue {
        var valueSpan = span
        var toleranceSpan: SourceSpan? = nil
        for separator in ["±", "+/-", "+-"] {
            if let at = span.firstIndex(of: separator) {
                valueSpan = span.slice(upTo: at).trimmed()
                toleranceSpan = span.slice(from: at + separator.unicodeScalars.count).trimmed()
                break
            }
        }
        guard let literal = Literal(valueSpan.text) else {
            throw valueSpan.error("the value after '≈' must be a number such as -0.2813, not '\(valueSpan.text)'")
        }
        guard let toleranceSpan else {
            return ApproximateValue(value: literal.value, tolerance: literal.halfUnit, written: literal.text,
                                    toleranceWritten: false, decimals: literal.decimals)
        }
        var text = toleranceSpan.text
        let relative = text.hasSuffix("%")
        if relative { text = String(text.dropLast()).trimmingBlanks() }
        guard let tolerance = Literal(text), tolerance.value >= 0, !text.hasPrefix("-") else {
            throw toleranceSpan.error("the tolerance after '±' must be a non-negative number such as 0.001 or 1%")
        }
        return ApproximateValue(value: literal.value,
                                tolerance: relative ? Swift.abs(literal.value) * tolerance.value / 100 : tolerance.value,
                                written: literal.text + " ± " + toleranceSpan.text, toleranceWritten: true,
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
