/// The numeric witness: evaluates both sides at seeded random points.
struct NumericWitness {
    let a: Expr, b: Expr
    let options: EquivalenceOptions
    let symbols: [String]
    let kinks: [Expr]
    /// Both sides' distinct nodes, children first, with each node's children
    /// as indices and whether it belongs to a's and to b's DAG: every sample
    /// point is one pass over this, with no traversal or hashing of nodes
    /// (the witness dominates the cost of a proof).
    private let order: [Expr]
    /// Node i's children are `childFlat[childStart[i]..<childStart[i + 1]]`.
    private let childStart: [Int], childFlat: [Int]
    /// Per node of `order`, a number's value (computed once, not per point).
    private let constants: [Double?]
    private let inA: [Bool], inB: [Bool]
    private let rootA: Int, rootB: Int
    /// Per node of `order`, its symbol's position in `symbols`, or -1.
    private let symbolSlots: [Int]
    private let slotOfName: [String: Int]

    init(_ a: Expr, _ b: Expr, options: EquivalenceOptions) {
        self.a = a
        self.b = b
        self.options = options
        let order = Expr.postOrder([a, b])
        self.order = order
        symbols = order.compactMap(\.symbolName).sorted()
        kinks = Expr.kinks(inPostOrder: order)
        var index: [ObjectIdentifier: Int] = [:]
        index.reserveCapacity(order.count)
        for (i, node) in order.enumerated() { index[ObjectIdentifier(node.node)] = i }
        (rootA, rootB) = (index[ObjectIdentifier(a.node)]!, index[ObjectIdentifier(b.node)]!)
        // (A name listed twice takes its last value, as a dictionary built in order would.)
        let slot = Dictionary(symbols.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, last in last })
        slotOfName = slot
        symbolSlots = order.map { node in node.symbolName.map { slot[$0]! } ?? -1 }
        var childStart = [0], childFlat: [Int] = []
        for node in order {
            for child in node.node.children { childFlat.append(index[ObjectIdentifier(child.node)]!) }
            childStart.append(childFlat.count)
        }
        (self.childStart, self.childFlat) = (childStart, childFlat)
        constants = order.map { $0.numberValue?.doubleValue }
        // Parents come after their children: a backward sweep marks each root's DAG.
        func reachable(from root: Int) -> [Bool] {
            var marked = [Bool](repeating: false, count: order.count)
            marked[root] = true
            for i in order.indices.reversed() where marked[i] {
                for k in childStart[i]..<childStart[i + 1] { marked[childFlat[k]] = true }
            }
            return marked
        }
        inA = reachable(from: rootA)
        inB = reachable(from: rootB)
    }

    /// The undefined functions of either side with the concrete function
    /// each is evaluated as (`f(x)` = `0.83*sin(1.21*x + 0.4) + ...`).
    var undefinedFunctions: [(name: String, definition: String)] {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for node in Expr.postOrder([a, b]) {
            guard let u = node.function?.undefined, seen.insert(u.name).inserted else { continue }
            let variables = u.arity == 1 ? "x" : (1...u.arity).map { "x\($0)" }.joined(separator: ", ")
            out.append(("\(u.name)(\(variables))", u.concrete))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    struct Result {
        var agreeing = 0
        var differing = 0
        var counterexample: Counterexample?
    }

    func run() -> Result {
        var result = Result()
        var rng = SplitMix64(seed: options.seed)
        var attempts = 0
        // Each kink's argument must be seen positive and negative.
        var kinkSides = Array(repeating: (positive: false, negative: false), count: kinks.count)
        let maxAttempts = options.samples * 25
        while attempts < maxAttempts {
            let enough = result.agreeing + result.differing >= options.samples
            let kinksCovered = kinkSides.allSatisfy { $0.positive && $0.negative }
            if enough && (kinksCovered || attempts > options.samples * 10) { break }
            let values = samplePoint(&rng, attempt: attempts)
            attempts += 1
            guard let comparison = compare(at: values) else { continue }
            // Points on a kink use the documented convention; they are not evidence either way.
            var onKink = false
            let point = kinks.isEmpty ? [:] : named(values)
            for (i, kink) in kinks.enumerated() {
                guard let v = try? kink.evaluateWithScale(at: point) else { onKink = true; continue }
                if Swift.abs(v.value) <= 1e-9 * Swift.max(1, v.scale) { onKink = true }
                if v.value > 0 { kinkSides[i].positive = true } else if v.value < 0 { kinkSides[i].negative = true }
            }
            if onKink { continue }
            if comparison.equal {
                result.agreeing += 1
            } else if confirm(values) {
                result.differing += 1
                if result.counterexample == nil {
                    result.counterexample = Counterexample(point: symbols.map { ($0, values[slotOfName[$0]!]) },
                                                           lhs: comparison.lhs, rhs: comparison.rhs,
                                                           functions: undefinedFunctions)
                }
            }
        }
        return result
    }

    /// Values from several scales and signs; every third point is all-positive
    /// so that expressions with logs and square roots get defined samples.
    /// (The values are in `symbols` order.)
    func samplePoint(_ rng: inout SplitMix64, attempt: Int) -> [Double] {
        var point: [Double] = []
        point.reserveCapacity(symbols.count)
        for _ in symbols {
            let value: Double
            switch attempt % 6 {
            case 0, 3: value = rng.nextUniform(in: 0.05...3)
            case 1: value = rng.nextUniform(in: -2...2)
            case 2: value = rng.nextUniform(in: -5...5)
            case 4: value = rng.nextUniform(in: -1...1)
            default: value = rng.nextUniform(in: -0.5...4)
            }
            // Round to a few digits so counterexamples are easy to read and re-enter.
            point.append((value * 1000).rounded() / 1000)
        }
        return point
    }

    /// Both sides' values at `point` (nil where either is undefined or
    /// overflows), equal within the tolerance scaled by the largest
    /// intermediate magnitude — what `evaluateWithScale` gives for each side,
    /// computed in one pass over the shared nodes.
    func compare(at point: [Double]) -> (equal: Bool, lhs: Double, rhs: Double)? {
        var values = [Double](repeating: 0, count: order.count)
        var operands: [Double] = []
        var (scaleA, scaleB) = (0.0, 0.0)
        for i in order.indices {
            let v: Double
            if symbolSlots[i] >= 0 {
                v = point[symbolSlots[i]]
            } else if let c = constants[i] {
                v = c
            } else {
                operands.removeAll(keepingCapacity: true)
                for k in childStart[i]..<childStart[i + 1] { operands.append(values[childFlat[k]]) }
                guard let value = try? Expr.evaluateNode(order[i], operands, point: [:]) else { return nil }
                v = value
            }
            guard v.isFinite else { return nil }
            values[i] = v
            if inA[i] { scaleA = Swift.max(scaleA, Swift.abs(v)) }
            if inB[i] { scaleB = Swift.max(scaleB, Swift.abs(v)) }
        }
        let (x, y) = (values[rootA], values[rootB])
        let scale = Swift.max(1e-300, scaleA, scaleB)
        let equal = Swift.abs(x - y) <= options.relativeTolerance * scale
        return (equal, x, y)
    }


    /// A difference counts only if it persists at a nearby point, so rounding
    /// noise at one unlucky point is not reported as a counterexample.
    func confirm(_ point: [Double]) -> Bool {
        let nearby = point.map { $0 * (1 + 1e-7) + 1e-9 }
        guard let again = compare(at: nearby) else { return true }
        return !again.equal
    }

    /// A point as `evaluate` takes it.
    func named(_ values: [Double]) -> [String: Double] {
        Dictionary(zip(symbols, values), uniquingKeysWith: { _, last in last })
    }
}

extension Expr {
    /// The value and the largest magnitude of any intermediate value, which
    /// scales the tolerance for comparing two evaluations.
    func evaluateWithScale(at point: [String: Double]) throws -> (value: Double, scale: Double) {
        var scale = 0.0
        let value = try fold { node, operands in
            let value = try Expr.evaluateNode(node, operands, point: point)
            guard value.isFinite else { throw SymDiffError.nonFinite("overflow") }
            scale = Swift.max(scale, Swift.abs(value))
            return value
        }
        return (value, scale)
    }
}
