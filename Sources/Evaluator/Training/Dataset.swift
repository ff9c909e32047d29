import Foundation

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
    /// Blank lines and lines starting with `#` are skipped.
    ///
    /// - Throws: `DatasetError` naming the line (and column) of anything that
    ///   is not a finite number, or a row with the wrong number of fields.
    public init(csv text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.1.isEmpty && !$0.1.hasPrefix("#") }
        guard !lines.isEmpty else { throw DatasetError("the data set is empty: expected a header line of column names") }
        let header = lines.removeFirst().1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var values = header.map { _ in [Double]() }
        for (line, text) in lines {
            let fields = text.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw DatasetError("line \(line): \(fields.count) fields, the header has \(header.count)")
            }
            for (k, field) in fields.enumerated() {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                guard let value = Double(trimmed) else {
                    throw DatasetError("line \(line), column '\(header[k])': '\(trimmed)' is not a number")
                }
                guard value.isFinite else {
                    throw DatasetError("line \(line), column '\(header[k])' is \(trimmed): a data set must hold finite numbers only")
                }
                values[k].append(value)
            }
        }
        try self.init(columns: Array(zip(header, values)).map { (name: $0.0, values: $0.1) })
    }

    /// The column named `name`.
    public func column(_ name: String) throws -> [Double] {
        guard let i = names.firstIndex(of: name) else {
            throw DatasetError("no column '\(name)' (columns: \(names.joined(separator: ", ")))")
        }
        return columns[i]
    }

    /// The columns for `names`, in that order.
    public func columns(_ names: [String]) throws -> [[Double]] { try names.map(column) }
}

/// A data set that cannot be used, with the reason (column, row or line).
public struct DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
