import Testing
@testable import SymDiff

/// The seeds' matrix formulas (issue 13), each with the verdict worked out by
/// hand from the standard matrix-calculus rules (∂(Wx)/∂W contracts to an outer
/// product, an entrywise function contributes ⊙ f′) and the seeds' own shapes.
/// The checker lowers both sides to entries and proves each with the scalar
/// prover, so no expected value comes from the matrix code.
@Suite("Matrices: the seeds' matrix formulas")
struct MatrixSeedFormulaTests {
    // MARK: 000 A.4 and 002 eq. 60: ∂L/∂W₁ = (∂L/∂z₁) xᵀ

    /// z = W x + b feeding any differentiable loss: the gradient is δ xᵀ with δ = ∂L/∂z.
    @Test("000 A.4: dL/dW1 = (dL/dz1) x^T holds, and x (dL/dz1)^T is a shape error")
    func outerProductRule() throws {
        let W1 = MatrixExpr.matrix("W1", rows: 2, columns: 3)
        let x = MatrixExpr.vector("x", 3), b1 = MatrixExpr.vector("b1", 2), y = MatrixExpr.vector("y", 2)
        let z = MatrixExpr.vector("z1", 2)
        let lossOfZ = try sum(pow(sigmoid(z) - y, 2)) / 2
        let zValue = try W1 * x + b1
        let loss = try lossOfZ.substituting(z, with: zValue)
        let delta = try lossOfZ.partial(wrt: z).substituting(z, with: zValue)

        let right = MatrixExpr.checkGradient(of: loss, wrt: W1, claimed: try delta * x.T)
        #expect(right.verdict == .proved, "\(right)")
        let transposed = MatrixExpr.checkGradient(of: loss, wrt: W1, claimed: try x * delta.T)
        #expect(transposed.verdict == .shapeMismatch)
        #expect(transposed.description.contains("left side is 2x3, right side is 3x2"), "\(transposed)")
        #expect(transposed.description.contains("transposed shape"), "\(transposed)")
    }

    /// 002 eq. 60 with symbolic sizes: a⁽¹⁾ = W⁽¹⁾x + b⁽¹⁾, h = σ(a⁽¹⁾), ŷ = σ(wᵀh + c), binary cross-entropy.
    @Test("002 eq. 60: dL/dW(1) = (dL/da(1)) x^T holds at the sizes tried, and says it is not proved for every size")
    func secondSeedWeightGradient() throws {
        let W1 = MatrixExpr.matrix("W1", rows: "k", columns: "d")
        let x = MatrixExpr.vector("x", "d"), b1 = MatrixExpr.vector("b1", "k"), w = MatrixExpr.vector("w", "k")
        let a1 = MatrixExpr.vector("a1", "k")
        let c = MatrixExpr.scalar(.symbol("c")), y = MatrixExpr.scalar(.symbol("y"))
        let yHat = sigmoid(try w.T * sigmoid(a1) + c)
        let lossOfA = try -(y * log(yHat) + (1 - y) ⊙ log(1 - yHat))
        let aValue = try W1 * x + b1
        let loss = try lossOfA.substituting(a1, with: aValue)
        let delta = try lossOfA.partial(wrt: a1).substituting(a1, with: aValue)
        let check = MatrixExpr.checkGradient(of: loss, wrt: W1, claimed: try delta * x.T)
        #expect(check.verdict == .holdsAtSizesTried, "\(check)")
        #expect(check.description == "holds at sizes d=2, k=3 and d=3, k=4; not proved for every size")
    }

    // MARK: 002 eq. 18 and 44

    /// Summed binary cross-entropy with ŷ = σ(A w): ∇_w L = Aᵀ(ŷ − y) (σ′ = σ(1 − σ) cancels the logs' denominators).
    @Test("002 eq. 18: grad_w L = A^T (yhat - y) holds; (yhat - y)^T A is a shape error; A^T (y - yhat) is refuted")
    func logisticRegressionGradient() throws {
        let A = MatrixExpr.matrix("A", rows: "N", columns: "d")
        let w = MatrixExpr.vector("w", "d"), y = MatrixExpr.vector("y", "N")
        let yHat = sigmoid(try A * w)
        let loss = try -sum(y ⊙ log(yHat) + (1 - y) ⊙ log(1 - yHat))
        let holds = MatrixExpr.checkGradient(of: loss, wrt: w, claimed: try A.T * (yHat - y))
        #expect(holds.verdict == .holdsAtSizesTried, "\(holds)")
        #expect(MatrixExpr.checkGradient(of: loss, wrt: w, claimed: try (yHat - y).T * A).verdict == .shapeMismatch)
        let sign = MatrixExpr.checkGradient(of: loss, wrt: w, claimed: try A.T * (y - yHat))
        #expect(sign.verdict == .refuted, "\(sign)")
        #expect(sign.description.hasPrefix("refuted at sizes N=2, d=3: entry ("), "\(sign)")
    }

    /// One sigmoid output ŷ = σ(wᵀh + c) with cross-entropy: ∂L/∂h = (ŷ − y) w.
    @Test("002 eq. 44: dL/dh = (yhat - y) w holds")
    func hiddenGradient() throws {
        let h = MatrixExpr.vector("h", "k"), w = MatrixExpr.vector("w", "k")
        let c = MatrixExpr.scalar(.symbol("c")), y = MatrixExpr.scalar(.symbol("y"))
        let yHat = sigmoid(try w.T * h + c)
        let loss = try -(y * log(yHat) + (1 - y) ⊙ log(1 - yHat))
        let check = MatrixExpr.checkGradient(of: loss, wrt: h, claimed: try (yHat - y) * w)
        #expect(check.verdict == .holdsAtSizesTried, "\(check)")
    }

    // MARK: 003: the δ recursion and the layer gradients

    /// A 2-3-1 sigmoid network with squared error, δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾ taken by the scalar engine.
    struct TwoLayer {
        let x = MatrixExpr.vector("x", 2), y = MatrixExpr.vector("y", 1)
        let W1 = MatrixExpr.matrix("W1", rows: 3, columns: 2), b1 = MatrixExpr.vector("b1", 3)
        let W2 = MatrixExpr.matrix("W2", rows: 1, columns: 3), b2 = MatrixExpr.vector("b2", 1)
        let z1 = MatrixExpr.vector("z1", 3), z2 = MatrixExpr.vector("z2", 1)

        func lossOfZ2() throws -> MatrixExpr { try sum(pow(sigmoid(z2) - y, 2)) / 2 }
        func z2Value() throws -> MatrixExpr { try W2 * sigmoid(z1) + b2 }
        func lossOfZ1() throws -> MatrixExpr { try lossOfZ2().substituting(z2, with: z2Value()) }
        func z1Value() throws -> MatrixExpr { try W1 * x + b1 }
        func delta2() throws -> MatrixExpr { try lossOfZ2().partial(wrt: z2).substituting(z2, with: z2Value()) }
        func delta1() throws -> MatrixExpr { try lossOfZ1().partial(wrt: z1) }
        func loss() throws -> MatrixExpr { try lossOfZ1().substituting(z1, with: z1Value()) }
    }

    @Test("003: delta(l) = (W(l+1))^T delta(l+1) ⊙ sigma'(z(l)) holds; without the transpose it is a shape error")
    func deltaRecursion() throws {
        let n = TwoLayer()
        let claim = try (n.W2.T * n.delta2()) ⊙ MatrixExpr.applyDerivative(.sigmoid, n.z1)
        let check = MatrixExpr.checkIdentity(try n.delta1(), claim)
        #expect(check.verdict == .proved, "\(check)")
        #expect(throws: MatrixError.self) { try n.W2 * n.delta2() ⊙ MatrixExpr.applyDerivative(.sigmoid, n.z1) }
        // σ′ left out: refuted.
        #expect(MatrixExpr.checkIdentity(try n.delta1(), try n.W2.T * n.delta2()).verdict == .refuted)
    }

    @Test("003: dL/dW(l) = delta(l) a(l-1)^T and dL/db(l) = delta(l) hold for both layers")
    func layerGradients() throws {
        let n = TwoLayer()
        let delta1 = try n.delta1().substituting(n.z1, with: n.z1Value())
        let delta2 = try n.delta2().substituting(n.z1, with: n.z1Value())
        let a1 = sigmoid(try n.z1Value())
        let rows: [(MatrixExpr, MatrixExpr)] = [
            (n.W1, try delta1 * n.x.T), (n.b1, delta1), (n.W2, try delta2 * a1.T), (n.b2, delta2),
        ]
        for (variable, claimed) in rows {
            let check = MatrixExpr.checkGradient(of: try n.loss(), wrt: variable, claimed: claimed)
            #expect(check.verdict == .proved, "\(variable): \(check)")
        }
    }

    // MARK: softmax + cross-entropy

    /// L = −Σ yₖ log softmax(z)ₖ gives ∂L/∂z = softmax(z)·Σyₖ − y, which is ŷ − y only
    /// when the target sums to 1 (a one-hot or probability vector).
    @Test("softmax + cross-entropy: dL/dz = yhat - y is refuted without the constraint sum(y) = 1; yhat*sum(y) - y holds")
    func softmaxCrossEntropy() throws {
        let z = MatrixExpr.vector("z", "K"), y = MatrixExpr.vector("y", "K")
        let yHat = try softmax(z)
        let loss = -sum(try y ⊙ log(yHat))
        let unconstrained = MatrixExpr.checkGradient(of: loss, wrt: z, claimed: try yHat - y)
        #expect(unconstrained.verdict == .refuted, "\(unconstrained)")
        let general = MatrixExpr.checkGradient(of: loss, wrt: z, claimed: try yHat * sum(y) - y)
        #expect(general.verdict == .holdsAtSizesTried, "\(general)")
    }

    // MARK: 001's batched algorithm, with the seed's shapes

    /// X: B×d, W⁽ˡ⁾: nₗ×nₗ₋₁ (the seed's W⁽²⁾ ∈ ℝ^{m×n}), Z = A Wᵀ + b (b added to every row),
    /// L = 1/(2B)‖Y − A⁽ᴸ⁾‖²_F. Then Δ := B·∂L/∂Z satisfies the seed's Δ formulas, and
    /// ∂L/∂W = (1/B)ΔᵀA — so the seed's (1/B)AᵀΔ has the transposed shape.
    struct Batched {
        let B = MatrixExpr.scalar(.symbol("B"))
        let A1 = MatrixExpr.matrix("A1", rows: "B", columns: "n"), Y = MatrixExpr.matrix("Y", rows: "B", columns: "m")
        let W2 = MatrixExpr.matrix("W2", rows: "m", columns: "n"), b2 = MatrixExpr.vector("b2", "m")
        let Z1 = MatrixExpr.matrix("Z1", rows: "B", columns: "n"), Z2 = MatrixExpr.matrix("Z2", rows: "B", columns: "m")
        static let sizes: [[String: Int]] = [["B": 2, "n": 3, "m": 4], ["B": 3, "n": 4, "m": 2]]

        func lossOfZ2() throws -> MatrixExpr { normSquared(try Y - sigmoid(Z2)) / (2 * .symbol("B")) }
        func z2Value(_ a1: MatrixExpr) throws -> MatrixExpr { try a1 * W2.T + b2 }
        /// Δ⁽ᴸ⁾ = (A⁽ᴸ⁾ − Y) ⊙ σ′(Z⁽ᴸ⁾), the seed's step 4.
        func deltaL() throws -> MatrixExpr { try (sigmoid(Z2) - Y) ⊙ MatrixExpr.applyDerivative(.sigmoid, Z2) }
    }

    @Test("001 step 4: Delta(L) = (A(L) - Y) ⊙ sigma'(Z(L)) is B times dL/dZ(L)")
    func batchedOutputError() throws {
        let n = Batched()
        let check = MatrixExpr.checkIdentity(try n.B * n.lossOfZ2().partial(wrt: n.Z2), try n.deltaL(), sizes: Batched.sizes)
        #expect(check.verdict == .holdsAtSizesTried, "\(check)")
    }

    @Test("001 step 5: Delta(l) = Delta(l+1) W(l+1) ⊙ sigma'(Z(l)) holds")
    func batchedRecursion() throws {
        let n = Batched()
        let a1 = sigmoid(n.Z1)
        let lossOfZ1 = try n.lossOfZ2().substituting(n.Z2, with: n.z2Value(a1))
        let left = try n.B * lossOfZ1.partial(wrt: n.Z1)
        let right = try (n.deltaL().substituting(n.Z2, with: n.z2Value(a1)) * n.W2) ⊙ MatrixExpr.applyDerivative(.sigmoid, n.Z1)
        let check = MatrixExpr.checkIdentity(left, right, sizes: [Batched.sizes[0]])
        #expect(check.verdict == .holdsAtSizesTried, "\(check)")
    }

    @Test("001 step 6: dL/dW(l) = (1/B) A(l-1)^T Delta(l) has W's transpose's shape; (1/B) Delta^T A(l-1) holds")
    func batchedWeightGradient() throws {
        let n = Batched()
        let loss = try n.lossOfZ2().substituting(n.Z2, with: n.z2Value(n.A1))
        let delta = try n.deltaL().substituting(n.Z2, with: n.z2Value(n.A1))
        let seed = MatrixExpr.checkGradient(of: loss, wrt: n.W2, claimed: try n.A1.T * delta / .symbol("B"), sizes: Batched.sizes)
        #expect(seed.verdict == .shapeMismatch)
        #expect(seed.description == "left side is m x n, right side is n x m: the right side has the transposed shape; a derivative with respect to W2 has W2's shape, m x n")
        let corrected = MatrixExpr.checkGradient(of: loss, wrt: n.W2, claimed: try delta.T * n.A1 / .symbol("B"), sizes: Batched.sizes)
        #expect(corrected.verdict == .holdsAtSizesTried, "\(corrected)")
    }

    @Test("001 step 6: dL/db(l) = (1/B) sum_i delta_i (the column sums of Delta) holds")
    func batchedBiasGradient() throws {
        let n = Batched()
        let loss = try n.lossOfZ2().substituting(n.Z2, with: n.z2Value(n.A1))
        let delta = try n.deltaL().substituting(n.Z2, with: n.z2Value(n.A1))
        let columnSums = try delta.T * MatrixExpr.ones(.vector("B"))
        let check = MatrixExpr.checkGradient(of: loss, wrt: n.b2, claimed: columnSums / .symbol("B"), sizes: Batched.sizes)
        #expect(check.verdict == .holdsAtSizesTried, "\(check)")
    }

    // MARK: Indexed sums of the scalar tutorials

    @Test("E = 1/2 sum_k (t_k - a_k)^2 gives dE/da = -(t - a)")
    func squaredErrorSum() throws {
        let t = MatrixExpr.vector("t", "n"), a = MatrixExpr.vector("a", "n")
        let loss = try sum(pow(t - a, 2)) / 2
        #expect(MatrixExpr.checkGradient(of: loss, wrt: a, claimed: -(try t - a)).verdict == .holdsAtSizesTried)
        #expect(MatrixExpr.checkGradient(of: loss, wrt: a, claimed: try t - a).verdict == .refuted)
    }
}
