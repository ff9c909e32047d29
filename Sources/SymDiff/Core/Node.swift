import Foundation
import Synchronization

/// The shared storage behind an `Expr`. Nodes are created only through
/// `Node.make`, which interns them, so structurally equal nodes are identical.
final class Node: @unchecked Sendable {
    // `@unchecked` because `children` is emptied in `deinit`, when no other
    // reference can exist; every stored property is otherwise immutable.
    let kind: Expr.Kind
    private(set) var children: [Expr]
    let structuralHash: UInt64
    let height: UInt32

    private init(kind: Expr.Kind, children: [Expr], hash: UInt64) {
        self.kind = kind
        self.children = children
        self.structuralHash = hash
        var h: UInt32 = 0
        for c in children where c.node.height > h { h = c.node.height }
        self.height = h &+ 1
    }

    /// The only way to create a node: returns the existing node for this
    /// kind and children if there is one. Does no canonicalisation; the
    /// constructors in `Construction.swift` do that first.
    static func make(_ kind: Expr.Kind, _ children: [Expr]) -> Expr {
        let hash = Node.hash(kind, children)
        let node = internTable.withLock { table -> Node in
            if let found = table.lookup(hash: hash, kind: kind, children: children) { return found }
            let node = Node(kind: kind, children: children, hash: hash)
            table.insert(node, hash: hash)
            return node
        }
        return Expr(node: node)
    }

    // MARK: Hashing

    /// A deterministic 64-bit hash of the node from its payload and its
    /// children's cached hashes: O(arity), never recursive.
    static func hash(_ kind: Expr.Kind, _ children: [Expr]) -> UInt64 {
        var h: UInt64
        switch kind {
        case .symbol(let name): h = mix(0x5359_4D42, fnv(name))
        case .number(let n):
            switch n {
            case .rational(let r):
                if r.numerator.asInt != nil && r.denominator.asInt != nil {
                    h = mix(0x4E55_4D52, fnv(r.description))
                } else {
                    // Beyond a machine word, hash the limbs: the decimal text
                    // costs time quadratic in the digits (seconds for the
                    // 100,000-bit numbers exact arithmetic can produce).
                    h = 0x4E55_4D42
                    for part in [r.numerator, r.denominator] {
                        h = mix(h, part.isNegative ? 1 : 0)
                        for limb in part.magnitudeLimbs { h = mix(h, UInt64(limb)) }
                        h = mix(h, UInt64(part.magnitudeLimbs.count))
                    }
                }
            case .float(let d): h = mix(0x4E55_4D46, d.bitPattern)
            }
        case .add: h = 0x4144_4400
        case .mul: h = 0x4D55_4C00
        case .pow: h = 0x504F_5700
        case .apply(let f): h = mix(0x4150_504C, fnv(f.name))
        }
        for c in children { h = mix(h, c.node.structuralHash) }
        return finalize(h)
    }

    static func fnv(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }

    static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        (h ^ (v &+ 0x9e37_79b9_7f4a_7c15 &+ (h << 6) &+ (h >> 2))) &* 0xff51_afd7_ed55_8ccd
    }

    static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    // MARK: Deep release without deep recursion

    // Releasing the root of a chain 100,000 nodes deep would release each
    // child from inside its parent's deinit, one stack frame per level.
    // Instead the outermost deinit on a thread drains a worklist: nested
    // deinits only hand their children to it.
    deinit {
        if children.isEmpty { return }
        let state = Teardown.current
        // Hand the children to the worklist and drop our references now, so
        // no child is released when this object's storage is destroyed.
        state.nodes.append(contentsOf: children)
        children = []
        state.drain()
    }
}


// MARK: - The intern table

/// Every live node, found by structural hash. The table holds strong
/// references (weak ones would put every retain and release of every node on
/// the runtime's slow path); nodes that only the table still references are
/// released by a sweep whenever the table has doubled, so memory stays
/// proportional to the live expressions.
struct InternTable: ~Copyable {
    /// Nodes in creation order: children always come before their parents.
    private var slots: [Node?] = []
    private var buckets: [UInt64: [Int]] = [:]
    private var sweepAt = 1 << 16

    func lookup(hash: UInt64, kind: Expr.Kind, children: [Expr]) -> Node? {
        guard let bucket = buckets[hash] else { return nil }
        for slot in bucket {
            guard let node = slots[slot] else { continue }
            if node.kind == kind && node.children.count == children.count
                && zip(node.children, children).allSatisfy({ $0.node === $1.node }) {
                return node
            }
        }
        return nil
    }

    mutating func insert(_ node: Node, hash: UInt64) {
        buckets[hash, default: []].append(slots.count)
        slots.append(node)
        if slots.count >= sweepAt { sweep() }
    }

    /// Releases the nodes nobody else references. Runs under the table's
    /// lock, so no other thread can take a new reference meanwhile; newest
    /// first, so a released parent's children are checked after it.
    /// Amortised O(1) per insert.
    mutating func sweep() {
        for slot in stride(from: slots.count - 1, through: 0, by: -1) {
            guard var node = slots[slot] else { continue }
            slots[slot] = nil
            if !isKnownUniquelyReferenced(&node) { slots[slot] = node }
        }
        slots.removeAll { $0 == nil }
        buckets.removeAll(keepingCapacity: true)
        for (slot, node) in slots.enumerated() { buckets[node!.structuralHash, default: []].append(slot) }
        sweepAt = Swift.max(1 << 16, slots.count * 2)
    }
}

let internTable = Mutex(InternTable())
