/// Words and commands in operand position: names, functions, fractions
/// (and the derivatives written as fractions), roots and `\partial_w`.
extension LatexParser {
    /// Skips what only spaces, sizes or labels a formula: `\,`, `\quad`,
    /// `\big`, `\left`/`\right` (the delimiter after them is read as usual),
    /// `\tag{…}`, `\label{…}`.
    mutating func skipIgnorable() throws(LatexError) {
        while case .command(let name) = tokens[index].kind {
            if LatexNames.spacing.contains(name) {
                index += 1
            } else if name == "left" || name == "right" {
                index += 1
                if case .symbol(".") = tokens[index].kind { index += 1 }
            } else if LatexNames.dropped.contains(name) {
                index = try argumentRange(at: index + 1).next
            } else {
                return
            }
        }
    }

    mutating func readWord(_ token: Token) throws(LatexError) {
        guard case .command(let name) = token.kind else {
            try readName()
            return
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            index += 1
            try readFraction(at: index - 1)
        case "sqrt":
            index += 1
            if case .symbol("[") = tokens[index].kind {
                index += 1
                frames.append(Frame(purpose: .sqrtIndex, closer: .bracket("]"), start: index - 1))
            } else {
                try openArgument(purpose: .sqrtBody(index: nil))
            }
        case "partial":
            try readPartialOperator()
        case "{":
            index += 1
            frames.append(Frame(purpose: .group, closer: .bracket("\\}"), start: index - 1))
        case "lvert", "vert":
            index += 1
            frames.append(Frame(purpose: .absolute, closer: .abs, start: index - 1))
        case "min":
            index += 1
            try expectCall(.max, name: "\\min", offset: token.offset) { _ in .minimum(arguments: [], offset: token.offset) }
        case "sigma":
            if isApplied(after: index + 1) {
                index += 1
                try readFunction(.sigmoid, offset: token.offset)
            } else {
                try readName()
            }
        case _ where LatexNames.wrappers.contains(name):
            index += 1
            try openArgument(purpose: .group)
        case _ where LatexNames.greek.contains(name) || LatexNames.accents[name] != nil || LatexNames.fonts[name] != nil:
            try readName()
        case "|":
            throw error("a norm (\\|…\\|) needs vectors, which are not supported yet")
        case "ldots", "cdots", "dots", "vdots", "ddots":
            throw error("an ellipsis (\(token.text)) leaves terms out, so it cannot be checked")
        case "sum", "prod", "int", "lim", "nabla":
            throw error("\(token.text) is not supported yet")
        case "infty":
            throw error("\\infty is not a number symdiff computes with")
        case "begin":
            try readEnvironment(token)
        default:
            if let f = LatexNames.function(name) {
                index += 1
                try readFunction(f, offset: token.offset)
            } else if LatexNames.relations[name] != nil || LatexNames.products.contains(name) {
                throw error("expected a number, name or '(' but found '\(token.text)'")
            } else {
                throw error("unknown LaTeX command \(token.text)")
            }
        }
    }

    /// Whether a function name ending before `i` is applied: followed by
    /// `(`, a prime, or a power and then `(`; or by a group that opens with
    /// `(`, as SymPy and symdiff print it: `\sigma{\left(z \right)}`.
    func isApplied(after start: Int) -> Bool {
        var i = start
        while true {
            switch tokens[i].kind {
            case .symbol("("), .symbol("'"): return true
            case .open:
                var j = i + 1
                while case .command(let name) = tokens[j].kind, LatexNames.spacing.contains(name) { j += 1 }
                if case .symbol("(") = tokens[j].kind { return true }
                if case .command("left") = tokens[j].kind { return true }
                return false
            case .command(let name) where LatexNames.spacing.contains(name) || name == "left": i += 1
            case .symbol("^"):
                guard !isIndexSuperscript(i + 1), let argument = try? argumentRange(at: i + 1) else { return false }
                i = argument.next
            default: return false
            }
        }
    }

    /// A name, a letter run split into names, `e^{…}`, or a function written
    /// as a name (`\text{ReLU}(z)`, `\operatorname{relu}`).
    mutating func readName() throws(LatexError) {
        let single = top.closer == .single
        let scanned = try scanName(at: index, singleLetter: single)
        let offset = tokens[index].offset
        if scanned.scripts.isEmpty, let word = scanned.run ?? scanned.styled, let macro = context.macros[word],
           case .symbol("(") = tokens[scanned.next].kind {
            index = scanned.next + 1
            frames.append(Frame(purpose: .macro(macro, name: word, arguments: [], offset: offset), closer: .bracket(")"), start: index - 1))
            return
        }
        if scanned.scripts.isEmpty, let word = scanned.run ?? scanned.styled,
           let f = LatexNames.function(word), word.count > 1, isApplied(after: scanned.next) || scanned.run == nil {
            index = scanned.next
            try readFunction(f, offset: offset)
            return
        }
        if scanned.scripts.isEmpty, scanned.name == "e" || scanned.styled == "e", case .symbol("^") = tokens[scanned.next].kind,
           context.knownNames?.contains("e") != true {
            index = scanned.next + 1
            try readScript(purpose: .exponential)
            return
        }
        index = scanned.next
        guard let run = scanned.run else {
            try deliverSymbol(scanned.name, display: scanned.display)
            return
        }
        let split = pieces(of: run)
        for (i, piece) in split.enumerated() {
            if i > 0 { pushImplicitProduct() }
            if i == split.count - 1 {
                let display = scanned.display.dropFirst(run.count - piece.count)
                if scanned.scripts.isEmpty, piece == "e", case .symbol("^") = tokens[index].kind, context.knownNames?.contains("e") != true {
                    index += 1
                    try readScript(purpose: .exponential)
                } else {
                    try deliverSymbol(piece + scanned.scripts, display: String(display))
                }
            } else {
                try deliver(.symbol(piece))
            }
        }
    }

    /// After a function's name: `^2`, primes, then `(arguments)` or one factor.
    mutating func readFunction(_ f: Function, offset: Int) throws(LatexError) {
        var power = 1
        var prime = 0
        while true {
            if case .symbol("'") = tokens[index].kind {
                prime += 1
                index += 1
            } else if case .symbol("^") = tokens[index].kind {
                let argument = try argumentRange(at: index + 1)
                if argument.content.count == 1, case .command("prime") = tokens[argument.content.lowerBound].kind {
                    prime += 1
                } else {
                    var text = ""
                    for j in argument.content { text += tokens[j].text }
                    guard let n = Int(text), n >= 1 else {
                        throw error(text == "-1" ? "an inverse function (\(f.name)^{-1}) is not supported"
                                    : "write a power of \(f.name)(…) as a whole number, such as \\tanh^2(z)", at: index)
                    }
                    power = n
                }
                index = argument.next
            } else {
                break
            }
        }
        if prime > 0, f.arity != 1 {
            throw LatexError(offset: offset, "a prime (') needs a function of one argument, not \(f.name)")
        }
        try expectCall(f, name: f.name, offset: offset) { arguments in
            .call(f, power: power, prime: prime, arguments: arguments, offset: offset)
        } prefix: {
            .function(f, power: power, prime: prime, offset: offset)
        }
    }

    /// Opens the call's frame at `(`; without one, a function of one argument
    /// applies to the next factor (`\log x`).
    mutating func expectCall(_ f: Function, name: String, offset: Int, purpose: ([Expr]) -> Purpose,
                             prefix: (() -> Prefix)? = nil) throws(LatexError) {
        try skipIgnorable()
        if case .symbol("(") = tokens[index].kind {
            index += 1
            frames.append(Frame(purpose: purpose([]), closer: .bracket(")"), start: index - 1))
            return
        }
        guard f.arity == 1, let prefix else {
            throw LatexError(offset: offset, "\(name) needs its arguments in parentheses: \(name)(a, b)")
        }
        top.operators.append(.prefix(prefix()))
    }

    // MARK: Fractions and derivatives

    /// `\frac{a}{b}`, or a derivative written as one.
    mutating func readFraction(at command: Int) throws(LatexError) {
        if case .number(let digits) = tokens[index].kind, digits.count == 2, !digits.contains(".") {
            // `\frac12` is 1/2: TeX takes one digit per argument.
            index += 1
            try deliver(.rational(Int(String(digits.first!))!, Int(String(digits.last!))!))
            return
        }
        guard let derivative = try derivativeFraction(at: index) else {
            try openArgument(purpose: .fracNumerator(offset: tokens[command].offset))
            return
        }
        let function = derivative.function
        if function.isEmpty {
            // `\frac{d}{dz}` applies to the next factor.
            index = derivative.next
            top.operators.append(.prefix(.derivative(derivative.variables)))
            return
        }
        // `\frac{d\sigma}{dz}`: a function named alone is applied to the variable.
        if function.count == 1, derivative.variables.count == 1, case .command(let name) = tokens[function.lowerBound].kind,
           let f = LatexNames.function(name), f.arity == 1 {
            index = derivative.next
            try deliverDerivative(.apply(f, [.symbol(derivative.variables[0])]), derivative.variables, at: command)
            return
        }
        index = function.lowerBound
        frames.append(Frame(purpose: .derivative(variables: derivative.variables, resume: derivative.next),
                            closer: .brace, start: command))
    }

    mutating func deliverDerivative(_ function: Expr, _ variables: [String], at token: Int) throws(LatexError) {
        let value: Expr
        do {
            value = try context.derivative(function, variables)
        } catch {
            throw LatexError(offset: tokens[token].offset, "\(error)")
        }
        try deliver(value)
    }

    /// The parts of `\frac{\partial^n F}{\partial v_1 … \partial v_n}` or
    /// `\frac{dF}{dv}` at `i` (the fraction's first argument), or nil when the
    /// fraction is not a derivative.
    func derivativeFraction(at i: Int) throws(LatexError) -> (function: Range<Int>, variables: [String], next: Int)? {
        let numerator = try argumentRange(at: i)
        guard let denominator = try? argumentRange(at: numerator.next) else { return nil }
        var k = numerator.content.lowerBound
        guard k < numerator.content.upperBound, isDifferential(k) else { return nil }
        k += 1
        var order: Int?
        if case .symbol("^") = tokens[k].kind, k < numerator.content.upperBound {
            guard let argument = try? argumentRange(at: k + 1), argument.next <= numerator.content.upperBound else { return nil }
            var text = ""
            for j in argument.content { text += tokens[j].text }
            guard let n = Int(text), n >= 1 else { return nil }
            order = n
            k = argument.next
        }
        // The denominator: one or more ∂v or dv, each with an optional power.
        var variables: [String] = []
        var j = denominator.content.lowerBound
        while j < denominator.content.upperBound {
            guard isDifferential(j) else { return nil }
            j += 1
            guard j < denominator.content.upperBound, let name = try? scanName(at: j) else { return nil }
            guard name.next <= denominator.content.upperBound else { return nil }
            j = name.next
            var times = 1
            if j < denominator.content.upperBound, case .symbol("^") = tokens[j].kind {
                guard let argument = try? argumentRange(at: j + 1), let n = Int(argument.content.map { tokens[$0].text }.joined()),
                      n >= 1, argument.next <= denominator.content.upperBound else { return nil }
                times = n
                j = argument.next
            }
            variables += Array(repeating: name.name, count: times)
        }
        guard !variables.isEmpty else { return nil }
        if variables.count != (order ?? 1) {
            throw error("the order of this derivative (\(order ?? 1)) and its variables (\(variables.count)) do not match", at: i)
        }
        return (k..<numerator.content.upperBound, variables, denominator.next)
    }

    /// `\partial`, or a letter d that starts a differential (`dz`, `d\sigma`).
    func isDifferential(_ i: Int) -> Bool {
        switch tokens[i].kind {
        case .command("partial"): return true
        case .letter("d"): return true
        default: return false
        }
    }

    /// `\partial_w L` and `\partial_{w_1} L`: the derivative of the next factor.
    mutating func readPartialOperator() throws(LatexError) {
        let start = index
        index += 1
        guard case .symbol("_") = tokens[index].kind else {
            throw error("\\partial outside a derivative: write \\frac{\\partial L}{\\partial w} or \\partial_w L", at: start)
        }
        let argument = try argumentRange(at: index + 1)
        let name = try scanName(at: argument.content.lowerBound)
        guard name.next == argument.content.upperBound else {
            throw error("the variable of \\partial_{…} must be one name", at: argument.content.lowerBound)
        }
        if name.display != name.name, notation[name.name] == nil { notation[name.name] = name.display }
        index = argument.next
        top.operators.append(.prefix(.derivative([name.name])))
    }
}
