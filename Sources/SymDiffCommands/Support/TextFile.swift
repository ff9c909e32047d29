import Foundation

/// Reads a UTF-8 text file named on the command line, with the one wording
/// every command uses when it cannot: "cannot read PATH: no such file",
/// "...: permission denied or not a file", "PATH is not UTF-8 text".
///
/// ```swift
/// let text = try readTextFile("derivation.txt")
/// ```
func readTextFile(_ path: String) throws(InputError) -> String {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw InputError("cannot read \(path): \(FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw InputError("\(path) is not UTF-8 text") }
    return text
}
