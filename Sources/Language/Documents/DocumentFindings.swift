/// A formula that was found and not checked, with why.
public struct SkippedFormula: Equatable, Sendable {
    public let line: Int
    public let column: Int
    public let text: String
    public let reason: String
}

/// What the reader decided that a person should see beside the verdicts:
/// a redefinition (`line 43 redefines \hat{y}, was \sigma(z)`), a binding of
/// the point, how a letter run was read.
public struct DocumentNote: Equatable, Sendable {
    public let line: Int
    public let text: String
}

/// A step of a worked example that could not be evaluated, with why
/// (a name with no value at the point).
public struct UndecidedStep: Equatable, Sendable {
    public let line: Int
    public let text: String
    public let reason: String
}
