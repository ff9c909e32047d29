/// An instruction's closure, boxed so the run loop can call it without
/// reference counting.
///
/// Calling a closure taken out of an array retains and releases its context
/// on every call — two atomic operations that cost more than the arithmetic
/// of a small instruction. The list keeps the boxes alive and the run loop
/// reaches them through unmanaged references, so a call is a load and an
/// indirect jump.
final class Kernel {
    /// Takes the number of samples to process (ignored by single-sample kernels).
    let run: (Int) -> Void
    /// Memory the closure reads (a C kernel's term list), freed with the kernel.
    private let owned: UnsafeMutableRawPointer?

    init(owning owned: UnsafeMutableRawPointer? = nil, _ run: @escaping (Int) -> Void) {
        self.run = run
        self.owned = owned
    }

    deinit { owned?.deallocate() }
}

/// The closures of a program in execution order.
///
/// (Neither this nor `Kernel` is generic, and closures are boxed as soon as
/// they are made rather than collected in an array of closures: a closure
/// stored through a generic type is re-abstracted and every call then goes
/// through a thunk.)
final class KernelList {
    private let owned: [Kernel]
    private let references: UnsafeMutablePointer<Unmanaged<Kernel>>

    init(_ kernels: [Kernel]) {
        owned = kernels
        references = .allocate(capacity: Swift.max(owned.count, 1))
        for (i, kernel) in owned.enumerated() { references[i] = Unmanaged.passUnretained(kernel) }
    }

    deinit { references.deallocate() }

    var count: Int { owned.count }

    /// Runs every closure in order with `argument`.
    @inline(__always)
    func run(_ argument: Int) {
        // `owned` keeps every kernel alive for the life of the list.
        for i in 0..<owned.count {
            references[i]._withUnsafeGuaranteedRef { $0.run(argument) }
        }
    }
}
