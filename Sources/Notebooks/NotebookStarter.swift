/// The starter notebook `symdiff notebook new` writes: a short tour of the
/// session language whose outputs are produced by running it, so a new
/// notebook passes `symdiff notebook run` as written.
public enum NotebookStarter {
    /// The starter text with a title, outputs filled in.
    ///
    /// ```swift
    /// let text = NotebookStarter.text(title: "My derivation")
    /// try NotebookRunner.run(text: text).matches   // true
    /// ```
    public static func text(title: String) -> String {
        let template = """
        # \(title)

        A symdiff notebook: Markdown prose, and cells of session input in
        ```` ```symdiff ```` blocks, each followed by an ```` ```output ```` block
        holding what the cell prints. `symdiff notebook run FILE` runs every cell
        in order (definitions carry over from cell to cell) and shows a diff for
        each output that changed; `symdiff notebook run --update FILE` rewrites
        the output blocks. `symdiff repl` runs the same language interactively,
        and `help` inside it lists every function.

        ## Define and differentiate

        A name you define stays a name, so derivatives come back in your own
        terms; `inline` shows the fully expanded form SymPy would print.

        ```symdiff
        z = w*x + b
        s = sigmoid(z)
        diff(s, w)
        inline(diff(s, w))
        ```

        ## Evaluate

        Give values with `at`, with keywords, or with a point `{name: value}`.
        Numbers print with six significant digits.

        ```symdiff
        eval s at w=0.5, x=2, b=0
        p = {w: 0.5, x: 2, b: 0}
        eval(diff(s, w), p)
        ```

        ## Check a claim

        `check` proves an identity, refutes it with a counterexample, or says it
        could not decide.

        ```symdiff
        check diff(s, z) == s*(1 - s)
        check diff(s, z) == s*(1 + s)
        ```

        """
        guard let notebook = try? Notebook(parsing: template) else { return template }
        return NotebookRunner.run(notebook).updatedText
    }
}
