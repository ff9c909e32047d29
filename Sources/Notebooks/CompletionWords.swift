import SymDiff

extension Session {
    /// What Tab may complete to in the REPL: the session's names, then the
    /// built-in calls, the expression functions and the REPL's own words.
    ///
    /// ```swift
    /// let session = Session()
    /// _ = session.run("loss = (w*x - y)**2")
    /// session.completionWords.contains("loss")   // true
    /// ```
    public var completionWords: [String] {
        environment.names + Builtins.all.map(\.name) + Function.all.map(\.name) + ["sqrt", "pow", "help", "quit", "exit"]
    }
}
