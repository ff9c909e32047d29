import SymDiff

/// What a document leaves open and a directive settles, written in an HTML
/// or LaTeX comment (`<!-- symdiff: loss L; rate \alpha; let activation(z) = sigmoid(z) -->`)
/// or given on the command line (`--let 'activation(z)=sigmoid(z)'`).
public struct DocumentDirectives: Sendable {
    /// The loss update rules descend, as written (`L`, `\mathcal{L}`).
    public var loss: String?
    /// The learning rate's name, as written (`\alpha`, `eta`).
    public var rate: String?
    /// Functions: `activation(z) = sigmoid(z)`.
    public var lets: [String] = []

    public init(loss: String? = nil, rate: String? = nil, lets: [String] = []) {
        self.loss = loss
        self.rate = rate
        self.lets = lets
    }

    /// Reads `symdiff: loss L; rate \alpha; let f(z) = …` (the text of a
    /// comment); nil when the comment is not a directive.
    public static func parse(comment: String) -> DocumentDirectives? {
        let text = comment.trimmingBlanks()
        guard text.hasPrefix("symdiff:") else { return nil }
        var found = DocumentDirectives()
        for part in text.dropFirst("symdiff:".count).split(separator: ";") {
            let item = String(part).trimmingBlanks()
            if item.hasPrefix("loss ") { found.loss = String(item.dropFirst(5)).trimmingBlanks() }
            else if item.hasPrefix("rate ") { found.rate = String(item.dropFirst(5)).trimmingBlanks() }
            else if item.hasPrefix("let ") { found.lets.append(String(item.dropFirst(4)).trimmingBlanks()) }
        }
        return found
    }

    mutating func merge(_ other: DocumentDirectives) {
        loss = other.loss ?? loss
        rate = other.rate ?? rate
        lets += other.lets
    }

    /// `activation(z) = sigmoid(z)` (or LaTeX) as a function the reader applies.
    static func macro(_ text: String) throws -> (name: String, macro: LatexMacro) {
        guard let equals = text.firstIndex(of: "="), let open = text.firstIndex(of: "("), open < equals,
              let close = text[open...].firstIndex(of: ")"), close < equals else {
            throw SourceError(message: "write a function as 'let NAME(z) = EXPRESSION', such as 'activation(z) = sigmoid(z)'",
                              line: 1, column: 1, sourceLine: text)
        }
        var name = String(text[..<open]).trimmingBlanks()
        for font in ["\\text{", "\\mathrm{", "\\operatorname{"] where name.hasPrefix(font) && name.hasSuffix("}") {
            name = String(name.dropFirst(font.count).dropLast())
        }
        let parameters = text[text.index(after: open)..<close].split(separator: ",").map { String($0).trimmingBlanks() }
        let bodyText = String(text[text.index(after: equals)...])
        let body = bodyText.contains("\\") ? try Expr.parseLatex(bodyText) : try Expr.parse(bodyText)
        return (name, LatexMacro(parameters: parameters, body: body))
    }
}
