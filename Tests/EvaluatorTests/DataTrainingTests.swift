import Foundation
import Networks
import SymDiff
import Testing
@testable import Evaluator

@Suite("Dataset from CSV: quoting, line ends, positioned errors")
struct CSVReadingTests {
    @Test("quoted fields, doubled quotes, CRLF, a byte-order mark and spaces are read", arguments: [
        ("\"x 1\",\"y\"\n\"1.5\", 2\n", ["x 1", "y"], [[1.5], [2]]),
        ("\"a\"\"b\",c\n1,2\n", ["a\"b", "c"], [[1], [2]]),
        ("x,t\r\n1,2\r\n3,4\r\n", ["x", "t"], [[1, 3], [2, 4]]),
        ("\u{FEFF}x,t\n1,2\n", ["x", "t"], [[1], [2]]),
        ("x , t\n  1 ,\"2\"  \n\n# a comment\n-3e-2,4\n", ["x", "t"], [[1, -0.03], [2, 4]]),
    ])
    func reads(text: String, names: [String], columns: [[Double]]) throws {
        let data = try Dataset(csv: text)
        #expect(data.names == names)
        #expect(data.columns == columns)
    }

    @Test("what cannot be read is named by line, column and character", arguments: [
        ("x,t\n\"1,2\n", "line 2, character 1: the quote that opens this field is not closed"),
        ("x,t\n\"1\"a,2\n", "line 2, character 4: expected a comma after the quoted field, found 'a'"),
        ("x,,t\n1,2,3\n", "line 1: column 2 of the header has no name"),
        ("x,t\n0x10,1\n", "line 2, column 'x': '0x10' is not a number (character 1)"),
        ("x,t\n1, abc\n", "line 2, column 't': 'abc' is not a number (character 4)"),
        ("x,t\n1,2\n3,4,5\n", "line 3: 3 fields, the header has 2"),
        ("\n# only a comment\n", "the data set is empty: expected a header line of column names"),
    ])
    func errors(text: String, message: String) {
        #expect(throws: DatasetError(message)) { try Dataset(csv: text) }
    }

    @Test("a missing column is named with the nearest existing one and the list")
    func missingColumn() throws {
        let data = try Dataset(csv: "x1,x2,label\n1,2,0\n")
        #expect(throws: DatasetError("no column 'lable' (did you mean 'label'? columns: x1, x2, label)")) { try data.column("lable") }
        #expect(throws: DatasetError("no column 'colour' (columns: x1, x2, label)")) { try data.column("colour") }
    }

    @Test("a split is deterministic, disjoint, and covers every row once, rows kept whole")
    func split() throws {
        let x = (0..<10).map(Double.init)
        let data = try Dataset(columns: [("x", x), ("t", x.map { 10 * $0 })])
        let (training, heldOut) = data.split(heldOut: 0.2, seed: 42)
        #expect(training.count == 8 && heldOut.count == 2)
        let rows = try training.column("x") + heldOut.column("x")
        #expect(rows.sorted() == x)
        for part in [training, heldOut] { #expect(try part.column("t") == part.column("x").map { 10 * $0 }) }
        let again = data.split(heldOut: 0.2, seed: 42)
        #expect(try again.heldOut.column("x") == heldOut.column("x"))
        // At least one row on each side, however small the fraction.
        #expect(data.split(heldOut: 0.01, seed: 1).heldOut.count == 1)
        #expect(data.split(heldOut: 0.99, seed: 1).training.count == 1)
    }

    @Test("selecting renames columns to a network's symbols, in the order asked")
    func selecting() throws {
        let data = try Dataset(csv: "label,u,v\n1,2,3\n")
        let renamed = try data.selecting(["u", "v", "label"], as: ["x1", "x2", "t1"])
        #expect(renamed.names == ["x1", "x2", "t1"])
        #expect(renamed.columns == [[2], [3], [1]])
    }
}

@Suite("NetworkEvaluator: loss and predictions on a whole data set")
struct NetworkEvaluatorTests {
    @Test("a one-unit linear network: loss and tolerance rate worked by hand")
    func linear() throws {
        // ŷ = 2x + 1 on x = 1, 2, 3 gives 3, 5, 7; targets 3, 4, 8; half squared errors 0, 1/2, 1/2.
        let net = Network(layerSizes: [1, 1], activations: [.identity], loss: .halfSquaredError)
        #expect(net.parameters.map(\.description) == ["W1_1_1", "b1_1"])
        let data = try Dataset(columns: [("x1", [1, 2, 3]), ("t1", [3, 4, 8])])
        let result = try NetworkEvaluator(net, data: data).evaluate(parameters: [2, 1])
        #expect(result.predictions == [[3, 5, 7]])
        #expect(result.loss == 1.0 / 3)          // (0 + 1/2 + 1/2) / 3
        #expect(result.toleranceRate == 1.0 / 3)  // only |3 - 3| is within 0.5
        // Without the target column there is no loss, only predictions.
        let inputsOnly = try NetworkEvaluator(net, data: try Dataset(columns: [("x1", [1, 2, 3])])).evaluate(parameters: [2, 1])
        #expect(inputsOnly.predictions == [[3, 5, 7]] && inputsOnly.loss == nil && inputsOnly.toleranceRate == nil)
    }

    @Test("a 2-3-1 sigmoid network: the mean loss agrees with the interpreter, sample by sample")
    func sigmoidNetwork() throws {
        let net = Network(layerSizes: [2, 3, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError)
        let parameters = TrainingExample.linearLayerInitialisation(net, seed: 5)
        let data = Dataset.circles(count: 40, noise: 0.1, factor: 0.5, seed: 3)
        let result = try NetworkEvaluator(net, data: data).evaluate(parameters: parameters)
        var total = 0.0
        for row in 0..<data.count {
            var point = Dictionary(uniqueKeysWithValues: zip(net.parameters.map(\.description), parameters))
            for (name, column) in zip(data.names, data.columns) { point[name] = column[row] }
            total += try net.loss.evaluate(at: point)
        }
        let loss = try #require(result.loss)
        #expect(Swift.abs(loss - total / Double(data.count)) <= 1e-12 * loss)
    }
}

@Suite("TrainingPlot: log-scale loss axis and the held-out curve")
struct TrainingPlotTests {
    /// Losses falling geometrically from `first` to `last` over `epochs` epochs.
    static func history(_ epochs: Int, from first: Double, to last: Double, rate: Double? = 0.5) -> [EpochRecord] {
        (1...epochs).map { e in
            .measured(epoch: e, loss: first * Foundation.pow(last / first, Double(e - 1) / Double(epochs - 1)), toleranceRate: rate)
        }
    }

    @Test("log ticks are 1, 2, 5 × 10^k over up to three decades, powers of ten beyond", arguments: [
        (0.0157, 0.17, ["0.01", "0.02", "0.05", "0.1", "0.2"]),
        (0.17, 4.1, ["0.1", "0.2", "0.5", "1", "2", "5"]),
        (0.002, 50.0, ["0.001", "0.01", "0.1", "1", "10", "100"]),
    ])
    func logTicks(low: Double, high: Double, labels: [String]) {
        #expect(TrainingPlot.logTicks(low, high).map(TrainingPlot.label) == labels)
    }

    @Test("the loss axis is logarithmic only when positive losses span more than a decade", arguments: [
        ([4.1, 0.17], true), ([1, 0.2], false), ([0, 5], false), ([2, 0.25], false), ([3, 0.25], true),
    ])
    func decades(losses: [Double], logarithmic: Bool) {
        #expect(TrainingPlot.spansDecades(losses) == logarithmic)
    }

    @Test("with held-out records: well-formed SVG, two curves per panel, a legend, log ticks")
    func heldOut() throws {
        let svg = TrainingPlot.svg(Self.history(50, from: 4.1, to: 0.17, rate: 0.8), title: "circles <data> & more",
                                   heldOut: Self.history(50, from: 3.9, to: 0.2, rate: 0.75))
        try expectWellFormed(svg)
        #expect(svg.components(separatedBy: "<polyline").count == 5)   // training and held-out, loss and rate
        #expect(svg.components(separatedBy: "stroke-dasharray").count == 5)   // two dashed curves, two legend keys
        #expect(svg.contains(">Loss (log scale)<") && svg.contains(">held-out<") && svg.contains(">training<"))
        for tick in [">0.1<", ">0.2<", ">0.5<", ">1<", ">2<", ">5<"] { #expect(svg.contains(tick), "\(tick)") }
        #expect(svg.contains("circles &lt;data&gt; &amp; more"))
    }

    @Test("within a decade, no held-out: a linear axis from 0 and one curve per panel, as before")
    func linearAxis() throws {
        let svg = TrainingPlot.svg(Self.history(20, from: 1, to: 0.5), title: "t")
        try expectWellFormed(svg)
        #expect(!svg.contains("log scale") && !svg.contains("held-out"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.contains(">0<") && svg.contains(">0.2<"))
    }
}

/// XML well-formedness as far as this SVG uses it: every element closed in
/// order, attributes quoted, `&` only in entities, one root `<svg>`.
func expectWellFormed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let attribute = try Regex(#"^\s+[A-Za-z_:][-A-Za-z0-9_:.]*="[^"<]*""#)
    let entity = try Regex(#"^&(amp|lt|gt|quot|apos);"#)
    var open: [String] = []
    var roots = 0
    var rest = text[...]
    while let c = rest.first {
        if c == "&" {
            guard rest.prefixMatch(of: entity) != nil else { Issue.record("a bare & near \(rest.prefix(20))", sourceLocation: sourceLocation); return }
            rest = rest.dropFirst()
            continue
        }
        guard c == "<" else { rest = rest.dropFirst(); continue }
        guard let close = rest.firstIndex(of: ">") else { Issue.record("an unclosed tag", sourceLocation: sourceLocation); return }
        var tag = rest[rest.index(after: rest.startIndex)..<close]
        rest = rest[rest.index(after: close)...]
        if tag.hasPrefix("/") {
            guard open.popLast() == String(tag.dropFirst()) else { Issue.record("</\(tag.dropFirst())> closes the wrong element", sourceLocation: sourceLocation); return }
            continue
        }
        let selfClosing = tag.hasSuffix("/")
        if selfClosing { tag = tag.dropLast() }
        let name = String(tag.prefix { !$0.isWhitespace })
        guard !name.isEmpty else { Issue.record("a tag without a name", sourceLocation: sourceLocation); return }
        var attributes = tag.dropFirst(name.count)
        while let match = attributes.prefixMatch(of: attribute) { attributes = attributes[match.range.upperBound...] }
        guard attributes.allSatisfy(\.isWhitespace) else {
            Issue.record("<\(name)>: malformed attributes '\(attributes.prefix(30))'", sourceLocation: sourceLocation)
            return
        }
        if open.isEmpty { roots += 1; #expect(name == "svg", sourceLocation: sourceLocation) }
        if !selfClosing { open.append(name) }
    }
    #expect(open.isEmpty && roots == 1, "unclosed \(open), \(roots) root elements", sourceLocation: sourceLocation)
}
