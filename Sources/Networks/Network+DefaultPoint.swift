import SymDiff

extension Network {
    /// A deterministic point for trying the network out: inputs x_j = j,
    /// target t1 = 1 and the others 0 (valid for every loss), weights and
    /// biases drawn from a seeded generator in [−1, 1] rounded to two decimals.
    ///
    /// ```swift
    /// Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy).defaultPoint()["x2"]   // 2
    /// ```
    public func defaultPoint(seed: UInt64 = 2025) -> [String: Double] {
        var point: [String: Double] = [:]
        for (j, x) in inputs.enumerated() { point[x.description] = Double(j + 1) }
        for (k, t) in targets.enumerated() { point[t.description] = k == 0 ? 1 : 0 }
        var rng = SplitMix64(seed: seed)
        for p in parameters {
            point[p.description] = (rng.nextUniform(in: -1...1) * 100).rounded() / 100
        }
        return point
    }
}
