/// Which storage slot holds each instruction's value.
///
/// A slot is freed after the last instruction that reads it and reused by
/// later instructions, like registers in a compiler: a network's forward
/// values stay live until the backward pass reads them, everything else is
/// short-lived, so the slot count stays far below the instruction count and
/// a batch's columns stay in cache. Parameters, inputs, constants and outputs
/// keep their own slots for the whole run.
struct SlotAllocation {
    /// The slot of each instruction's value.
    let slot: [Int]
    /// How many slots the program needs.
    let slotCount: Int
    /// How many instructions read each instruction.
    let uses: [Int]

    /// - Parameter pinned: instructions whose slot must never be reused
    ///   (outputs and values checked after the run).
    init(_ program: Program, pinned: Set<Int>) {
        let ops = program.operations
        var lastUse = [Int](repeating: -1, count: ops.count)
        var uses = [Int](repeating: 0, count: ops.count)
        for (i, op) in ops.enumerated() {
            for a in op.operands {
                lastUse[a] = i
                uses[a] += 1
            }
        }
        var slot = [Int](repeating: -1, count: ops.count)
        var free: [Int] = []
        var count = 0
        func fresh() -> Int {
            if let s = free.popLast() { return s }
            count += 1
            return count - 1
        }
        // Leaves first: they are filled before any instruction runs, so their
        // slots must not be shared with anything.
        for (i, op) in ops.enumerated() {
            switch op {
            case .parameter, .input, .constant: slot[i] = fresh()
            default: break
            }
        }
        for (i, op) in ops.enumerated() {
            switch op {
            case .parameter, .input, .constant: continue
            default: break
            }
            // The result gets a slot before the operands' slots are released,
            // so no kernel ever writes over an operand it still reads.
            slot[i] = fresh()
            for a in Set(op.operands).sorted() where lastUse[a] == i && !pinned.contains(a) {
                switch ops[a] {
                case .parameter, .input, .constant: break
                default: free.append(slot[a])
                }
            }
            if lastUse[i] == -1 && !pinned.contains(i) { free.append(slot[i]) }
        }
        self.slot = slot
        self.slotCount = count
        self.uses = uses
    }
}
