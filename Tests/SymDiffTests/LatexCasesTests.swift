import Testing
import SymDiff

/// `\begin{cases}` read as a piecewise function. Expected values are the
/// definition of each case by hand, at points on both sides of the split and
/// on it (where the engine's step is 0 at 0, a strict `>` leaves 0 to the other case).
@Suite struct LatexCasesTests {
    static let values: [(latex: String, at: [(Double, Double)])] = [
        // ReLU' as seed 001 writes it
        ("\\begin{cases} 1 & \\text{if } z > 0 \\\\ 0 & \\text{if } z \\leq 0 \\end{cases}", [(-2, 0), (0, 0), (0.5, 1)]),
        // the same with the split the other way round and the value at 0 in the upper case
        ("\\begin{cases} 1 & z \\geq 0 \\\\ 0 & z < 0 \\end{cases}", [(-2, 0), (0, 1), (0.5, 1)]),
        ("\\begin{cases} z & \\text{if } z > 0 \\\\ 0 & \\text{otherwise} \\end{cases}", [(-2, 0), (0, 0), (3, 3)]),
        // 0 < z compares -z with 0: the same split
        ("\\begin{cases} z^2 & 0 < z, \\\\ -z & z \\le 0. \\end{cases}", [(-2, 2), (0, 0), (3, 9)]),
        // a split at 1, the leaky ReLU' and three cases with the point itself
        ("\\begin{cases} z - 1 & z > 1 \\\\ 1 - z & \\text{else} \\end{cases}", [(-2, 3), (1, 0), (3, 2)]),
        ("\\begin{cases} 1 & z > 0 \\\\ 0.01 & z \\leq 0 \\end{cases}", [(-2, 0.01), (0, 0.01), (3, 1)]),
        ("\\begin{cases} -1 & z < 0 \\\\ 5 & z \\geq 0 \\end{cases} + 1", [(-2, 0), (0, 6), (3, 6)]),
        ("2\\begin{cases} \\frac{1}{2} & z > 0 \\\\ 0 & z < 0 \\end{cases}", [(-2, 0), (3, 1)]),
        // cases in cases
        ("\\begin{cases} \\begin{cases} 1 & z > 0 \\\\ 2 & z \\le 0 \\end{cases} & z > -1 \\\\ 3 & z \\le -1 \\end{cases}",
         [(-2, 3), (-0.5, 2), (3, 1)]),
    ]

    @Test(arguments: values)
    func casesTakeTheValueOfTheirCondition(_ row: (latex: String, at: [(Double, Double)])) throws {
        let e = try Expr.parseLatex(row.latex)
        for (z, expected) in row.at {
            #expect(try e.evaluate(at: ["z": z]) == expected, "\(row.latex) at z = \(z)")
        }
    }

    static let refused: [(latex: String, message: String)] = [
        ("\\begin{cases} 1 & i = j \\\\ 0 & i \\neq j \\end{cases}", "a condition with = (an index or a single point) is not supported"),
        ("\\begin{cases} 1 & z > 0 \\\\ 0 & z > 1 \\end{cases}", "the conditions compare different quantities"),
        ("\\begin{cases} 1 & z > 0 \\\\ 0 & z \\geq 0 \\end{cases}", "this condition overlaps an earlier one"),
        ("\\begin{cases} 1 & z > 0 \\end{cases}", "the cases leave values of the quantity uncovered"),
        ("\\begin{cases} 1 & z > 0 \\\\ 0 & \\text{otherwise} \\\\ 2 & \\text{otherwise} \\end{cases}", "more than one 'otherwise'"),
        ("\\begin{cases} 1 & 0 < z < 1 \\\\ 0 & \\text{otherwise} \\end{cases}", "two comparisons"),
        ("\\begin{cases} 1 & \\text{if z is large} \\\\ 0 & \\text{otherwise} \\end{cases}", "cannot be read"),
        ("\\begin{cases} 1 \\\\ 0 & z > 0 \\end{cases}", "needs a value and a condition"),
        ("\\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0", "never closed"),
        ("\\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{array}", "closed by \\end{array}"),
        ("\\begin{pmatrix} 1 & 2 \\end{pmatrix}", "\\begin{pmatrix} is not supported"),
    ]

    @Test(arguments: refused)
    func casesSymdiffCannotReadAreAPositionedError(_ row: (latex: String, message: String)) {
        #expect {
            try Expr.parseLatex(row.latex)
        } throws: { error in
            "\(error)".contains(row.message)
        }
    }

    @Test func deeplyNestedCasesAreAnErrorNotACrash() {
        var latex = "1"
        for _ in 0..<100 { latex = "\\begin{cases} \(latex) & z > 0 \\\\ 0 & z \\le 0 \\end{cases}" }
        #expect(throws: (any Error).self) { try Expr.parseLatex(latex) }
    }
}
