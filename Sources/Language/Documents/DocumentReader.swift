import SymDiff

/// A Markdown or LaTeX document read into the statements of the derivation
/// language, in document order, with what was skipped and why.
public struct DocumentReading: Sendable {
    package var statements: [Statement] = []
    /// Formulas (or rows of one) that are not checked, with the reason.
    public var skipped: [SkippedFormula] = []
    /// Formulas whose LaTeX could not be read (each one is skipped).
    public var errors: [SourceError] = []
    public var notes: [DocumentNote] = []
    /// Worked-example steps that need a value the document does not give.
    public var undecided: [UndecidedStep] = []
    /// Rows of maths found (a list `x = 1, y = 2` counts once).
    public var formulaCount = 0
    /// The document's lines, from line 1.
    public var lines: [String] = []
    /// For claims that use a redefined name, which definition they use, by line.
    public var claimNotes: [Int: [String]] = [:]
    /// How the document wrote the symbols it defines (`y_hat_v2` → `\hat{y}`).
    public var names = DisplayNames()
    /// Claims about vectors and matrices, for the checker's matrix identities.
    public var matrixClaims: [MatrixClaim] = []
}

/// Reads the maths of a document as statements: definitions, bindings of
/// the point, claims and chains, numeric steps, update rules (see the README,
/// "Checking documents"). One pass in document order with the names known
/// so far; a formula it cannot read is skipped with a reason, never fatal.
///
/// ```swift
/// let reading = DocumentReader(format: .markdown).read("""
///     Let $z = wx + b$ and $\\hat{y} = \\sigma(z)$.
///     $$\\frac{\\partial \\hat{y}}{\\partial z} = \\hat{y}(1 - \\hat{y})$$
///     """)
/// reading.statements.count   // 3: two definitions and a claim
/// ```
public struct DocumentReader: Sendable {
    public let format: DocumentFormat
    public var directives: DocumentDirectives

    public init(format: DocumentFormat, directives: DocumentDirectives = .init()) {
        self.format = format
        self.directives = directives
    }

    public func read(_ text: String) -> DocumentReading {
        var state = ReadingState(doc: DocumentText(text))
        state.reading.lines = state.doc.lines
        let (regions, comments) = MathScanner(state.doc, format: format).scan()
        var directives = DocumentDirectives()
        for comment in comments {
            if let found = DocumentDirectives.parse(comment: state.doc.text(comment.content)) { directives.merge(found) }
        }
        directives.merge(self.directives)
        state.apply(directives)
        let formulas = state.formulas(regions)
        state.collectNames(formulas)
        let unreadable = state.unreadableRows(formulas)
        var reported: Set<Int> = []
        var piecesOfGroup: [Int: Int] = [:]
        for case .sides(let f) in formulas { piecesOfGroup[f.group, default: 0] += 1 }
        for formula in formulas {
            if state.matrixFormula(formula) { continue }
            if case .sides(let f) = formula, let error = unreadable[f.group] {
                if reported.insert(f.group).inserted { state.reading.errors.append(error) }
                // A chain (not a list) with a side that cannot be read: the steps between sides that can still count.
                if piecesOfGroup[f.group] == 1 { state.readableSteps(f) }
                continue
            }
            state.classify(formula)
        }
        state.finish()
        return state.reading
    }
}

/// One formula: its sides (possibly continued over `&=` rows), or why it
/// could not be cut into sides.
enum FoundFormula {
    case sides(FormulaSides)
    case failed(SourceError)
}

struct PendingNumeric {
    var line: Int
    var text: String
    var expression: WrittenExpression
    /// The point as it stood on the step's line (a time in `ReadingState.history`).
    var pointTime: Int
    var value: Double
    var tolerance: Double
    var written: String
    var decimals: Int
    var redefined: [String]
}

struct PendingUpdate {
    var claim: Claim
    var parameter: String
    var column: Int
}

/// The reader's state while it walks the document.
struct ReadingState {
    let doc: DocumentText
    var reading = DocumentReading()
    var side: LatexSideReader
    /// The symbol a redefined name stands for now (`y_hat` → `y_hat_v3`).
    var current: [String: String] = [:]
    var versions: [String: Int] = [:]
    /// The written name of each later version (`y_hat_v2` → `y_hat`).
    var baseOf: [String: String] = [:]
    /// Each defined symbol: its line, the names it uses, its text.
    var defined: [String: (line: Int, uses: Set<String>, text: String)] = [:]
    /// The point now, and as it stood at each earlier binding.
    var point: [String: Double] = [:]
    var history = PointHistory()
    var lossSettingAdded = false
    /// Functions the document defines (`f(w) = …`): where, and how written.
    var functionLines: [String: (line: Int, text: String)] = [:]
    var notation: [String: String] = [:]
    var seenReadings: Set<String> = []
    var pendingNumeric: [PendingNumeric] = []
    var pendingUpdates: [PendingUpdate] = []
    var lossDirective: String?
    var rateDirective: String?
    var lossChoice: String?
    var lossLine = 0
    /// The loss the update rules are checked against.
    var lossUsed: String?
    var matrices = MatrixScope()

    init(doc: DocumentText) {
        self.doc = doc
        side = LatexSideReader(doc: doc, knownNames: [])
    }

    static let lossNames = ["L", "L_cal", "E", "E_cal", "J", "J_cal", "C", "C_cal", "loss", "ell"]
    static let newSuffixes = ["__new", "_new", "__tp1", "_tp1", "__kp1", "_kp1"]
    static let oldSuffixes = ["__old", "_old", "__t", "_t", "__k", "_k"]

    mutating func apply(_ directives: DocumentDirectives) {
        lossDirective = directives.loss
        rateDirective = directives.rate
        for text in directives.lets {
            do {
                let (name, macro) = try DocumentDirectives.macro(text)
                side.macros[name] = macro
            } catch {
                reading.errors.append(SourceError(message: "the directive 'let \(text)' cannot be read: \(error)",
                                                  line: 1, column: 1, sourceLine: reading.lines.first ?? ""))
            }
        }
    }

    // MARK: Finding formulas

    /// Every row of every region, cut at relations; a row that starts with a
    /// relation (`&= …`) continues the chain of the row before it.
    mutating func formulas(_ regions: [MathRegion]) -> [FoundFormula] {
        var found: [FoundFormula] = []
        var group = 0
        var open: FormulaSides?
        for region in regions {
            // `$$A = B$$ $$= C$$`: a display that starts with a relation continues
            // the chain of the display just before it, when only blanks lie between.
            if let previous = open, !(region.display && onlyBlanks(from: previous.row.start + previous.row.scalars.count, to: region.content.lowerBound)) {
                found.append(.sides(previous))
                open = nil
            }
            for var row in RowSplitter.rows(of: region, in: doc) {
                FormulaCleaner.clean(&row)
                if row.isBlank { continue }
                let pieces: [FormulaSides]
                do {
                    pieces = try FormulaSides.split(row)
                } catch {
                    if let previous = open { found.append(.sides(previous)); open = nil }
                    found.append(.failed(side.located(error, in: row)))
                    continue
                }
                group += 1
                for var piece in pieces {
                    piece.group = group
                    if piece.isEmpty(0), !piece.relations.isEmpty, let previous = open {
                        open = previous.continued(by: piece)
                        continue
                    }
                    if let previous = open { found.append(.sides(previous)) }
                    open = piece
                }
            }
        }
        if let previous = open { found.append(.sides(previous)) }
        reading.formulaCount = found.count
        return found
    }

    func onlyBlanks(from start: Int, to end: Int) -> Bool {
        guard start <= end else { return false }
        return doc.scalars[start..<end].allSatisfy { FormulaCleaner.isBlank($0) || $0 == "$" || $0 == "[" || $0 == "]" || $0 == "\\" }
    }

    /// The names the document writes on their own (single letters, Greek,
    /// decorated or indexed names), which a letter run such as `wx` may split into.
    mutating func collectNames(_ formulas: [FoundFormula]) {
        var names: Set<String> = []
        var whole = side
        whole.knownNames = []
        for case .sides(let f) in formulas {
            for k in f.sides.indices where !f.isEmpty(k) {
                guard let read = try? whole.read(f, k, rename: [:]) else { continue }
                for s in read.written.expr.freeSymbols + read.written.derivatives.flatMap(\.function.freeSymbols) {
                    guard let name = s.symbolName, !DerivativeSyntax.isReserved(name) else { continue }
                    if name.count == 1 || read.notation[name] != nil { names.insert(name) }
                }
                for term in read.written.derivatives { names.insert(term.variable) }
            }
        }
        side.knownNames = names
    }

    /// The rows with a side that cannot be read, with the first error: a
    /// list such as `L = -\log p_t, \quad p_t = …` is not read in part.
    func unreadableRows(_ formulas: [FoundFormula]) -> [Int: SourceError] {
        var failed: [Int: SourceError] = [:]
        for case .sides(let f) in formulas where failed[f.group] == nil {
            for k in f.sides.indices where !f.isEmpty(k) {
                do {
                    _ = try side.read(f, k, rename: [:])
                } catch {
                    failed[f.group] = side.located(error, in: f.row)
                    break
                }
            }
        }
        return failed
    }

    /// The runs of two or more neighbouring sides of `f` that can be read,
    /// each checked as a chain of its own: `A = B = \sum_j … = D = E` still
    /// checks A = B and D = E, never a step across the side it cannot read.
    mutating func readableSteps(_ f: FormulaSides) {
        guard f.sides.count >= 3, f.relations.allSatisfy({ $0 == .equals || $0 == .approximately }) else { return }
        var readable = f.sides.indices.map { k in !f.isEmpty(k) && (try? side.read(f, k, rename: [:])) != nil }
        // `y = … ` for a y not yet defined would have been a definition: not a claim about y.
        if let name = (try? side.read(f, 0, rename: current))?.name, defined[name] == nil, point[name] == nil { readable[0] = false }
        var start = 0
        while start < f.sides.count {
            guard readable[start] else { start += 1; continue }
            var end = start
            while end + 1 < f.sides.count, readable[end + 1] { end += 1 }
            if end > start {
                let run = FormulaSides(row: f.row, sides: Array(f.sides[start...end]), relations: Array(f.relations[start..<end]),
                                       relationTexts: Array(f.relationTexts[start..<end]), group: f.group)
                do {
                    try chain(run, from: 0)
                } catch let error as SourceError {
                    reading.errors.append(error)
                } catch {}
            }
            start = end + 1
        }
    }

    // MARK: Classification

    func position(_ f: FormulaSides) -> (line: Int, column: Int) {
        doc.position(of: f.row.start + (f.row.firstVisible ?? 0))
    }

    mutating func skip(_ f: FormulaSides, _ reason: String) {
        let (line, column) = position(f)
        reading.skipped.append(SkippedFormula(line: line, column: column, text: f.row.text, reason: reason))
    }

    mutating func classify(_ formula: FoundFormula) {
        switch formula {
        case .failed(let error):
            reading.errors.append(error)
        case .sides(let f):
            do {
                try classify(f)
            } catch let error as SourceError {
                reading.errors.append(error)
            } catch {
                let (line, column) = position(f)
                reading.errors.append(SourceError(message: "\(error)", line: line, column: column, sourceLine: doc.lineText(line)))
            }
        }
    }

    mutating func classify(_ f: FormulaSides) throws {
        if f.relations.isEmpty { return skip(f, "no relation: an expression on its own states nothing to check") }
        if let k = f.relations.firstIndex(where: { if case .other = $0 { return true } else { return false } }) {
            let symbol = f.relationTexts[k]
            let why = symbol == "\\in" ? "declares a set or a shape (matrices are not supported yet)"
                : "\(symbol) is a relation symdiff does not check (only =, \\approx and update arrows)"
            return skip(f, why)
        }
        if let k = f.sides.indices.first(where: { f.isEmpty($0) }) {
            return skip(f, k == 0 ? "nothing before the first relation" : "nothing after a relation")
        }
        let (line, _) = position(f)
        // Function definitions: `f(x) = …` for a function not known.
        if let (name, parameters) = functionDefinition(f.text(0)) {
            if !f.relations.allSatisfy({ $0 == .equals }) { return skip(f, "a function definition with an update arrow") }
            var body = side
            body.knownNames = (side.knownNames ?? []).union(parameters)
            let value = try body.read(f, 1, rename: current)
            side.macros[name] = LatexMacro(parameters: parameters, body: value.written.expr)
            functionLines[name] = (line, "the function \(f.text(0)) = \(f.text(1))")
            reading.notes.append(DocumentNote(line: line, text: "defines the function \(name)(\(parameters.joined(separator: ", "))) = \(f.text(1))"))
            if f.sides.count > 2 { try chain(f, from: 1) }
            return
        }
        var placeholders = 0
        let first = try read(f, 0, &placeholders)
        if f.relations[0] == .assignment {
            guard f.relations.count == 1, let name = first.name else { return skip(f, "an update arrow needs a parameter on its left") }
            if f.relationTexts[0] == ":=", defined[name] == nil, !f.text(1).contains(f.text(0)) {
                return try define(name, f, first, line: line)
            }
            return try update(parameter: name, f, first, line: line)
        }
        guard let name = first.name, f.relations[0] == .equals || f.relations[0] == .approximately && defined[first.name!] == nil else {
            return try chain(f, from: 0)
        }
        if let base = ReadingState.newSuffixes.first(where: { name.hasSuffix($0) && name.count > $0.count }).map({ String(name.dropLast($0.count)) }),
           defined[name] == nil {
            return try update(parameter: base, f, first, line: line)
        }
        if defined[name] == nil {
            let value = try read(f, 1, &placeholders)
            if value.isNumber {
                bind(name, value, line: line, display: first.notation[name] ?? name)
                if f.sides.count > 2 { try chain(f, from: 1) }
                return
            }
            if f.relations[0] == .approximately { return try chain(f, from: 0) }
            try define(name, f, first, line: line)
            return
        }
        let value = try read(f, 1, &placeholders)
        if value.isNumber || isNumberAtPoint(value.written) {
            return try chain(f, from: 0)
        }
        try define(name, f, first, line: line)
    }

    /// Reads side `k`, numbering its derivatives after the sides before it.
    mutating func read(_ f: FormulaSides, _ k: Int, _ placeholders: inout Int) throws -> ReadSide {
        let read = try side.read(f, k, rename: current, firstPlaceholder: placeholders)
        placeholders += read.written.derivatives.count
        for (name, latex) in read.notation where notation[name] == nil { notation[name] = latex }
        for reading in read.readings where seenReadings.insert(reading).inserted {
            self.reading.notes.append(DocumentNote(line: read.written.line, text: reading))
        }
        return read
    }

    /// `NAME = EXPR …`: defines (or redefines) NAME as the first right side.
    mutating func define(_ name: String, _ f: FormulaSides, _ first: ReadSide, line: Int) throws {
        var placeholders = first.written.derivatives.count
        let value = try read(f, 1, &placeholders)
        var symbol = name
        // A name that was a function (`f(w) = Aw`) and is now a value
        // (`f = g(h(x))`) is a new meaning: uses before this line keep the
        // old one, so a claim about the function never reads this value.
        let previous = defined[name] ?? functionLines[baseName(name)].map { (line: $0.line, uses: Set<String>(), text: $0.text) }
        if let previous {
            let base = baseName(name)
            let version = (versions[base] ?? 1) + 1
            versions[base] = version
            symbol = "\(base)_v\(version)"
            current[base] = symbol
            baseOf[symbol] = base
            reading.notes.append(DocumentNote(line: line, text: "line \(line) redefines \(notation[name] ?? base), was \(previous.text) (line \(previous.line))"))
        }
        let uses = ReadingState.uses(of: value.written)
        defined[symbol] = (line, uses, value.written.text)
        if symbol != name, let latex = notation[name] { notation[symbol] = latex }
        let (_, column) = position(f)
        reading.statements.append(.definition(Definition(name: symbol, value: value.written, line: line, column: column)))
        if ReadingState.lossNames.contains(baseName(name)) { lossChoice = symbol; lossLine = line }
        if f.sides.count > 2 { try chain(f, from: 1) }
    }

    func baseName(_ symbol: String) -> String { baseOf[symbol] ?? symbol }

    mutating func bind(_ name: String, _ value: ReadSide, line: Int, display: String) {
        point[name] = value.number!
        history.bind(name, value.number!)
        reading.notes.append(DocumentNote(line: line, text: "the point: \(display) = \(value.written.text)"))
    }

    /// The names an expression uses, through its derivatives.
    static func uses(of w: WrittenExpression) -> Set<String> {
        var names: Set<String> = []
        for s in w.expr.freeSymbols + w.derivatives.flatMap(\.function.freeSymbols) {
            if let name = s.symbolName, !DerivativeSyntax.isReserved(name) { names.insert(name) }
        }
        return names
    }

    /// The free symbols an expression comes down to through the definitions so far.
    func leaves(_ names: Set<String>) -> Set<String> {
        var out: Set<String> = []
        var seen: Set<String> = []
        var stack = Array(names)
        while let name = stack.popLast() {
            guard seen.insert(name).inserted else { continue }
            if let d = defined[name] { stack += d.uses } else { out.insert(name) }
        }
        return out
    }

    func isNumberAtPoint(_ w: WrittenExpression) -> Bool {
        leaves(ReadingState.uses(of: w)).allSatisfy { point[$0] != nil }
    }

    /// `f(x) = …` or `\text{activation}(z) = …` for a function that is not known.
    func functionDefinition(_ text: String) -> (String, [String])? {
        guard text.hasSuffix(")"), let open = text.firstIndex(of: "(") else { return nil }
        var name = String(text[..<open]).trimmingBlanks()
        for font in ["\\text{", "\\mathrm{", "\\operatorname{", "\\mathit{"] where name.hasPrefix(font) && name.hasSuffix("}") {
            name = String(name.dropFirst(font.count).dropLast())
        }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(LatexLetters.isLetter) else { return nil }
        if Function.named(name) != nil || ["sigma", "relu", "ReLU", "Relu", "max", "min", "sqrt"].contains(name) || side.macros[name] != nil {
            return nil
        }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        if inner.contains("(") || inner.contains(")") { return nil }
        var parameters: [String] = []
        for piece in inner.split(separator: ",") {
            guard let read = try? LatexExpression.read(String(piece), context: LatexContext(knownNames: [])),
                  let p = read.expr.symbolName else { return nil }
            parameters.append(p)
        }
        return parameters.isEmpty ? nil : (name, parameters)
    }

    // MARK: Claims

    /// The claim made by sides `from…` of a formula: a chain of symbolic
    /// equalities, or, when a side is a written number, numeric steps at the point.
    mutating func chain(_ f: FormulaSides, from start: Int) throws {
        var placeholders = 0
        var sides: [ReadSide] = []
        for k in f.sides.indices { let s = try read(f, k, &placeholders); if k >= start { sides.append(s) } }
        let (line, _) = position(f)
        let text = (start..<f.sides.count).map { f.text($0) }.joined(separator: " = ")
        if sides.count < 2 { return }
        if !sides.contains(where: \.isNumber) {
            reading.statements.append(.claim(Claim(line: line, text: text, kind: .equalities(sides.map(\.written)))))
            noteVersions(sides.map(\.written), line: line)
            return
        }
        let relations = Array(f.relations[start...])
        for i in 0..<(sides.count - 1) {
            numericStep(sides[i], sides[i + 1], line: line, approximate: relations[i] == .approximately)
        }
        if sides.count > 2 {
            numericStep(sides[0], sides[sides.count - 1], line: line, whole: true, approximate: relations.contains(.approximately))
        }
    }

    /// Which definition a claim reads for each redefined name it uses.
    mutating func noteVersions(_ sides: [WrittenExpression], line: Int) {
        let used = sides.reduce(into: Set<String>()) { $0.formUnion(ReadingState.uses(of: $1)) }
        for symbol in used.sorted() where baseOf[symbol] != nil {
            let note = "note: \(notation[symbol] ?? baseOf[symbol]!) here is the one redefined on line \(defined[symbol]!.line): \(defined[symbol]!.text)"
            if reading.claimNotes[line]?.contains(note) != true { reading.claimNotes[line, default: []].append(note) }
        }
    }

    /// An integer written after `\approx` claims ±½ in its last digit.
    static func approximateRadius(_ side: ReadSide, _ approximate: Bool) -> Double {
        approximate && side.decimals.isEmpty ? 0.5 : 0
    }

    mutating func numericStep(_ a: ReadSide, _ b: ReadSide, line: Int, whole: Bool = false, approximate: Bool = false) {
        let text = (whole ? "whole chain: " : "") + "\(a.written.text) = \(b.written.text)"
        let expression: WrittenExpression
        let value: Double
        var tolerance: Double
        var written: String
        var decimals: Int
        if let bn = b.number {
            expression = a.written
            value = bn
            tolerance = b.radius + a.radius + ReadingState.approximateRadius(b, approximate)
            written = b.written.text
            decimals = b.decimals.last.map(ReadingState.places) ?? 0
        } else if let an = a.number {
            expression = b.written
            value = an
            tolerance = a.radius + ReadingState.approximateRadius(a, approximate)
            written = a.written.text
            decimals = a.decimals.last.map(ReadingState.places) ?? 0
        } else {
            let w = a.written
            expression = WrittenExpression(expr: w.expr - b.written.expr, derivatives: w.derivatives + b.written.derivatives,
                                           text: "\(w.text) - (\(b.written.text))", line: w.line, column: w.column,
                                           names: w.names.merging(b.written.names) { x, _ in x }, lineText: w.lineText)
            value = 0
            tolerance = 0
            written = "0"
            decimals = 6
        }
        let redefined = Array(ReadingState.uses(of: expression).filter { baseOf[$0] != nil })
        pendingNumeric.append(PendingNumeric(line: line, text: text, expression: expression, pointTime: history.now, value: value,
                                             tolerance: tolerance, written: written, decimals: decimals, redefined: redefined))
    }

    static func places(_ digits: String) -> Int {
        guard let dot = digits.firstIndex(of: ".") else { return 0 }
        return digits.distance(from: dot, to: digits.endIndex) - 1
    }

    /// `w \leftarrow w - \alpha …` or `w^{new} = w^{old} - …`.
    mutating func update(parameter: String, _ f: FormulaSides, _ first: ReadSide, line: Int) throws {
        var placeholders = first.written.derivatives.count
        var rule = try read(f, 1, &placeholders).written
        var map: [Expr: Expr] = [:]
        for suffix in ReadingState.oldSuffixes where rule.names[parameter + suffix] != nil {
            map[.symbol(parameter + suffix)] = .symbol(parameter)
        }
        if !map.isEmpty {
            rule = WrittenExpression(
                expr: rule.expr.substituting(map),
                derivatives: rule.derivatives.map {
                    DerivativeTerm(placeholder: $0.placeholder, function: $0.function.substituting(map), functionText: $0.functionText,
                                   variable: map[.symbol($0.variable)]?.symbolName ?? $0.variable, line: $0.line, column: $0.column,
                                   functionColumn: $0.functionColumn, variableColumn: $0.variableColumn)
                },
                text: rule.text, line: rule.line, column: rule.column, names: rule.names, lineText: rule.lineText)
        }
        let (_, column) = position(f)
        let claim = Claim(line: line, text: f.row.text,
                          kind: .update(UpdateRule(parameter: parameter, parameterColumn: column, rule: rule)))
        if lossDirective == nil, let loss = lossChoice, !lossSettingAdded {
            lossSettingAdded = true
            reading.statements.append(.setting(Setting(key: .loss, value: WrittenExpression(
                expr: .symbol(loss), derivatives: [], text: notation[loss] ?? loss, line: lossLine, column: 1,
                names: [loss: 1], lineText: doc.lineText(lossLine)))))
        }
        if lossUsed == nil { lossUsed = lossChoice }
        noteVersions([rule], line: line)
        pendingUpdates.append(PendingUpdate(claim: claim, parameter: parameter, column: column))
    }

    // MARK: Finishing

    /// Numeric steps and update rules, now that every definition is known.
    mutating func finish() {
        if let loss = lossDirective, let w = directiveExpression(loss) {
            reading.statements.insert(.setting(Setting(key: .loss, value: w)), at: 0)
        }
        if let rate = rateDirective, let w = directiveExpression(rate) {
            reading.statements.insert(.setting(Setting(key: .rate, value: w)), at: 0)
        }
        let lossLeaves = leaves([lossUsed ?? ""])
        for pending in pendingUpdates {
            if lossDirective == nil, !lossLeaves.contains(pending.parameter) {
                reading.skipped.append(SkippedFormula(line: pending.claim.line, column: pending.column, text: pending.claim.text,
                                                      reason: "a generic rule: \(notation[pending.parameter] ?? pending.parameter) is not a symbol of the loss"))
                continue
            }
            reading.statements.append(.claim(pending.claim))
        }
        let definedAnywhere = Set(defined.keys)
        var kept: [Statement] = []
        for statement in reading.statements {
            if case .claim(let claim) = statement, case .equalities(let sides) = claim.kind, let reason = undefinedDerivative(sides) {
                reading.undecided.append(UndecidedStep(line: claim.line, text: claim.text, reason: reason))
            } else {
                kept.append(statement)
            }
        }
        reading.statements = kept
        let pointNames = history.sortedNames
        for pending in pendingNumeric {
            if let reason = undefinedDerivative([pending.expression]) {
                reading.undecided.append(UndecidedStep(line: pending.line, text: pending.text, reason: reason))
                continue
            }
            let needed = leaves(ReadingState.uses(of: pending.expression))
            let missing = needed.filter { history.value($0, at: pending.pointTime) == nil }.sorted()
            if !missing.isEmpty {
                var reason = "no value at the point for " + missing.map { notation[$0] ?? $0 }.joined(separator: ", ")
                let hints = missing.compactMap { m in
                    history.first(withPrefix: m + "_", at: pending.pointTime, in: pointNames).map { "the point has \(notation[$0] ?? $0), not \(notation[m] ?? m)" }
                }
                if !hints.isEmpty { reason += " (" + hints.joined(separator: "; ") + ")" }
                for symbol in pending.redefined.sorted() {
                    let shown = notation[symbol] ?? symbol
                    reason += "; \(shown) here is the one redefined on line \(defined[symbol]!.line)"
                }
                reading.undecided.append(UndecidedStep(line: pending.line, text: pending.text, reason: reason))
                continue
            }
            let items = needed.sorted().filter { !definedAnywhere.contains($0) }
                .map { PointItem.value(name: $0, value: history.value($0, at: pending.pointTime)!, column: 1) }
            reading.statements.append(.claim(Claim(line: pending.line, text: pending.text, kind: .numeric(NumericClaim(
                expression: pending.expression, point: items, value: pending.value, tolerance: pending.tolerance,
                writtenValue: pending.written, toleranceWritten: false, decimals: pending.decimals)))))
        }
        var written = notation
        for (symbol, base) in baseOf where written[symbol] == nil { written[symbol] = notation[base] ?? base }
        reading.names = DisplayNames(written)
        reading.statements.sort { $0.line < $1.line }
        reading.skipped.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        reading.errors.sort { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Why a derivative in these sides cannot be worked out: it differentiates
    /// a name the document gives no formula for (only, perhaps, a value).
    func undefinedDerivative(_ sides: [WrittenExpression]) -> String? {
        for side in sides {
            for term in side.derivatives {
                guard let name = term.function.symbolName, !DerivativeSyntax.isReserved(name), defined[name] == nil else { continue }
                let shown = notation[name] ?? name
                return "\(shown) has no formula in the document\(point[name] != nil ? ", only a value" : ""), so its derivative cannot be worked out"
            }
        }
        return nil
    }

    func directiveExpression(_ text: String) -> WrittenExpression? {
        guard let read = try? LatexExpression.read(text, context: LatexContext(knownNames: side.knownNames)) else { return nil }
        let expr = Naming.renamed(read.expr, current)
        return WrittenExpression(expr: expr, derivatives: [], text: text, line: 1, column: 1,
                                 names: Dictionary(expr.freeSymbols.compactMap(\.symbolName).map { ($0, 1) }, uniquingKeysWith: { a, _ in a }),
                                 lineText: doc.lineText(1))
    }
}

extension FormulaSides {
    /// This formula's chain continued by a row that starts with a relation.
    func continued(by next: FormulaSides) -> FormulaSides {
        // One row over both pieces' document range; what lies between is blank.
        let shift = next.row.start - row.start
        var scalars = row.scalars
        let end = max(scalars.count, shift + next.row.scalars.count)
        if scalars.count < end { scalars += Array(repeating: " ", count: end - scalars.count) }
        for (i, c) in next.row.scalars.enumerated() where !FormulaCleaner.isBlank(c) { scalars[shift + i] = c }
        let merged = FormulaRow(scalars: scalars, start: row.start, display: row.display)
        let shifted = next.sides.dropFirst().map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
        // This formula's last side ends where the next row's first relation starts.
        var mine = sides
        let last = mine[mine.count - 1]
        mine[mine.count - 1] = last.lowerBound..<max(last.lowerBound, min(last.upperBound, next.sides[0].upperBound + shift))
        return FormulaSides(row: merged, sides: mine + shifted, relations: relations + next.relations,
                            relationTexts: relationTexts + next.relationTexts, group: group)
    }
}
