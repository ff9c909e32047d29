import Evaluator
import Foundation
import Networks
import SymDiff

// symdiff-bench: JSON lines comparing compiled closures with hand-written Swift.
// Run with `swift run -c release symdiff-bench`.

let batches = ProcessInfo.processInfo.environment["BENCH_BATCH"].map { [Int($0)!] } ?? [1, 32, 1024, 65536]
let net = try NetworkBenchmark(name: "2-10-1 sigmoid, MSE, loss + 41 gradients", layerSizes: [2, 10, 1],
                               loss: .meanSquaredError, samples: max(batches.max()!, 1024), seed: 7)
let difference = try net.check(range: 0..<1024)
JSONLine.print([("case", .string("check")), ("network", .string("2-10-1")), ("program", .int(net.program.count)),
                ("maxRelativeDifference", .double(difference)), ("agree", .bool(difference <= 1e-12))])
for batch in batches {
    let (compiled, hand) = try net.measure(batch: batch)
    JSONLine.print([("case", .string("2-10-1 loss+gradients")), ("batch", .int(batch)),
                    ("compiledSamplesPerSecond", .double(compiled)), ("handWrittenSamplesPerSecond", .double(hand)),
                    ("ratio", .double(compiled / hand))])
}
