import SymDiff

/// The derivative identities the seeds rely on, each checked against `diff`
/// of the function's definition (not of the function table's rule).
///
/// ```swift
/// ChainRuleCheck.identities().allSatisfy(\.holds)   // true
/// ```
extension ChainRuleCheck {
    /// σ'(z) = σ(z)(1 − σ(z)) (seed 000 C.6, seed 001), tanh' = 1 − tanh²,
    /// ReLU' = Heaviside, leaky ReLU' = a + (1 − a)·Heaviside, sigmoid + BCE
    /// ⇒ ∂L/∂z = ŷ − y (seed 002 eq. 16), softmax + cross-entropy ⇒
    /// ∂L/∂z_k = ŷ_k − y_k for 3 classes with one-hot targets (seed 003).
    public static func identities(options: EquivalenceOptions = .init()) -> [ChainRuleCheck] {
        let z = Expr.symbol("z")
        var checks: [ChainRuleCheck] = []
        func add(_ name: String, _ factors: [ChainFactor] = [], manual: Expr, direct: () throws -> Expr) {
            // diff of these fixed expressions cannot throw (their variables are symbols).
            checks.append(ChainRuleCheck(name: name, factors: factors, manual: manual, direct: try! direct(), options: options))
        }

        // σ(z) written out as in the seeds: 1/(1 + e^(−z)).
        add("sigmoid'(z) = sigmoid(z)*(1 - sigmoid(z))", manual: sigmoid(z) * (1 - sigmoid(z))) {
            try (1 / (1 + exp(-z))).diff(z)
        }
        add("tanh'(z) = 1 - tanh(z)**2", manual: 1 - tanh(z) ** 2) {
            try ((exp(z) - exp(-z)) / (exp(z) + exp(-z))).diff(z)
        }
        add("relu'(z) = heaviside(z)", manual: heaviside(z)) { try max(z, 0).diff(z) }
        let slope = Expr.rational(1, 100)
        add("leaky_relu'(z) = 1/100 + 99/100*heaviside(z)", manual: slope + (1 - slope) * heaviside(z)) {
            try leakyRelu(z, slope: slope).diff(z)
        }

        // Sigmoid + binary cross-entropy, through a stand-in ŷ (seed 002 eqs. 11–16).
        let (y, yhat) = (Expr.symbol("y"), Expr.symbol("yhat"))
        let stagedBCE = -(y * log(yhat) + (1 - y) * log(1 - yhat))
        let dLdyhat = try! stagedBCE.diff(yhat)
        let dyhatdz = try! sigmoid(z).diff(z)
        let bceFactors = [
            ChainFactor(label: "∂L/∂yhat", staged: dLdyhat, expanded: dLdyhat.substituting([yhat: sigmoid(z)])),
            ChainFactor(label: "∂yhat/∂z", staged: dyhatdz.substituting([sigmoid(z): yhat]), expanded: dyhatdz),
        ]
        add("sigmoid + BCE: dL/dz = yhat - y", bceFactors, manual: sigmoid(z) - y) {
            try stagedBCE.substituting([yhat: sigmoid(z)]).diff(z)
        }

        // Softmax + cross-entropy over 3 classes; one-hot targets sum to 1, so y3 = 1 − y1 − y2.
        let zs = Expr.symbols("z1 z2 z3")
        let (y1, y2) = (Expr.symbol("y1"), Expr.symbol("y2"))
        let ys = [y1, y2, 1 - y1 - y2]
        let p = Activation.softmax.apply(zs)
        let crossEntropy = Loss.categoricalCrossEntropy.apply(outputs: p, targets: ys)
        for k in 0..<3 {
            add("softmax + CE: dL/dz\(k + 1) = yhat\(k + 1) - y\(k + 1)", manual: p[k] - ys[k]) {
                try crossEntropy.diff(zs[k])
            }
        }
        return checks
    }
}
