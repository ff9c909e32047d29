/// Checking a matrix identity by lowering both sides to entries and proving
/// each entry with the scalar prover (`Expr.checkEquivalence`).
///
/// With concrete sizes that is a proof. With symbolic sizes it is a check at
/// a few size assignments, all dimensions different within each (so a
/// missing transpose cannot hide behind a square matrix), and the verdict
/// says exactly that: "holds at sizes …; not proved for every size".
public struct MatrixCheck: Sendable, CustomStringConvertible {
    public enum Verdict: String, Sendable, Equatable {
        /// Every entry proved, at the only sizes there are.
        case proved
        /// Every entry proved at each size assignment tried; not a proof for every size.
        case holdsAtSizesTried
        /// An entry differs at some point: a counterexample.
        case refuted
        /// The two sides have different shapes.
        case shapeMismatch
        /// Neither proved nor refuted.
        case undecided
    }

    public var verdict: Verdict
    /// The size assignments checked (one empty assignment when every size is concrete).
    public var sizesTried: [[String: Int]]
    /// For `refuted` and `undecided`: the sizes, the entry (1-based) and the scalar verdict.
    public var entry: EntryWitness?
    /// For `shapeMismatch` (and errors while lowering): what is wrong.
    public var note: String?

    /// One entry that decided (or failed to decide) the check.
    public struct EntryWitness: Sendable {
        public var sizes: [String: Int]
        public var row: Int
        public var column: Int
        public var check: EquivalenceCheck
    }

    public var description: String {
        switch verdict {
        case .proved:
            return "proved: every entry is equal"
        case .holdsAtSizesTried:
            return "holds at sizes " + sizesTried.map(MatrixCheck.sizesText).joined(separator: " and ")
                + "; not proved for every size"
        case .refuted:
            let w = entry!
            let at = w.sizes.isEmpty ? "" : " at sizes \(MatrixCheck.sizesText(w.sizes))"
            return "refuted\(at): entry (\(w.row), \(w.column)) differs \(w.check.counterexample.map(\.description) ?? "")"
        case .shapeMismatch:
            return note ?? "the shapes differ"
        case .undecided:
            if let w = entry {
                let at = w.sizes.isEmpty ? "" : " at sizes \(MatrixCheck.sizesText(w.sizes))"
                return "undecided: entry (\(w.row), \(w.column))\(at): \(w.check.note ?? w.check.method)"
            }
            return "undecided: \(note ?? "")"
        }
    }

    static func sizesText(_ sizes: [String: Int]) -> String {
        sizes.keys.sorted().map { "\($0)=\(sizes[$0]!)" }.joined(separator: ", ")
    }
}

extension MatrixExpr {
    /// Checks `lhs == rhs` entry by entry.
    ///
    /// ```swift
    /// let A = MatrixExpr.matrix("A", rows: "n", columns: "k"), B = MatrixExpr.matrix("B", rows: "k", columns: "m")
    /// MatrixExpr.checkIdentity(try (A * B).T, try B.T * A.T).description
    /// // holds at sizes k=2, m=3, n=4 and k=3, m=4, n=5; not proved for every size
    /// ```
    ///
    /// - Parameter sizes: the assignments of the symbolic dimensions to try;
    ///   by default two, each giving every dimension a different size.
    public static func checkIdentity(_ lhs: MatrixExpr, _ rhs: MatrixExpr, sizes: [[String: Int]]? = nil,
                                     options: EquivalenceOptions = .init()) -> MatrixCheck {
        guard lhs.shape == rhs.shape else {
            var note = "left side is \(lhs.shape), right side is \(rhs.shape)"
            if lhs.shape == rhs.shape.transposed { note += ": the right side has the transposed shape" }
            if case .gradient(let name, _) = lhs.kind { note += "; a derivative with respect to \(name) has \(name)'s shape, \(lhs.shape)" }
            return MatrixCheck(verdict: .shapeMismatch, sizesTried: [], entry: nil, note: note)
        }
        let names = Array(Set(lhs.dimensionNames + rhs.dimensionNames)).sorted()
        let assignments = names.isEmpty ? [[:]] : (sizes ?? defaultSizes(names))
        var undecided: MatrixCheck.EntryWitness? = nil
        for assignment in assignments {
            let left: Entries, right: Entries
            do {
                left = try lhs.entries(sizes: assignment)
                right = try rhs.entries(sizes: assignment)
            } catch {
                return MatrixCheck(verdict: .undecided, sizesTried: assignments, entry: nil, note: "\(error)")
            }
            for i in 0..<left.rows {
                for j in 0..<left.columns {
                    let check = Expr.checkEquivalence(left[i, j], right[i, j], options: options)
                    let witness = MatrixCheck.EntryWitness(sizes: assignment, row: i + 1, column: j + 1, check: check)
                    switch check.verdict {
                    case .proved: continue
                    case .refuted: return MatrixCheck(verdict: .refuted, sizesTried: assignments, entry: witness, note: nil)
                    case .undecided: if undecided == nil { undecided = witness }
                    }
                }
            }
        }
        if let undecided { return MatrixCheck(verdict: .undecided, sizesTried: assignments, entry: undecided, note: nil) }
        return MatrixCheck(verdict: names.isEmpty ? .proved : .holdsAtSizesTried, sizesTried: assignments, entry: nil, note: nil)
    }

    /// Checks a claimed gradient ∂L/∂X = `claimed` against the scalar engine's
    /// partial derivatives, entry by entry. A claim of the wrong shape (often
    /// the transpose) is its own diagnosis.
    ///
    /// ```swift
    /// MatrixExpr.checkGradient(of: loss, wrt: W, claimed: try (W * x + b - t) * x.T).verdict   // .proved
    /// ```
    public static func checkGradient(of loss: MatrixExpr, wrt variable: MatrixExpr, claimed: MatrixExpr,
                                     sizes: [[String: Int]]? = nil, options: EquivalenceOptions = .init()) -> MatrixCheck {
        do {
            return checkIdentity(try loss.partial(wrt: variable), claimed, sizes: sizes, options: options)
        } catch {
            return MatrixCheck(verdict: .undecided, sizesTried: [], entry: nil, note: "\(error)")
        }
    }

    /// Two assignments with every dimension different within each:
    /// 2, 3, 4, … and 3, 4, 5, … in name order.
    static func defaultSizes(_ names: [String]) -> [[String: Int]] {
        [2, 3].map { start in
            Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, start + $0) })
        }
    }
}
