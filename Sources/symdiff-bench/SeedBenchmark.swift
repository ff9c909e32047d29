import Networks
import SymDiff

/// The symbolic core on the seeds' network: building the loss and its four
/// derivatives (W1, W2, b1, b2), and proving the chain rule for all four
/// (the product of the stages' derivatives, substituted back, against the
/// direct derivative). The first build in a process meets an empty intern
/// table, so it is reported apart from the warm median.
enum SeedBenchmark {
    static func buildAndDiff() throws -> ThreeLayerNetwork {
        let net = ThreeLayerNetwork()
        for p in net.parameters { _ = try net.derivative(p) }
        return net
    }

    static func chainProof(_ net: ThreeLayerNetwork) throws {
        let checks = try ChainRuleCheck.chainRule(net)
        precondition(checks.allSatisfy(\.holds), "the seed network's chain rule must be proved")
    }

    /// Seconds: the first build and proof in this process, then the medians of `runs` warm ones.
    static func measure(runs: Int = 200) throws -> (firstBuild: Double, firstProof: Double, build: Double, proof: Double) {
        var start = Timing.now()
        let net = try buildAndDiff()
        let firstBuild = Timing.now() - start
        start = Timing.now()
        try chainProof(net)
        let firstProof = Timing.now() - start
        let build = try Timing.median(runs: runs) { _ = try buildAndDiff() }
        let proof = try Timing.median(runs: runs) { try chainProof(net) }
        return (firstBuild, firstProof, build, proof)
    }
}
