import Language
import SymDiff

/// Evaluates a parsed session value expression (`ValueSyntax`, from the
/// Language module's parser): one pass over its post-order nodes with a
/// stack of values, so nesting depth is limited by memory and never by the
/// call stack. Values are computed in the order the operators apply, and
/// each error points where the value or operator was written.
struct Interpreter {
    let session: Session
    let source: SourceText

    func evaluate(_ syntax: ValueSyntax) throws -> Value {
        // Each value with where it starts, for errors about it.
        var stack: [(value: Value, offset: Int)] = []
        func error(at offset: Int) -> (String) -> SourceError { { source.error(at: offset, $0) } }
        func pop(_ count: Int) -> ArraySlice<(value: Value, offset: Int)> {
            let items = stack.suffix(count)
            stack.removeLast(count)
            return items
        }
        for (node, offset) in syntax.nodes {
            switch node {
            case .integer(let digits):
                guard let value = BigInt(digits) else { throw source.error(at: offset, "bad integer") }
                stack.append((.expr(.number(Number(value))), offset))
            case .decimal(let value):
                stack.append((.expr(.number(Number(value))), offset))
            case .string(let text):
                stack.append((.text(text), offset))
            case .name(let name):
                stack.append((try session.reference(name, at: error(at: offset)), offset))
            case .binary(let op):
                let b = stack.removeLast(), a = stack.removeLast()
                stack.append((try session.binary(op, a.value, b.value, at: error(at: offset)), a.offset))
            case .unary(let op):
                let a = stack.removeLast()
                stack.append((op == "-" ? try session.negate(a.value, at: error(at: offset)) : a.value, offset))
            case .checkFunction(let name):
                guard session.isFunction(name) else { throw source.error(at: offset, session.unknownFunctionMessage(name)) }
            case .call(let name, let keywords):
                let arguments = zip(keywords, pop(keywords.count)).map { keyword, item in
                    Argument(name: keyword?.name, value: item.value, offset: keyword?.offset ?? item.offset)
                }
                stack.append((try session.call(name, arguments, source: source, at: offset), offset))
            case .list(let count):
                stack.append((.list(pop(count).map(\.value)), offset))
            case .record(let keys):
                stack.append((.record(zip(keys, pop(keys.count)).map { (name: $0, value: $1.value) }), offset))
            case .attribute(let name, let nameOffset):
                let target = stack.removeLast()
                stack.append((try session.attribute(target.value, name, at: error(at: nameOffset)), target.offset))
            }
        }
        return stack[0].value
    }
}

/// One argument of a call: positional (`name == nil`) or keyword (`x=1`).
struct Argument {
    let name: String?
    let value: Value
    /// Where the argument starts, for errors about it.
    let offset: Int
}
