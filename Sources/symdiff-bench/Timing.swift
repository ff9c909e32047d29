import Foundation

/// Wall-clock timing for the benchmarks: each measurement repeats the work
/// until it has run for a minimum time, and the best of a few such rounds is
/// kept (the machine is shared; the best round is the least disturbed one).
enum Timing {
    /// `SYMDIFF_BENCH_CLOCK=cpu` times one-thread work by the CPU time of the
    /// calling thread instead of the wall clock: on a machine loaded by other
    /// processes that is close to what a quiet machine's wall clock shows
    /// (threaded figures always use the wall clock).
    static let threadCPUTime = ProcessInfo.processInfo.environment["SYMDIFF_BENCH_CLOCK"] == "cpu"

    static func now(wall: Bool = false) -> Double {
        var t = timespec()
        clock_gettime(threadCPUTime && !wall ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Seconds per call of `work`, best of `rounds` rounds of at least `minimum` seconds.
    static func secondsPerCall(rounds: Int = 3, minimum: Double = 0.2, _ work: () throws -> Void) rethrows -> Double {
        try work()  // warm caches and lazy initialisation
        var best = Double.infinity
        for _ in 0..<rounds {
            // Calls in growing chunks, so reading the clock costs nothing measurable.
            var calls = 0, chunk = 1
            let start = now()
            var elapsed = 0.0
            repeat {
                for _ in 0..<chunk { try work() }
                calls += chunk
                chunk *= 2
                elapsed = now() - start
            } while elapsed < minimum
            best = min(best, elapsed / Double(calls))
        }
        return best
    }

    /// Seconds per call of each of `works`, measured in interleaved rounds
    /// (round r times every work once, in turn), best round kept for each:
    /// on a loaded machine the ratios of figures from the same rounds are
    /// what is worth comparing.
    static func interleaved(rounds: Int = 5, minimum: Double = 0.1, wall: Bool = false,
                            _ works: [() throws -> Void]) throws -> [Double] {
        for work in works { try work() }  // warm caches and lazy initialisation
        var best = [Double](repeating: .infinity, count: works.count)
        for _ in 0..<rounds {
            for (i, work) in works.enumerated() {
                var calls = 0, chunk = 1
                let start = now(wall: wall)
                var elapsed = 0.0
                repeat {
                    for _ in 0..<chunk { try work() }
                    calls += chunk
                    chunk *= 2
                    elapsed = now(wall: wall) - start
                } while elapsed < minimum
                best[i] = min(best[i], elapsed / Double(calls))
            }
        }
        return best
    }

    /// The median of `runs` timed calls of `work` (after one untimed call).
    static func median(runs: Int, _ work: () throws -> Void) rethrows -> Double {
        try work()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = now()
            try work()
            times.append(now() - start)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// Seconds for one run of `work`, best of `rounds`.
    static func seconds(rounds: Int = 3, _ work: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = now()
            try work()
            best = min(best, now() - start)
        }
        return best
    }
}

/// One JSON object per line, keys in the given order.
enum JSONLine {
    enum Value {
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
    }

    static func print(_ pairs: [(String, Value)]) {
        let body = pairs.map { key, value -> String in
            let text: String
            switch value {
            case .string(let s): text = "\"\(s)\""
            case .int(let n): text = String(n)
            case .double(let x): text = x.isFinite ? String(format: "%.6g", x) : "null"
            case .bool(let b): text = b ? "true" : "false"
            }
            return "\"\(key)\": \(text)"
        }
        Swift.print("{" + body.joined(separator: ", ") + "}")
        fflush(nil)
    }
}

/// What the figures were measured on.
enum Machine {
    static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        }
        return "unknown"
    }

    /// The 1-, 5- and 15-minute load averages (`/proc/loadavg`), for reading the figures.
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static var swiftVersion: String {
        #if swift(>=6.3)
        return "6.3+"
        #elseif swift(>=6.0)
        return "6.x"
        #else
        return "5.x"
        #endif
    }
}
