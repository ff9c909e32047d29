import Evaluator
import Foundation
import Networks
import SymDiff

// symdiff-bench: compiled closures against hand-written Swift, and the size of
// reverse-mode gradients. One JSON object per line. Run in release:
//
//     swift run -c release symdiff-bench [seed] [network] [training] [swell] [largest] [latex]
//     swift run symdiff-bench mutate [--count N] [--seed S]
//
// (every part when none is named; `largest` is the largest swell cell's
// compiled gradient against a hand-written loop; `latex` reads a generated
// 100,000-formula Markdown document, SYMDIFF_BENCH_FORMULAS=N for another size).

// `symdiff-bench mutate [--count N] [--seed S]`: the checker's mutation score (see MutateCommand.swift).
if CommandLine.arguments.dropFirst().first == "mutate" {
    exit(MutateCommand.run(Array(CommandLine.arguments.dropFirst(2))))
}

let arguments = Set(CommandLine.arguments.dropFirst())
let known: Set<String> = ["seed", "network", "training", "swell", "largest", "latex"]
if let unknown = arguments.subtracting(known).first {
    FileHandle.standardError.write(Data("symdiff-bench: unknown part '\(unknown)' (parts: seed, network, training, swell, largest, latex)\n".utf8))
    exit(2)
}
func wanted(_ part: String) -> Bool { arguments.isEmpty || arguments.contains(part) }

#if DEBUG
FileHandle.standardError.write(Data("symdiff-bench: this is a debug build; figures mean little. Use `swift run -c release symdiff-bench`.\n".utf8))
#endif

JSONLine.print([("case", .string("machine")), ("cores", .int(ProcessInfo.processInfo.activeProcessorCount)),
                ("clock", .string(Timing.threadCPUTime ? "thread CPU time" : "wall")),
                ("cpu", .string(Machine.cpuModel)), ("swift", .string(Machine.swiftVersion)),
                ("vectorUnit", .string(VectorUnit.best.description)), ("load", .string(Machine.loadAverage))])

// MARK: The seed network, symbolically (first, so its first build meets an empty intern table)

if wanted("seed") {
    let seed = try SeedBenchmark.measure()
    JSONLine.print([("case", .string("seed network")), ("buildDiffSeconds", .double(seed.build)),
                    ("chainProofSeconds", .double(seed.proof)), ("firstBuildDiffSeconds", .double(seed.firstBuild)),
                    ("firstChainProofSeconds", .double(seed.firstProof)), ("runs", .int(200))])
}

// MARK: 2-10-1 loss and all 41 gradients

if wanted("network") {
    // SYMDIFF_BENCH_BATCHES=1,32 limits the batch sizes (for profiling one of them).
    let batches = ProcessInfo.processInfo.environment["SYMDIFF_BENCH_BATCHES"].map {
        $0.split(separator: ",").compactMap { Int($0) }
    } ?? [1, 32, 1024, 65536]
    let net = try NetworkBenchmark(layerSizes: [2, 10, 1], loss: .meanSquaredError, samples: Swift.max(batches.max() ?? 1, 1024), seed: 7)
    if ProcessInfo.processInfo.environment["SYMDIFF_BENCH_PRINT_PROGRAM"] != nil {
        FileHandle.standardError.write(Data((net.program.description + "\n").utf8))
    }
    let difference = try net.check(range: 0..<1024)
    JSONLine.print([("case", .string("check")), ("network", .string("2-10-1")), ("instructions", .int(net.program.count)),
                    ("columns", .int(net.layout.columns)), ("tileSize", .int(net.layout.tile)),
                    ("maxRelativeDifference", .double(difference)), ("agree", .bool(difference <= 1e-12))])
    for batch in batches {
        let (compiled, hand) = try net.measure(batch: batch)
        JSONLine.print([("case", .string("2-10-1 loss+41 gradients")), ("batch", .int(batch)),
                        ("compiledSamplesPerSecond", .double(compiled)), ("handWrittenSamplesPerSecond", .double(hand)),
                        ("ratio", .double(compiled / hand))])
    }
    // The vector units, one thread, interleaved: the rate of each and its
    // speedup over the portable (SSE2) loops in the same rounds.
    for batch in batches where batch >= 1024 {
        let units = VectorUnit.available
        let rates = try net.rates(batch: batch, units.map { BatchedFunction(net.program, threads: 1, vectorUnit: $0) })
        for (unit, rate) in zip(units, rates) {
            JSONLine.print([("case", .string("2-10-1 loss+41 gradients, vector unit")), ("unit", .string(unit.description)),
                            ("batch", .int(batch)), ("samplesPerSecond", .double(rate)), ("speedup", .double(rate / rates[0]))])
        }
    }
    // SYMDIFF_BENCH_TILES=16384,32768 compares cache budgets (bytes of live columns) on one thread.
    if let budgets = ProcessInfo.processInfo.environment["SYMDIFF_BENCH_TILES"]?.split(separator: ",").compactMap({ Int($0) }) {
        for batch in batches where batch >= 1024 {
            let functions = budgets.map { BatchedFunction(net.program, cacheBudget: $0, threads: 1) }
            let rates = try net.rates(batch: batch, functions)
            for (f, rate) in zip(functions, rates) {
                JSONLine.print([("case", .string("2-10-1 loss+41 gradients, tile")), ("tileSize", .int(f.tileSize)),
                                ("batch", .int(batch)), ("samplesPerSecond", .double(rate))])
            }
        }
    }
    // The batch split over threads: 1 up to the cores (at least 2), interleaved, speedup over one thread.
    for batch in batches where batch >= 1024 {
        let counts = Array(1...Swift.max(2, ProcessInfo.processInfo.activeProcessorCount))
        let rates = try net.rates(batch: batch, counts.map { BatchedFunction(net.program, threads: $0) }, wall: true)
        for (threads, rate) in zip(counts, rates) {
            JSONLine.print([("case", .string("2-10-1 loss+41 gradients, threads")), ("threads", .int(threads)),
                            ("batch", .int(batch)), ("samplesPerSecond", .double(rate)), ("speedup", .double(rate / rates[0]))])
        }
    }
}

// MARK: Full circles training

if wanted("training") {
    let example = TrainingExample.circles(seed: 42)
    let features = HandWrittenMLP.rows([try example.data.column("x1"), try example.data.column("x2")])
    let targets = try example.data.column("t1")
    var compiledLoss = 0.0, handLoss = 0.0
    let compiledSeconds = try Timing.seconds {
        let trainer = try example.makeTrainer()
        compiledLoss = try trainer.train(epochs: example.epochs, learningRate: example.learningRate,
                                         batchSize: example.batchSize).last!.loss
    }
    let handSeconds = Timing.seconds {
        let baseline = HandWrittenMLP(layerSizes: [2, 10, 1], halfSquaredError: false)
        var parameters = example.initialParameters
        handLoss = baseline.train(parameters: &parameters, features: features, targets: targets, epochs: example.epochs,
                                  learningRate: example.learningRate, batchSize: example.batchSize).last!.loss
    }
    let samples = Double(example.epochs * (example.data.count / example.batchSize) * example.batchSize)
    JSONLine.print([("case", .string("circles training")), ("batch", .int(example.batchSize)), ("epochs", .int(example.epochs)),
                    ("compiledSamplesPerSecond", .double(samples / compiledSeconds)),
                    ("handWrittenSamplesPerSecond", .double(samples / handSeconds)),
                    ("ratio", .double(handSeconds / compiledSeconds)),
                    ("compiledSeconds", .double(compiledSeconds)), ("handWrittenSeconds", .double(handSeconds)),
                    ("compiledFinalLoss", .double(compiledLoss)), ("handWrittenFinalLoss", .double(handLoss)),
                    ("finalLossDifference", .double(Swift.abs(compiledLoss - handLoss)))])
}

// MARK: Expression swell of reverse-mode gradients

if wanted("swell") {
    var total = 0.0
    for depth in 1...4 {
        for width in [2, 4, 8, 16, 32] {
            let (cell, _, _) = try SwellBenchmark.measure(depth: depth, width: width)
            total += cell.seconds
            JSONLine.print([("case", .string("swell")), ("depth", .int(depth)), ("width", .int(width)),
                            ("parameters", .int(cell.parameters)), ("lossNodes", .int(cell.lossNodes)),
                            ("gradientNodes", .int(cell.gradientNodes)),
                            ("ratio", .double(Double(cell.gradientNodes) / Double(cell.lossNodes))),
                            ("seconds", .double(cell.seconds))])
        }
    }
    JSONLine.print([("case", .string("swell total")), ("cells", .int(20)), ("seconds", .double(total))])
}

// MARK: The largest swell cell's compiled gradient against a hand-written loop

if wanted("largest") {
    let (cell, net, gradient) = try SwellBenchmark.measure(depth: 4, width: 32, rounds: 1)
    let benchmark = try NetworkBenchmark(network: net, gradient: gradient, loss: .halfSquaredError, samples: 1024, seed: 9)
    let difference = try benchmark.check(range: 0..<1024)
    let (compiled, hand) = try benchmark.measure(batch: 1024)
    JSONLine.print([("case", .string("swell largest cell loss+gradients")),
                    ("network", .string(net.layerSizes.map(String.init).joined(separator: "-"))),
                    ("parameters", .int(cell.parameters)), ("instructions", .int(benchmark.program.count)),
                    ("columns", .int(benchmark.layout.columns)), ("tileSize", .int(benchmark.layout.tile)),
                    ("batch", .int(1024)), ("maxRelativeDifference", .double(difference)),
                    ("compiledSamplesPerSecond", .double(compiled)), ("handWrittenSamplesPerSecond", .double(hand)),
                    ("ratio", .double(compiled / hand))])
}

// MARK: Reading a 100,000-formula document

if wanted("latex") {
    let formulas = ProcessInfo.processInfo.environment["SYMDIFF_BENCH_FORMULAS"].flatMap { Int($0) } ?? 100_000
    let (perSecond, bytes, seconds, found) = LatexBenchmark.measure(formulas: formulas)
    JSONLine.print([("case", .string("latex document read")), ("formulas", .int(found)), ("bytes", .int(bytes)),
                    ("seconds", .double(seconds)), ("formulasPerSecond", .double(perSecond)), ("goalSeconds", .double(5))])
}
