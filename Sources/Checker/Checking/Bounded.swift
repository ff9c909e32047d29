import Foundation
import Synchronization

/// Runs work with a time limit. The work runs on its own thread; if it does
/// not finish in time the caller gets `nil` and moves on (the thread is left
/// to finish on its own, its result discarded), so a hard proof can never
/// hang the checker.
enum Bounded {
    static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () -> T) -> T? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.store(work())
            done.signal()
        }
        // Generous stack: the engine is iterative, but the prover's polynomial
        // arithmetic is not ours to bound.
        thread.stackSize = 64 << 20
        thread.start()
        guard done.wait(timeout: .now() + .milliseconds(Int(seconds * 1000))) == .success else { return nil }
        return box.load()
    }

    private final class ResultBox<T: Sendable>: Sendable {
        private let value = Mutex<T?>(nil)
        func store(_ v: T) { value.withLock { $0 = v } }
        func load() -> T? { value.withLock { $0 } }
    }
}

/// The time allowed for a whole file and for each check in it.
final class CheckClock: @unchecked Sendable {
    private let start = ContinuousClock.now
    let totalSeconds: Double
    let perCheckSeconds: Double

    init(totalSeconds: Double, perCheckSeconds: Double) {
        self.totalSeconds = totalSeconds
        self.perCheckSeconds = perCheckSeconds
    }

    var elapsedSeconds: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The time the next check may take, or `nil` once the file's time is spent.
    func limitForNextCheck() -> Double? {
        let remaining = totalSeconds - elapsedSeconds
        return remaining > 0 ? Swift.min(perCheckSeconds, remaining) : nil
    }
}
