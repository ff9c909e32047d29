import Foundation

/// Reads a UTF-8 text file named on the command line, with the one wording
/// every command uses when it cannot: "cannot read PATH: no such file",
/// "...: permission denied or not a file", "PATH is not UTF-8 text".
/// Line ends come back as "\n" whether the file used LF, CRLF or CR.
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
    // A file saved on Windows ends its lines in CRLF; the readers expect LF.
    // (Swift treats "\r\n" as one Character, so replace scalars, not Characters.)
    guard text.unicodeScalars.contains("\r") else { return text }
    var scalars = String.UnicodeScalarView()
    var previousWasReturn = false
    for scalar in text.unicodeScalars {
        if previousWasReturn && scalar != "\n" { scalars.append("\n") }
        previousWasReturn = scalar == "\r"
        if !previousWasReturn { scalars.append(scalar) }
    }
    if previousWasReturn { scalars.append("\n") }
    return String(scalars)
}
