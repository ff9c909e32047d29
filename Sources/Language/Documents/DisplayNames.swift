/// How the document wrote each symbol the reader made up a name for: the
/// checker explains in plain syntax (`d(L)/d(y_hat_v2) == y_hat_v2 - y`), and
/// a report puts the author's notation back (`\hat{y}`), so a reader never
/// meets `y_hat`, `w_12__2` or a version suffix.
///
/// ```swift
/// let names = DisplayNames(["y_hat": "\\hat{y}", "y_hat_v2": "\\hat{y}"])
/// names.shown("y_hat_v2 - y")   // "\\hat{y} - y"
/// ```
public struct DisplayNames: Sendable, Equatable {
    public private(set) var written: [String: String]

    public init(_ written: [String: String] = [:]) {
        self.written = written.filter { $0.key != $0.value }
    }

    /// `text` with each whole name that has a notation replaced by it. A name
    /// is a maximal run of letters, digits and `_` that starts with a letter
    /// and is not a LaTeX command (`\frac` stays).
    public func shown(_ text: String) -> String {
        if written.isEmpty { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            guard DisplayNames.isNameStart(c), i == 0 || !DisplayNames.isNamePart(scalars[i - 1]) else {
                out.append(c)
                i += 1
                continue
            }
            var end = i
            while end < scalars.count, DisplayNames.isNamePart(scalars[end]) { end += 1 }
            let name = String(String.UnicodeScalarView(scalars[i..<end]))
            if i > 0, scalars[i - 1] == "\\" {
                out.append(contentsOf: name.unicodeScalars)
            } else {
                out.append(contentsOf: (written[name] ?? name).unicodeScalars)
            }
            i = end
        }
        return String(out)
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    static func isNamePart(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || ("0"..."9").contains(c) || c == "_"
    }
}
