/// An arbitrary-precision signed integer.
///
/// Values that fit in a machine word stay in a machine word; an operation
/// that would overflow promotes to a little-endian array of 32-bit limbs, so
/// exact arithmetic never wraps.
///
/// ```swift
/// let big = BigInt(2).power(100)
/// print(big)   // 1267650600228229401496703205376
/// ```
public struct BigInt: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    @usableFromInline
    enum Storage: Sendable, Hashable {
        case small(Int)
        /// Magnitude limbs, least significant first, no trailing zero limbs,
        /// and never a value that fits in `Int` (invariant kept by `normalized`).
        case large(negative: Bool, magnitude: [UInt32])
    }

    @usableFromInline var storage: Storage

    @inlinable public init(_ value: Int) { storage = .small(value) }
    public init(integerLiteral value: Int) { storage = .small(value) }

    init(negative: Bool, magnitude: [UInt32]) {
        self = BigInt.normalized(negative: negative, magnitude: magnitude)
    }

    /// Parses a decimal integer with an optional leading sign.
    ///
    /// ```swift
    /// BigInt("-12345678901234567890123")   // exact
    /// ```
    public init?(_ text: some StringProtocol) {
        var digits = Substring(text)
        var negative = false
        if let first = digits.first, first == "-" || first == "+" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if digits.count <= 18, let small = Int(digits) {
            self.init(negative ? -small : small)
            return
        }
        var magnitude: [UInt32] = []
        let bytes = Array(digits.utf8)
        var index = 0
        // Consume nine digits at a time: 10^9 fits in a limb.
        while index < bytes.count {
            let end = min(index + 9, bytes.count)
            var chunk: UInt32 = 0
            var scale: UInt32 = 1
            for byte in bytes[index..<end] {
                chunk = chunk * 10 + UInt32(byte - 48)
                scale *= 10
            }
            BigInt.multiplyAdd(&magnitude, scale, chunk)
            index = end
        }
        self.init(negative: negative, magnitude: magnitude)
    }

    /// Converts a finite, integral `Double` exactly.
    public init?(exactly value: Double) {
        guard value.isFinite, value == value.rounded() else { return nil }
        if let small = Int(exactly: value) {
            self.init(small)
            return
        }
        let exponent = Int(value.exponent)
        let significand = UInt64(value.significandBitPattern) | (1 << 52)
        var result = BigInt(Int(significand))
        result = result.shiftedLeft(by: exponent - 52)
        self = value < 0 ? -result : result
    }

    // MARK: Inspection

    public var isZero: Bool { if case .small(0) = storage { return true } else { return false } }
    public var isNegative: Bool {
        switch storage {
        case .small(let v): return v < 0
        case .large(let negative, _): return negative
        }
    }
    /// -1, 0 or 1.
    public var signum: Int {
        switch storage {
        case .small(let v): return v.signum()
        case .large(let negative, _): return negative ? -1 : 1
        }
    }
    /// The value as an `Int` when it fits.
    public var asInt: Int? { if case .small(let v) = storage { return v } else { return nil } }

    /// The number of bits of the magnitude.
    public var bitWidth: Int {
        switch storage {
        case .small(let v): return Int.bitWidth - v.magnitude.leadingZeroBitCount
        case .large(_, let m): return m.count * 32 - m.last!.leadingZeroBitCount
        }
    }

    /// The nearest `Double` (infinite when the magnitude exceeds the range).
    public var doubleValue: Double {
        switch storage {
        case .small(let v): return Double(v)
        case .large(let negative, let m):
            // Use the top 64 bits plus the exponent; exact enough for rounding to 53 bits.
            let bits = bitWidth
            let shift = max(0, bits - 64)
            let top = BigInt(negative: false, magnitude: m).shiftedRight(by: shift)
            var topValue: UInt64 = 0
            for limb in top.magnitudeLimbs.reversed() { topValue = topValue << 32 | UInt64(limb) }
            // A sticky bit for the dropped low bits, so rounding to 53 bits is correct.
            let (whole, part) = shift.quotientAndRemainder(dividingBy: 32)
            if m.prefix(whole).contains(where: { $0 != 0 }) || (part > 0 && m[whole] & (1 << UInt32(part) - 1) != 0) {
                topValue |= 1
            }
            let result = Double(sign: negative ? .minus : .plus, exponent: shift, significand: Double(topValue))
            return result
        }
    }

    var magnitudeLimbs: [UInt32] {
        switch storage {
        case .small(let v):
            let m = v.magnitude
            if m == 0 { return [] }
            let low = UInt32(truncatingIfNeeded: m)
            let high = UInt32(truncatingIfNeeded: m >> 32)
            return high == 0 ? [low] : [low, high]
        case .large(_, let m): return m
        }
    }

    static func normalized(negative: Bool, magnitude: [UInt32]) -> BigInt {
        var m = magnitude
        while let last = m.last, last == 0 { m.removeLast() }
        if m.count <= 2 {
            var value: UInt64 = 0
            for limb in m.reversed() { value = value << 32 | UInt64(limb) }
            if !negative, value <= UInt64(Int.max) { return BigInt(Int(value)) }
            if negative, value <= UInt64(Int.max) + 1 {
                return BigInt(value == UInt64(Int.max) + 1 ? Int.min : -Int(value))
            }
        }
        var result = BigInt(0)
        result.storage = .large(negative: negative && !m.isEmpty, magnitude: m)
        return result
    }

    // MARK: Magnitude arithmetic (little-endian UInt32 limbs)

    static func multiplyAdd(_ m: inout [UInt32], _ factor: UInt32, _ addend: UInt32) {
        var carry = UInt64(addend)
        for i in m.indices {
            let product = UInt64(m[i]) * UInt64(factor) + carry
            m[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { m.append(UInt32(carry)) }
    }

    static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }

    static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = [UInt32]()
        result.reserveCapacity(long.count + 1)
        var carry: UInt64 = 0
        for i in long.indices {
            let sum = UInt64(long[i]) + (i < short.count ? UInt64(short[i]) : 0) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry != 0 { result.append(UInt32(carry)) }
        return result
    }

    /// `a - b` for `a >= b`.
    static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = [UInt32]()
        result.reserveCapacity(a.count)
        var borrow: Int64 = 0
        for i in a.indices {
            var diff = Int64(a[i]) - (i < b.count ? Int64(b[i]) : 0) - borrow
            borrow = 0
            if diff < 0 { diff += 1 << 32; borrow = 1 }
            result.append(UInt32(diff))
        }
        while let last = result.last, last == 0 { result.removeLast() }
        return result
    }

    static func multiplyMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty || b.isEmpty { return [] }
        var result = [UInt32](repeating: 0, count: a.count + b.count)
        for i in a.indices {
            var carry: UInt64 = 0
            let ai = UInt64(a[i])
            if ai == 0 { continue }
            for j in b.indices {
                let t = ai * UInt64(b[j]) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + b.count
            while carry != 0 {
                let t = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        return result
    }

    /// Knuth's algorithm D: quotient and remainder of magnitudes.
    static func divideMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> (quotient: [UInt32], remainder: [UInt32]) {
        precondition(!b.isEmpty, "division by zero")
        if compareMagnitudes(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            let divisor = UInt64(b[0])
            var quotient = [UInt32](repeating: 0, count: a.count)
            var remainder: UInt64 = 0
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                let current = remainder << 32 | UInt64(a[i])
                quotient[i] = UInt32(current / divisor)
                remainder = current % divisor
            }
            while let last = quotient.last, last == 0 { quotient.removeLast() }
            return (quotient, remainder == 0 ? [] : [UInt32(remainder)])
        }
        let shift = b.last!.leadingZeroBitCount
        let v = shiftLeftMagnitude(b, shift)
        var u = shiftLeftMagnitude(a, shift)
        if u.count == a.count { u.append(0) }
        let n = v.count
        let m = u.count - n
        var q = [UInt32](repeating: 0, count: m)
        let vTop = UInt64(v[n - 1])
        let vNext = UInt64(v[n - 2])
        for j in stride(from: m - 1, through: 0, by: -1) {
            let numerator = UInt64(u[j + n]) << 32 | UInt64(u[j + n - 1])
            var qhat = numerator / vTop
            var rhat = numerator % vTop
            while qhat >= (1 << 32) || qhat * vNext > (rhat << 32 | UInt64(u[j + n - 2])) {
                qhat -= 1
                rhat += vTop
                if rhat >= (1 << 32) { break }
            }
            // Multiply and subtract.
            var borrow: Int64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let product = qhat * UInt64(v[i]) + carry
                carry = product >> 32
                let t = Int64(u[i + j]) - borrow - Int64(product & 0xFFFF_FFFF)
                u[i + j] = UInt32(truncatingIfNeeded: t)
                borrow = t < 0 ? 1 : 0
            }
            let t = Int64(u[j + n]) - borrow - Int64(carry)
            u[j + n] = UInt32(truncatingIfNeeded: t)
            if t < 0 {
                // qhat was one too large: add back.
                qhat -= 1
                var c: UInt64 = 0
                for i in 0..<n {
                    let s = UInt64(u[i + j]) + UInt64(v[i]) + c
                    u[i + j] = UInt32(truncatingIfNeeded: s)
                    c = s >> 32
                }
                u[j + n] = UInt32(truncatingIfNeeded: UInt64(u[j + n]) + c)
            }
            q[j] = UInt32(qhat)
        }
        while let last = q.last, last == 0 { q.removeLast() }
        var r = shiftRightMagnitude(Array(u[0..<n]), shift)
        while let last = r.last, last == 0 { r.removeLast() }
        return (q, r)
    }

    static func shiftLeftMagnitude(_ a: [UInt32], _ bits: Int) -> [UInt32] {
        if a.isEmpty { return a }
        let limbs = bits / 32, rest = bits % 32
        var result = [UInt32](repeating: 0, count: limbs)
        if rest == 0 { return result + a }
        var carry: UInt32 = 0
        for limb in a {
            result.append(limb << rest | carry)
            carry = limb >> (32 - rest)
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    static func shiftRightMagnitude(_ a: [UInt32], _ bits: Int) -> [UInt32] {
        let limbs = bits / 32, rest = bits % 32
        if limbs >= a.count { return [] }
        var result = Array(a[limbs...])
        if rest != 0 {
            for i in result.indices {
                let high = i + 1 < result.count ? result[i + 1] << (32 - rest) : 0
                result[i] = result[i] >> rest | high
            }
        }
        while let last = result.last, last == 0 { result.removeLast() }
        return result
    }

    func shiftedLeft(by bits: Int) -> BigInt {
        if bits <= 0 { return shiftedRight(by: -bits) }
        return BigInt(negative: isNegative, magnitude: BigInt.shiftLeftMagnitude(magnitudeLimbs, bits))
    }

    func shiftedRight(by bits: Int) -> BigInt {
        if bits <= 0 { return bits == 0 ? self : shiftedLeft(by: -bits) }
        return BigInt(negative: isNegative, magnitude: BigInt.shiftRightMagnitude(magnitudeLimbs, bits))
    }

    // MARK: Arithmetic

    public static prefix func - (x: BigInt) -> BigInt {
        if case .small(let v) = x.storage, v != Int.min { return BigInt(-v) }
        return BigInt(negative: !x.isNegative, magnitude: x.magnitudeLimbs)
    }

    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (sum, overflow) = x.addingReportingOverflow(y)
            if !overflow { return BigInt(sum) }
        }
        let am = a.magnitudeLimbs, bm = b.magnitudeLimbs
        if a.isNegative == b.isNegative {
            return BigInt(negative: a.isNegative, magnitude: addMagnitudes(am, bm))
        }
        let order = compareMagnitudes(am, bm)
        if order == 0 { return 0 }
        return order > 0
            ? BigInt(negative: a.isNegative, magnitude: subtractMagnitudes(am, bm))
            : BigInt(negative: b.isNegative, magnitude: subtractMagnitudes(bm, am))
    }

    public static func - (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            if !overflow { return BigInt(difference) }
        }
        return a + (-b)
    }

    public static func * (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            if !overflow { return BigInt(product) }
        }
        return BigInt(negative: a.isNegative != b.isNegative,
                      magnitude: multiplyMagnitudes(a.magnitudeLimbs, b.magnitudeLimbs))
    }

    /// Truncating division, as Swift's `Int` does: the remainder has the dividend's sign.
    public func quotientAndRemainder(dividingBy divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!divisor.isZero, "division by zero")
        if case .small(let x) = storage, case .small(let y) = divisor.storage, !(x == Int.min && y == -1) {
            return (BigInt(x / y), BigInt(x % y))
        }
        let (q, r) = BigInt.divideMagnitudes(magnitudeLimbs, divisor.magnitudeLimbs)
        return (BigInt(negative: isNegative != divisor.isNegative, magnitude: q),
                BigInt(negative: isNegative, magnitude: r))
    }

    public static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }
    public static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }
    public static func += (a: inout BigInt, b: BigInt) { a = a + b }
    public static func -= (a: inout BigInt, b: BigInt) { a = a - b }
    public static func *= (a: inout BigInt, b: BigInt) { a = a * b }

    public var magnitude: BigInt { isNegative ? -self : self }

    /// Greatest common divisor, always non-negative.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        if case .small(var x) = a.storage, case .small(var y) = b.storage, x != Int.min, y != Int.min {
            x = abs(x); y = abs(y)
            while y != 0 { (x, y) = (y, x % y) }
            return BigInt(x)
        }
        var x = a.magnitude, y = b.magnitude
        if x < y { swap(&x, &y) }
        // Lehmer's algorithm: Euclid's steps on the leading 63 bits give a 2×2
        // matrix that advances the full numbers by many steps at once. Plain
        // Euclid on numbers of tens of thousands of bits takes one full
        // division per step, seconds per gcd; exact arithmetic needs many.
        while y.bitWidth > 64 {
            let shift = x.bitWidth - 63
            var xHat = x.shiftedRight(by: shift).asInt!, yHat = y.shiftedRight(by: shift).asInt ?? 0
            var (p, q, r, s) = (1, 0, 0, 1)   // x' = p*x + q*y, y' = r*x + s*y
            while true {
                // The quotient is certain when both ends of its interval agree (Knuth 4.5.2, algorithm L).
                let (low, o1) = yHat.addingReportingOverflow(r), (high, o2) = yHat.addingReportingOverflow(s)
                if o1 || o2 || low <= 0 || high <= 0 { break }
                let (top1, o3) = xHat.addingReportingOverflow(p), (top2, o4) = xHat.addingReportingOverflow(q)
                if o3 || o4 || top1 < 0 || top2 < 0 { break }
                let quotient = top1 / low
                if quotient != top2 / high { break }
                let (qr, o5) = quotient.multipliedReportingOverflow(by: r), (qs, o6) = quotient.multipliedReportingOverflow(by: s)
                if o5 || o6 { break }
                let (newR, o7) = p.subtractingReportingOverflow(qr), (newS, o8) = q.subtractingReportingOverflow(qs)
                if o7 || o8 { break }
                (p, q, r, s) = (r, s, newR, newS)
                (xHat, yHat) = (yHat, xHat - quotient * yHat)
            }
            let (nextX, nextY) = q == 0 ? (y, x % y) : (BigInt(p) * x + BigInt(q) * y, BigInt(r) * x + BigInt(s) * y)
            // The matrix gives the remainders Euclid would reach; if ever not, take one plain step.
            (x, y) = nextX.isNegative || nextY.isNegative || nextX < nextY ? (y, x % y) : (nextX, nextY)
        }
        while !y.isZero { (x, y) = (y, x % y) }
        return x
    }

    /// `self` raised to a non-negative power by repeated squaring.
    public func power(_ exponent: Int) -> BigInt {
        precondition(exponent >= 0)
        var result: BigInt = 1
        var base = self
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    public static func < (a: BigInt, b: BigInt) -> Bool {
        if case .small(let x) = a.storage, case .small(let y) = b.storage { return x < y }
        if a.isNegative != b.isNegative { return a.isNegative }
        let order = compareMagnitudes(a.magnitudeLimbs, b.magnitudeLimbs)
        return a.isNegative ? order > 0 : order < 0
    }

    public var description: String {
        if case .small(let v) = storage { return String(v) }
        var m = magnitudeLimbs
        var chunks: [UInt32] = []
        while !m.isEmpty {
            var remainder: UInt64 = 0
            // A plain loop: `stride` costs a generic call per limb in debug builds,
            // and every exact number is printed once to be hashed.
            var i = m.count - 1
            while i >= 0 {
                let current = remainder << 32 | UInt64(m[i])
                m[i] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
                i -= 1
            }
            while let last = m.last, last == 0 { m.removeLast() }
            chunks.append(UInt32(remainder))
        }
        var text = isNegative ? "-" : ""
        text += String(chunks.last!)
        for chunk in chunks.dropLast().reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }
}
