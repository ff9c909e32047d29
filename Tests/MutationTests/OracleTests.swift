import Testing
import MutationTesting

/// The oracle the mutation test trusts, checked on claims whose truth is
/// known by hand (each row's reason is in its comment).
@Suite struct OracleTests {
    static let claims: [(file: String, holds: Bool)] = [
        ("d(sigmoid(t))/d(t) == sigmoid(t)*(1 - sigmoid(t))", true),    // σ' = σ(1 − σ)
        ("d(sigmoid(t))/d(t) == sigmoid(t)", false),                    // σ' ≠ σ
        ("d(tanh(t))/d(t) == 1 - tanh(t)**2", true),
        ("d(x**3)/d(x) == 3*x**2", true),                                // exact: polynomials are rational
        ("d(x**3)/d(x) == 3*x**3", false),
        ("d(d(x**3)/d(x))/d(x) == 6*x", true),                          // nested derivatives
        ("d(d(x**2*y)/d(x))/d(y) == 2*x", true),                        // mixed partials
        ("z = w*x\nL = z**2 + x\nd(L)/d(z) == 2*z", true),               // through a stage, x held fixed
        ("z = w*x\nL = z**2 + x\nd(L)/d(x) == 2*z*w + 1", true),         // through x: both paths
        ("z = w*x\nL = z**2\nd(L)/d(w) == 2*z", false),                  // the x factor dropped
        ("(1/3)*3 == 1", true),
        ("exp(log(x)) == x", true),                                      // where both sides are defined (x > 0)
        ("log(x*y) == log(x) + log(y)", true),                           // where both sides are defined
        ("relu(x) - relu(-x) == x", true),
        ("Max(x, y) == (x + y + Abs(x - y))/2", true),
        ("d(relu(x))/d(x) == heaviside(x)", true),
        ("d(Abs(x))/d(x) == heaviside(x) - heaviside(-x)", true),
        ("d(leaky_relu(z, 0.01))/d(z) == 0.01 + 0.99*heaviside(z)", true),
        ("sqrt(x**2) == x", false),                                      // |x|
        ("sigmoid(t) == 1.01/(1 + exp(-t))", false),
        ("p = sigmoid(t)\nL = (p - y)**2/2\nloss: L\nt_new = t - alpha*(p - y)*p*(1 - p)", true),
        ("p = sigmoid(t)\nL = (p - y)**2/2\nt_new = t - alpha*(p - y)", false),
        ("point a: x=2\nx**2 at a ≈ 4.0", true),
        ("point a: x=2\nx**2 at a ≈ 4.1", false),
        ("exp(x) at x=1 ≈ 2.718281828", true),
        ("exp(x) at x=1 ≈ 2.718281827", false),
        ("y/2.02 at y=1 ≈ 0.500", false),                              // 0.49505: trailing zeros are digits written (±0.0005)
        ("y/2.02 at y=1 ≈ 0.5", true),                                 // ±0.05
        // Seed 000's example 2 with the loss scaled by 1/1.01: d(L)/d(W1) is −0.0128506 (by hand), not −0.0130.
        ("L = (y - target)**2/2.02\ny = W2*sigmoid(W1*x + b1) + b2\n"
            + "point ex2: x=3, target=0.3, W1=0.228125, W2=0.5225, b1=-0.994375, b2=0.045\n"
            + "d(L)/d(W1) at ex2 ≈ -0.0130", false),
        ("L = (y - target)**2/2\ny = W2*sigmoid(W1*x + b1) + b2\n"
            + "point ex2: x=3, target=0.3, W1=0.228125, W2=0.5225, b1=-0.994375, b2=0.045\n"
            + "d(L)/d(W1) at ex2 ≈ -0.0130", true),                  // −0.0129791
    ]

    @Test(arguments: claims)
    func knownClaim(_ row: (file: String, holds: Bool)) throws {
        let model = try DerivationModel(text: row.file)
        let truth = ClaimOracle(model: model).truth(of: try #require(model.claims.last))
        #expect(truth == (row.holds ? .holds : .fails), "\(row.file)")
    }

    @Test func doubleDoubleHasAbout32Digits() {
        let third = DoubleDouble(1) / DoubleDouble(3)
        #expect((third * DoubleDouble(3) - DoubleDouble(1)).magnitude < 1e-31)
        // e = 2.71828182845904523536028747135266249775724709369995..., and the double
        // 2.718281828459045 is 2.718281828459045090795598298427648842334747314453125 exactly,
        // so their difference is 1.4456468917292501578...e-16.
        let e = DoubleDouble(1).expOrNil()!
        #expect(Swift.abs((e - DoubleDouble(2.718281828459045)).doubleValue - 1.4456468917292501578e-16) < 1e-28)
        #expect((e.naturalLog() - DoubleDouble(1)).magnitude < 1e-29)
    }

    @Test(arguments: ["d(L)/d(w) - (p - y)*x", "-a*b + c/(d*e) - (-f)", "x**(-1)*y**2**3", "2*(d(L)/d(w))**2",
                      "a/d(L)/d(w)", "1 - sigmoid(z)", "-(x - y)*z", "0.001*x + 12.5e2"])
    func printedFormulaReadsBackTheSame(_ text: String) throws {
        let f = try Formula.parse(text)
        #expect(try Formula.parse(f.description) == f)
    }
}
