/// Simplification (being written).
extension Expr {
    /// A simpler equal expression (in progress: returns `self`).
    public func simplify() -> Expr { self }
    /// Products and integer powers of sums multiplied out.
    public func expand(termLimit: Int = 100_000) throws -> Expr { self }
    /// Over a common denominator.
    public func together() -> Expr { self }
}
