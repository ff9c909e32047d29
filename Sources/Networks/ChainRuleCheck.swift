import SymDiff

/// One verified claim: a derivative obtained by hand (the chain-rule product
/// of `factors`, or an identity's right-hand side) against the derivative
/// `diff` computes directly, decided by `Expr.checkEquivalence`.
///
/// ```swift
/// let net = ThreeLayerNetwork()
/// let check = try ChainRuleCheck.chainRule(net, parameter: net.W1)
/// check.manual      // (W2*sigmoid(W1*x + b1) + b2 - target)*W2*sigmoid(W1*x + b1)*(1 - sigmoid(W1*x + b1))*x
/// check.holds       // true: proved by normal form, confirmed at sample points
/// ```
public struct ChainRuleCheck: Sendable {
    /// What is checked, e.g. `dL/dW1` or `sigmoid' = sigmoid*(1 - sigmoid)`.
    public let name: String
    /// The chain-rule factors, outermost first (empty for an identity stated in closed form).
    public let factors: [ChainFactor]
    /// The hand derivation in inputs and parameters: the product of the
    /// factors' expanded forms, or the identity's right-hand side.
    public let manual: Expr
    /// The same derivative by `diff` (or reverse mode) on the whole expression.
    public let direct: Expr
    /// The verdict, its method, and a counterexample when refuted.
    public let result: EquivalenceCheck

    /// Compares `manual` with `direct`.
    ///
    /// ```swift
    /// let z = Expr.symbol("z")
    /// ChainRuleCheck(name: "relu' = heaviside", factors: [], manual: heaviside(z), direct: try relu(z).diff(z)).holds   // true
    /// ```
    public init(name: String, factors: [ChainFactor], manual: Expr, direct: Expr, options: EquivalenceOptions = .init()) {
        self.init(name: name, factors: factors, manual: manual, direct: direct,
                  result: Expr.checkEquivalence(manual, direct, options: options))
    }

    init(name: String, factors: [ChainFactor], manual: Expr, direct: Expr, result: EquivalenceCheck) {
        self.name = name
        self.factors = factors
        self.manual = manual
        self.direct = direct
        self.result = result
    }

    /// Whether equality is proved (a numeric agreement alone does not count).
    public var holds: Bool { result.verdict == .proved }

    /// The product of `factors` checked against `direct`.
    public init(name: String, factors: [ChainFactor], direct: Expr, options: EquivalenceOptions = .init()) {
        self.init(name: name, factors: factors, manual: Expr.mul(factors.map(\.expanded)), direct: direct, options: options)
    }
}

extension ChainRuleCheck {
    /// Seed 000 C.4 for one parameter of the seed network: ∂L/∂y · ∂y/∂a1 ·
    /// ∂a1/∂z1 · ∂z1/∂θ (each factor by `diff` with respect to the stage)
    /// against `diff(loss, θ)`.
    public static func chainRule(_ net: ThreeLayerNetwork, parameter: Expr, options: EquivalenceOptions = .init()) throws -> ChainRuleCheck {
        ChainRuleCheck(name: "dL/d\(parameter)", factors: try net.chainRuleFactors(parameter),
                       direct: try net.derivative(parameter), options: options)
    }

    /// The chain rule for every parameter of the seed network, W1, W2, b1, b2.
    public static func chainRule(_ net: ThreeLayerNetwork, options: EquivalenceOptions = .init()) throws -> [ChainRuleCheck] {
        try net.parameters.map { try chainRule(net, parameter: $0, options: options) }
    }

    /// Backpropagation for every parameter of a general network: δ^(l)_i ·
    /// a^(l−1)_j (the delta form, expanded) against the reverse-mode gradient.
    public static func backpropagation(_ net: Network, options: EquivalenceOptions = .init()) throws -> [ChainRuleCheck] {
        let bp = try net.backpropagation()
        let direct = try net.gradient()
        return net.parameters.indices.map { p in
            let chain = bp.gradientFactors[p].map { f in
                ChainFactor(label: f.description, staged: bp.deltaDefinition(of: f) ?? f, expanded: bp.expand(f))
            }
            let manual = bp.expand(bp.gradient[p])
            return ChainRuleCheck(name: "dL/d\(net.parameters[p])", factors: chain, manual: manual, direct: direct[p],
                                  result: decide(manual, direct[p], options: options))
        }
    }

    /// Expanded network gradients are large, and the normal form of each one
    /// rebuilds the whole network. Backpropagation and reverse mode write every
    /// activation's derivative from the same activation node (σ' = s(1 − s),
    /// tanh' = 1 − t², relu' = heaviside(u)), so the identity usually holds with
    /// each activation application replaced by an independent symbol. Proving
    /// that generalisation is sound (an identity in free symbols stays one under
    /// any substitution) and cheap: the lower layers vanish into atoms.
    /// `exp` and `log` stay, since the normal form relates exp(2z) to exp(z).
    /// When that fails, the plain check runs, numerically only beyond
    /// `proofSizeLimit` tree nodes.
    static func decide(_ manual: Expr, _ direct: Expr, options: EquivalenceOptions) -> EquivalenceCheck {
        let taken = Set(Expr.postOrder([manual, direct]).compactMap(\.symbolName))
        var counter = 0
        let generalized = Expr.transformed([manual, direct]) { node, args in
            guard let f = node.function, f != .exp, f != .log else { return node.rebuilt(with: args) }
            while taken.contains("_act\(counter)") { counter += 1 }
            defer { counter += 1 }
            return Expr.symbol("_act\(counter)")
        }
        if manual != direct && generalized != [manual, direct] {
            var check = Expr.checkEquivalence(generalized[0], generalized[1], options: options)
            if check.isProved {
                check.method += ", activations as atoms"
                return check
            }
        }
        var plain = options
        let size = Expr.treeSize([manual, direct])
        if size > proofSizeLimit { plain.attemptProof = false }
        var check = Expr.checkEquivalence(manual, direct, options: plain)
        if !plain.attemptProof, check.verdict == .undecided {
            check.note = "too large to prove (\(size) tree nodes, limit \(proofSizeLimit)); " + (check.note ?? "")
        }
        return check
    }

    /// Largest pair (in tree nodes, shared nodes counted per use) the normal form is tried on.
    static let proofSizeLimit = 200_000

}

extension Backpropagation {
    /// The definition of a delta symbol (`delta2_1` → `a2_1 - t1`), or `nil`.
    func deltaDefinition(of symbol: Expr) -> Expr? {
        for layer in deltas { for d in layer where d.symbol == symbol { return d.definition } }
        return nil
    }
}
