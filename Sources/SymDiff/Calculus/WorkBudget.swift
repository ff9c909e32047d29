/// Limits on the work a differentiation may do.
///
/// The derivative of a composition n levels deep (`exp(exp(...(x)...))`) is a
/// product of n factors, and building it level by level costs O(n²) operands:
/// at 100,000 levels that is billions. Rather than run for hours or out of
/// memory, differentiation refuses such input up front (by depth) and stops
/// any other runaway growth (by operands built), with an error naming the limit.
struct WorkBudget {
    /// Expressions deeper than this are refused before any work.
    static let depthLimit = 10_000
    /// Operands (terms and factors) of all nodes built, summed.
    static let operandLimit = 5_000_000

    let operation: String
    private var spent = 0

    init(operation: String, for expression: Expr) throws {
        self.operation = operation
        if expression.height > WorkBudget.depthLimit {
            throw SymDiffError.limitExceeded(
                "\(operation): the expression is \(expression.height) levels deep; the differentiation depth limit is "
                + "\(WorkBudget.depthLimit) (its derivative would be a product of about as many factors)")
        }
    }

    mutating func charge(_ built: Expr) throws {
        // Operands one level further down too: `exp(a)*exp(b)` → `exp(a + b)`
        // grows the sum inside the exponential, not the product.
        spent += built.arguments.reduce(built.arguments.count) { $0 + $1.arguments.count }
        if spent > WorkBudget.operandLimit {
            throw SymDiffError.limitExceeded(
                "\(operation): the result grows past \(WorkBudget.operandLimit) operands (the differentiation work limit)")
        }
    }
}
