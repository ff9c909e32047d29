import Foundation
import Networks
import SymDiff

/// A trained network as `train --save` writes it and `predict` reads it:
/// the layer sizes, activations and loss, the data columns it reads and
/// predicts, and every parameter by name.
///
///     {"format":"symdiff-parameters","version":1,"layers":[2,10,1],
///      "activations":["sigmoid","identity"],"loss":"mse",
///      "inputs":["x1","x2"],"targets":["y"],"parameters":{"W1_1_1":0.53,...}}
///
/// Reading checks everything before anything runs: the file is JSON of this
/// format, the network can be built, the columns fit its sizes, and the
/// parameters are exactly the network's, each a finite number.
///
/// ```swift
/// try SavedNetwork(network: net, parameters: trainer.parameters, inputColumns: ["u", "v"], targetColumns: ["y"])
///     .json().serialized()
/// let saved = try SavedNetwork(file: "params.json")
/// ```
struct SavedNetwork {
    static let format = "symdiff-parameters"
    static let version = 1

    let network: Network
    /// In the network's parameter order.
    let parameters: [Double]
    /// The data file's columns for x1 ... xn and for t1 ... tm.
    let inputColumns: [String]
    let targetColumns: [String]

    init(network: Network, parameters: [Double], inputColumns: [String], targetColumns: [String]) {
        precondition(parameters.count == network.parameters.count && inputColumns.count == network.inputs.count
                     && targetColumns.count == network.targets.count, "the saved values must fit the network")
        self.network = network
        self.parameters = parameters
        self.inputColumns = inputColumns
        self.targetColumns = targetColumns
    }

    /// The whole file.
    func json() -> JSON {
        .object([("format", .string(Self.format)), ("version", .integer(Self.version))] + networkFields
                + [("parameters", .object(zip(network.parameters, parameters).map { ($0.description, .number($1)) }))])
    }

    /// The network without its values: `train --format json`'s "network".
    func networkJSON() -> JSON { .object(networkFields) }

    private var networkFields: [(String, JSON)] {
        [
            ("layers", .array(network.layerSizes.map(JSON.integer))),
            ("activations", .array(network.layers.map { .string($0.activation.description) })),
            ("loss", .string(network.lossFunction.description)),
            ("inputs", .array(inputColumns.map(JSON.string))),
            ("targets", .array(targetColumns.map(JSON.string))),
        ]
    }

    /// Reads and validates a file `json()` wrote.
    ///
    /// - Throws: `InputError` starting with the path and naming what is wrong:
    ///   not JSON, another format, a missing or mistyped field, a network that
    ///   cannot be built, a missing, unknown or non-finite parameter.
    init(file path: String) throws {
        let text = try readTextFile(path)
        func fail(_ message: String) -> InputError { InputError("\(path): \(message)") }
        let object: [String: Any]
        do {
            guard let top = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw fail("expected a JSON object with the saved network (from 'symdiff train --save')")
            }
            object = top
        } catch let error as InputError {
            throw error
        } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String
            throw fail("not valid JSON" + (detail.map { " (\($0))" } ?? ""))
        }
        guard object["format"] as? String == Self.format else {
            throw fail("not a saved network: expected \"format\": \"\(Self.format)\" (files from 'symdiff train --save')")
        }
        guard let version = object["version"] as? Int, version == Self.version else {
            throw fail("version \(object["version"].map { "\($0)" } ?? "missing"); this symdiff reads version \(Self.version)")
        }
        func strings(_ key: String) throws -> [String] {
            guard let list = object[key] as? [Any], let items = list as? [String] else {
                throw fail("\"\(key)\" must be a list of names")
            }
            return items
        }
        let sizeValues = object["layers"] as? [Any] ?? []
        let sizes = sizeValues.compactMap { ($0 as? Double).flatMap { $0 == $0.rounded() && $0 >= 1 && $0 <= 64 ? Int($0) : nil } }
        guard !sizes.isEmpty, sizes.count == sizeValues.count else {
            throw fail("\"layers\" must be a list of layer sizes from 1 to 64, the input size first")
        }
        let activations = try strings("activations").map { name in
            guard let a = Activation(name: name) else { throw fail("unknown activation '\(name)' in \"activations\"") }
            return a
        }
        guard let lossName = object["loss"] as? String else { throw fail("\"loss\" must be a loss name (mse, mse-mean, bce, ce)") }
        guard let loss = Loss(name: lossName) else { throw fail("unknown loss '\(lossName)' in \"loss\"") }
        if let problem = Network.problem(layerSizes: sizes, activations: activations, loss: loss) { throw fail(problem) }
        let network = Network(layerSizes: sizes, activations: activations, loss: loss)
        let inputs = try strings("inputs"), targets = try strings("targets")
        guard inputs.count == sizes[0] else {
            throw fail("\"inputs\" names \(inputs.count) column\(inputs.count == 1 ? "" : "s") for \(sizes[0]) network inputs")
        }
        guard targets.count == sizes[sizes.count - 1] else {
            throw fail("\"targets\" names \(targets.count) column\(targets.count == 1 ? "" : "s") for \(sizes[sizes.count - 1]) network outputs")
        }
        guard let values = object["parameters"] as? [String: Any] else {
            throw fail("\"parameters\" must be an object of parameter names and values")
        }
        let names = network.parameters.map(\.description)
        for key in values.keys.sorted() where !names.contains(key) {
            let guess = Suggestions.closest(to: key, among: names.filter { values[$0] == nil }).map { " (did you mean '\($0)'?)" } ?? ""
            throw fail("unknown parameter '\(key)'\(guess): a \(sizes.map(String.init).joined(separator: "-")) network has \(names.first!) ... \(names.last!)")
        }
        let parameters = try names.map { name -> Double in
            guard let raw = values[name] else { throw fail("parameter '\(name)' is missing (\(names.count) expected)") }
            guard let value = raw as? Double, value.isFinite else {
                throw fail("parameter '\(name)' must be a finite number, got \(raw)")
            }
            return value
        }
        self.init(network: network, parameters: parameters, inputColumns: inputs, targetColumns: targets)
    }
}
