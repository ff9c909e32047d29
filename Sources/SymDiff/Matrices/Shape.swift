import Foundation

/// One dimension of a shape: a concrete size (`3`) or a symbolic one (`n`).
///
/// ```swift
/// let d: Dimension = 3        // concrete
/// let n: Dimension = "n"      // symbolic, fixed only when checking at sizes
/// ```
public enum Dimension: Sendable, Hashable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case fixed(Int)
    case named(String)

    public init(integerLiteral value: Int) { self = .fixed(value) }
    public init(stringLiteral value: String) { self = .named(value) }

    public static let one = Dimension.fixed(1)

    /// The size under an assignment of the symbolic dimensions, `nil` when unassigned.
    public func size(_ sizes: [String: Int]) -> Int? {
        switch self {
        case .fixed(let n): return n
        case .named(let name): return sizes[name]
        }
    }

    public var name: String? { if case .named(let n) = self { return n } else { return nil } }
    public var description: String {
        switch self {
        case .fixed(let n): return String(n)
        case .named(let n): return n
        }
    }
}

/// The shape of a matrix expression: rows × columns. A column vector has one
/// column; a scalar is 1×1.
///
/// ```swift
/// Shape(rows: 2, columns: 3).description     // "2x3"
/// Shape(rows: "n", columns: "m").description // "n x m"
/// ```
public struct Shape: Sendable, Hashable, CustomStringConvertible {
    public var rows: Dimension
    public var columns: Dimension

    public init(rows: Dimension, columns: Dimension) {
        self.rows = rows
        self.columns = columns
    }

    public static let scalar = Shape(rows: .one, columns: .one)
    public static func vector(_ length: Dimension) -> Shape { Shape(rows: length, columns: .one) }

    public var isScalar: Bool { self == .scalar }
    public var isColumnVector: Bool { columns == .one && rows != .one }
    public var isRowVector: Bool { rows == .one && columns != .one }
    public var transposed: Shape { Shape(rows: columns, columns: rows) }

    /// The symbolic dimensions, in order of appearance.
    public var dimensionNames: [String] { [rows.name, columns.name].compactMap { $0 } }

    /// "2x3" for concrete sizes, "n x m" when any dimension is symbolic.
    public var description: String {
        dimensionNames.isEmpty ? "\(rows)x\(columns)" : "\(rows) x \(columns)"
    }

    /// The concrete size under `sizes`.
    func sizes(_ sizes: [String: Int]) throws -> (rows: Int, columns: Int) {
        guard let r = rows.size(sizes), let c = columns.size(sizes) else {
            let missing = dimensionNames.first { sizes[$0] == nil } ?? "?"
            throw MatrixError.unboundDimension(missing)
        }
        return (r, c)
    }
}

extension Dimension {
    /// A size as written: a positive integer (`3`) or a name (`n`, `d_in`); nil otherwise.
    ///
    /// ```swift
    /// Dimension(parsing: "3")    // .fixed(3)
    /// Dimension(parsing: "n")    // .named("n")
    /// ```
    public init?(parsing text: String) {
        if let n = Int(text) {
            guard n > 0 else { return nil }
            self = .fixed(n)
            return
        }
        guard text != "x", let first = text.unicodeScalars.first, Lexer.isIdentifierStart(first),
              text.unicodeScalars.allSatisfy(Lexer.isIdentifierCharacter) else { return nil }
        self = .named(text)
    }
}

extension Shape {
    /// A shape as declarations write it: `2x3`, `2 x 3`, `2×3`, `n x m`
    /// (symbolic sizes need the spaces: `nxm` is one name), `3` or `n` for
    /// a column vector, `scalar` (or `1`) for 1×1; nil for anything else.
    ///
    /// ```swift
    /// Shape(parsing: "2x3")      // 2x3
    /// Shape(parsing: "B x d")    // B x d
    /// Shape(parsing: "3")        // a column vector of length 3
    /// ```
    public init?(parsing text: String) {
        let words = text.replacingOccurrences(of: "×", with: " x ").replacingOccurrences(of: "*", with: " x ")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch words.count {
        case 1:
            let word = words[0]
            if word == "scalar" { self = .scalar; return }
            // `2x3`, `2xn`: digits, then `x`.
            let digits = word.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, word.dropFirst(digits.count).first == "x" {
                guard let r = Dimension(parsing: String(digits)),
                      let c = Dimension(parsing: String(word.dropFirst(digits.count + 1))) else { return nil }
                self = Shape(rows: r, columns: c)
                return
            }
            guard let n = Dimension(parsing: word) else { return nil }
            self = .vector(n)
        case 3:
            guard words[1] == "x", let r = Dimension(parsing: words[0]), let c = Dimension(parsing: words[2]) else { return nil }
            self = Shape(rows: r, columns: c)
        default:
            return nil
        }
    }
}
