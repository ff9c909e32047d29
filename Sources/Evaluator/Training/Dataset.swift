import Foundation
import SymDiff

/// Training data as named columns of equal length, every value finite.
///
/// Columns are named after the symbols they bind (`x1`, `x2`, `t1`), stored
/// contiguously so a batch is a range of rows that compiled code reads in
/// place. A NaN or infinite value is refused when the data set is made,
/// naming the column and row, so training never starts on bad data.
///
/// ```swift
/// let data = try Dataset(columns: [("x", [5, 3]), ("target", [0.7, 0.3])])
/// data.count        // 2
/// try Dataset(csv: "x,t\n1,2\nnan,3\n")   // throws: column 'x', row 2 is nan
/// ```
public struct Dataset: Sendable {
    /// Column names, in order.
    public let names: [String]
    /// The columns, one array per name.
    public let columns: [[Double]]

    /// The number of rows (samples).
    public var count: Int { columns.first?.count ?? 0 }

    /// - Throws: `DatasetError` for columns of different lengths, a repeated
    ///   name, or a value that is not finite.
    public init(columns: [(name: String, values: [Double])]) throws {
        var seen = Set<String>()
        for (name, values) in columns {
            guard seen.insert(name).inserted else { throw DatasetError("column '\(name)' appears twice") }
            if let first = columns.first, values.count != first.values.count {
                throw DatasetError("column '\(name)' has \(values.count) rows, column '\(first.name)' has \(first.values.count)")
            }
            if let row = values.firstIndex(where: { !$0.isFinite }) {
                // Rows are numbered from 1, as a person reading the file counts them.
                throw DatasetError("column '\(name)', row \(row + 1) is \(values[row]): a data set must hold finite numbers only")
            }
        }
        names = columns.map(\.name)
        self.columns = columns.map(\.values)
    }

    /// Reads comma-separated values with a header line of column names.
    /// Blank lines and lines starting with `#` are skipped; a field may be
    /// quoted (`"x 1"`, with `""` for a quote inside it), and line ends may be
    /// LF or CRLF. A byte-order mark before the header is ignored.
    ///
    /// ```swift
    /// let data = try Dataset(csv: "\"x1\",x2,y\n0.5,1,0\n")   // columns x1, x2, y
    /// ```
    ///
    /// - Throws: `DatasetError` naming the line (and column) of anything that
    ///   is not a finite number, a row with the wrong number of fields, an
    ///   unclosed quote (with its character position) or an empty header name.
    public init(csv text: String) throws {
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated()
            .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.1.isEmpty && !$0.1.hasPrefix("#") }
        if let first = lines.first, first.1.hasPrefix("\u{FEFF}") { lines[0].1 = String(first.1.dropFirst()) }
        guard !lines.isEmpty else { throw DatasetError("the data set is empty: expected a header line of column names") }
        let (headerLine, headerText) = lines.removeFirst()
        let header = try Self.fields(of: headerText, line: headerLine).map { $0.text }
        if let empty = header.firstIndex(where: \.isEmpty) {
            throw DatasetError("line \(headerLine): column \(empty + 1) of the header has no name")
        }
        var values = header.map { _ in [Double]() }
        for (line, text) in lines {
            let fields = try Self.fields(of: text, line: line)
            guard fields.count == header.count else {
                throw DatasetError("line \(line): \(fields.count) fields, the header has \(header.count)")
            }
            for (k, field) in fields.enumerated() {
                // Hexadecimal ("0x10") is something Double reads but no data file means.
                guard let value = Double(field.text), !field.text.lowercased().contains("x") else {
                    throw DatasetError("line \(line), column '\(header[k])': '\(field.text)' is not a number (character \(field.position))")
                }
                guard value.isFinite else {
                    throw DatasetError("line \(line), column '\(header[k])' is \(field.text): a data set must hold finite numbers only")
                }
                values[k].append(value)
            }
        }
        try self.init(columns: Array(zip(header, values)).map { (name: $0.0, values: $0.1) })
    }

    /// The fields of one CSV line, trimmed, with the character (from 1) each
    /// starts at. A quoted field keeps commas and spaces; `""` is a quote.
    /// `symdiff train --inputs` reads its list of column names with it.
    ///
    /// ```swift
    /// try Dataset.fields(of: #"1, "a, b""#, line: 1)   // [("1", 1), ("a, b", 4)]
    /// ```
    ///
    /// - Throws: `DatasetError` for an unclosed quote or text after a closing one.
    public static func fields(of line: String, line number: Int) throws -> [(text: String, position: Int)] {
        var fields: [(text: String, position: Int)] = []
        // Most lines hold no quote: split them directly (a 100,000-row file is read in one pass).
        if !line.contains("\"") {
            var position = 1
            for raw in line.split(separator: ",", omittingEmptySubsequences: false) {
                let leading = raw.prefix { $0 == " " || $0 == "\t" }.count
                fields.append((raw.trimmingCharacters(in: .whitespaces), position + leading))
                position += raw.count + 1
            }
            return fields
        }
        var characters = Array(line)[...]
        var position = 1
        while true {
            let leading = characters.prefix { $0 == " " || $0 == "\t" }.count
            characters = characters.dropFirst(leading)
            position += leading
            let start = position
            var text = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                position += 1
                var closed = false
                while let c = characters.popFirst() {
                    position += 1
                    if c == "\"" {
                        if characters.first == "\"" { text.append("\""); characters = characters.dropFirst(); position += 1; continue }
                        closed = true
                        break
                    }
                    text.append(c)
                }
                guard closed else { throw DatasetError("line \(number), character \(start): the quote that opens this field is not closed") }
                let trailing = characters.prefix { $0 == " " || $0 == "\t" }.count
                characters = characters.dropFirst(trailing)
                position += trailing
                if let next = characters.first, next != "," {
                    throw DatasetError("line \(number), character \(position): expected a comma after the quoted field, found '\(next)'")
                }
            } else {
                let raw = characters.prefix { $0 != "," }
                characters = characters.dropFirst(raw.count)
                position += raw.count
                text = String(raw).trimmingCharacters(in: .whitespaces)
            }
            fields.append((text, start))
            guard characters.popFirst() != nil else { return fields }
            position += 1
        }
    }

    /// The column named `name`.
    ///
    /// - Throws: `DatasetError` naming the missing column, the nearest
    ///   existing name (`did you mean 'x2'?`) and every column.
    public func column(_ name: String) throws -> [Double] {
        guard let i = names.firstIndex(of: name) else {
            let guess = Suggestions.closest(to: name, among: names).map { "did you mean '\($0)'? " } ?? ""
            throw DatasetError("no column '\(name)' (\(guess)columns: \(names.joined(separator: ", ")))")
        }
        return columns[i]
    }

    /// The columns for `names`, in that order.
    public func columns(_ names: [String]) throws -> [[Double]] { try names.map(column) }

    /// The columns `names` under new names `renamed` (same length), in that
    /// order; other columns are left out.
    ///
    /// ```swift
    /// try data.selecting(["u", "v", "label"], as: ["x1", "x2", "t1"])   // a network's symbols
    /// ```
    public func selecting(_ names: [String], as renamed: [String]) throws -> Dataset {
        precondition(names.count == renamed.count, "one new name per column")
        return try Dataset(columns: Array(zip(renamed, try columns(names))).map { (name: $0.0, values: $0.1) })
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> Dataset {
        // The values come from a valid data set, so they are finite and the columns equal in length.
        try! Dataset(columns: zip(names, columns).map { name, column in (name: name, values: indices.map { column[$0] }) })
    }

    /// The rows shuffled by `seed` (Fisher–Yates over `SplitMix64`), then
    /// cut in two: `heldOut` gets `fraction` of them (rounded, at least one
    /// row, leaving at least one), `training` the rest.
    ///
    /// ```swift
    /// let (training, heldOut) = data.split(heldOut: 0.2, seed: 42)   // 800 and 200 of 1,000 rows
    /// ```
    ///
    /// - Precondition: at least two rows, 0 < `fraction` < 1.
    public func split(heldOut fraction: Double, seed: UInt64) -> (training: Dataset, heldOut: Dataset) {
        precondition(count >= 2 && fraction > 0 && fraction < 1, "a split needs two rows and a fraction between 0 and 1")
        let order = shuffledRows(seed: seed)
        let heldOutCount = Swift.min(Swift.max(Int((fraction * Double(count)).rounded()), 1), count - 1)
        return (rows(Array(order.dropFirst(heldOutCount))), rows(Array(order.prefix(heldOutCount))))
    }

    /// The row indices in an order drawn from `seed`.
    public func shuffledRows(seed: UInt64) -> [Int] {
        var order = Array(0..<count)
        var rng = SplitMix64(seed: seed)
        Self.shuffle(&order, &rng)
        return order
    }
}

/// A data set that cannot be used, with the reason (column, row or line).
public struct DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
