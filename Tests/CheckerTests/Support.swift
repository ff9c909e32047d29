import Checker
import Foundation
import SymDiff

/// Checks the lines as one derivation file.
func check(_ lines: String..., options: CheckerOptions = CheckerOptions()) -> DerivationReport {
    DerivationChecker(options: options).check(lines.joined(separator: "\n"))
}

extension DerivationReport {
    /// The result of the claim on `line`.
    func claim(on line: Int) -> ClaimResult? { claims.first { $0.line == line } }
    /// The error on `line`.
    func error(on line: Int) -> SourceError? { errors.first { $0.line == line } }
}

/// The repository's `derivations/` folder, found from this file's path.
func derivationFile(_ name: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("derivations").appendingPathComponent(name), encoding: .utf8)
}

/// The README between `<!-- section: NAME -->` and `<!-- /section: NAME -->`.
func readmeSection(_ name: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    guard let start = readme.range(of: "<!-- section: \(name) -->"), let end = readme.range(of: "<!-- /section: \(name) -->") else {
        throw CocoaError(.fileReadCorruptFile)
    }
    return String(readme[start.upperBound..<end.lowerBound])
}
