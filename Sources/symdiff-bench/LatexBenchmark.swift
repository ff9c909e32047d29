import Language

/// Issue 12's reading benchmark: a generated Markdown tutorial of many
/// formulas (definitions, a derivative claim, bindings of the point, a worked
/// chain, a skipped declaration, prose between them), read and classified
/// the way `symdiff check` reads a document, without the proofs.
enum LatexBenchmark {
    /// Each block has nine formulas and its own names (`z_{7}`, `w_{7}`), so
    /// the document's names and point grow with it, as in a long tutorial.
    static func document(formulas: Int) -> String {
        var text = "# A long tutorial\n\nThe label is $y = 0$ throughout.\n\n"
        text.reserveCapacity(formulas * 60)
        for i in 0..<(formulas / 9) {
            text += """
                ## Step \(i)
                Let $z_{\(i)} = w_{\(i)} x + b_{\(i)}$ and $a_{\(i)} = \\sigma(z_{\(i)})$, with $L_{\(i)} = \\frac{1}{2}(a_{\(i)} - y)^2$.
                $$\\frac{\\partial L_{\(i)}}{\\partial w_{\(i)}} = (a_{\(i)} - y)\\, a_{\(i)}(1 - a_{\(i)})\\, x$$
                Take $x = 0.5$, $w_{\(i)} = 1.2$ and $b_{\(i)} = -0.8$:
                $$z_{\(i)} = 1.2 \\times 0.5 + (-0.8) = -0.2$$
                where $W_{\(i)} \\in \\mathbb{R}^{2 \\times 3}$.


                """
        }
        return text
    }

    /// Formulas read per second, the size in bytes and the seconds taken.
    static func measure(formulas: Int) -> (perSecond: Double, bytes: Int, seconds: Double, found: Int) {
        let text = document(formulas: formulas)
        var found = 0
        let seconds = Timing.seconds(rounds: 1) {
            found = DocumentReader(format: .markdown).read(text).formulaCount
        }
        return (Double(found) / seconds, text.utf8.count, seconds, found)
    }
}
