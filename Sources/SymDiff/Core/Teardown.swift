import Foundation

/// The per-thread worklist that releases deep structures (`Node`s,
/// `MatrixExpr`s) without deep recursion: a deinit hands its children here,
/// and only the outermost deinit on a thread drains the list. One list for
/// every kind, because releasing a matrix releases the scalar nodes inside
/// it, and those must be drained by whichever loop is running.
final class Teardown {
    var nodes: [Expr] = []
    var matrices: [MatrixExpr] = []
    private var active = false

    /// Releases everything pending unless an outer deinit is already doing so.
    func drain() {
        if active { return }
        active = true
        while true {
            if let next = nodes.popLast() { _ = next } else if let next = matrices.popLast() { _ = next } else { break }
        }
        active = false
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            Unmanaged<Teardown>.fromOpaque(pointer!).release()
        }
        return key
    }()

    static var current: Teardown {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Teardown>.fromOpaque(pointer).takeUnretainedValue()
        }
        let state = Teardown()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}
