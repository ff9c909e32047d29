import Foundation
import MutationTesting

/// `symdiff-bench mutate [--count N] [--seed S] [--workers W] [--networks K] [--list KIND]`:
/// mutants of every claim that holds (the seeds' derivation files, the seed
/// network, the `--layers` networks and K random networks), each judged by the
/// independent oracle and by the checker. Prints the undecided and any false
/// "holds" mutants, then one JSON line
/// `{"mutants","equivalent","refuted","undecided","falseHolds","score",...}`.
enum MutateCommand {
    static func run(_ arguments: [String]) -> Int32 {
        var count = 3000, seed: UInt64 = 17, workers = 2, networks = 12
        var show = false
        var i = 0
        func value() -> String? { i += 1; return i < arguments.count ? arguments[i] : nil }
        while i < arguments.count {
            switch arguments[i] {
            case "--count": guard let v = value().flatMap(Int.init), v > 0 else { return usage() }; count = v
            case "--seed": guard let v = value().flatMap(UInt64.init) else { return usage() }; seed = v
            case "--workers": guard let v = value().flatMap(Int.init), v > 0 else { return usage() }; workers = v
            case "--networks": guard let v = value().flatMap(Int.init), v >= 0 else { return usage() }; networks = v
            case "--verbose": show = true
            default: return usage()
            }
            i += 1
        }
        let start = Date()
        do {
            let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("derivations")
            let subjects = try MutationSubject.derivationFiles(in: directory) + MutationSubject.seedNetworks()
                + MutationSubject.layeredNetworks() + MutationSubject.randomNetworks(count: networks, seed: seed)
            let runner = MutationRunner()
            let (all, unconfirmed) = try runner.mutants(of: subjects, workers: workers)
            for u in unconfirmed { print("original not confirmed by the oracle: \(u)") }
            let built = Date()
            let sample = MutationRunner.sample(all, count: count, seed: seed)
            let outcomes = runner.judgeAll(sample, workers: workers)
            for o in outcomes where o.category == .falseHold || (o.category == .equivalent && o.checkerStatus == .refuted)
                || (show && o.category != .refuted && o.category != .equivalent) {
                print("\(o.category == .equivalent ? "false refutation" : o.category.rawValue) [\(o.mutant.kind.rawValue)] \(o.mutant.subject) line \(o.mutant.claimLine): \(o.mutant.mutatedLine)\n    was: \(o.mutant.originalLine)\n    \(o.note)")
            }
            let summary = MutationSummary(outcomes)
            print(String(format: "time in the checker %.1f s, in the oracle %.1f s", outcomes.map(\.checkerSeconds).reduce(0, +),
                         outcomes.map(\.oracleSeconds).reduce(0, +)))
            for (kind, n) in summary.undecidedByKind.sorted(by: { $0.key < $1.key }) { print("undecided \(kind.rawValue): \(n)") }
            print("population \(all.count) mutants of \(subjects.count) files; sample \(sample.count); \(String(format: "%.1f", Date().timeIntervalSince(start))) s (building the mutants \(String(format: "%.1f", built.timeIntervalSince(start))) s)")
            print(summary.json)
            return summary.falseHolds == 0 ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("symdiff-bench mutate: \(error)\n".utf8))
            return 2
        }
    }

    static func usage() -> Int32 {
        FileHandle.standardError.write(Data("usage: symdiff-bench mutate [--count N] [--seed S] [--workers W] [--networks K] [--verbose]\n".utf8))
        return 2
    }
}
