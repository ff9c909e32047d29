/// The point of a document's worked examples as it changes down the page
/// (`w = 1.2`, later `w = 0.38`): every binding with the time it was made, so
/// a step can be evaluated at the point as it stood on its line without each
/// step keeping a copy of the whole point (which made long documents quadratic).
///
/// ```swift
/// var history = PointHistory()
/// history.bind("w", 1.2)
/// let before = history.now
/// history.bind("w", 0.38)
/// history.value("w", at: before)   // 1.2
/// ```
struct PointHistory {
    /// Bindings made so far: the time of the next step.
    private(set) var now = 0
    private var bindings: [String: [(time: Int, value: Double)]] = [:]

    mutating func bind(_ name: String, _ value: Double) {
        now += 1
        bindings[name, default: []].append((now, value))
    }

    /// The value `name` had after the first `time` bindings.
    func value(_ name: String, at time: Int) -> Double? {
        guard let list = bindings[name] else { return nil }
        // The last binding made by `time` (times increase along the list).
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].time <= time { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : list[low - 1].value
    }

    /// Every name ever bound, sorted.
    var sortedNames: [String] { bindings.keys.sorted() }

    /// The first name in `sorted` (from `sortedNames`) that starts with
    /// `prefix` and has a value at `time`.
    func first(withPrefix prefix: String, at time: Int, in sorted: [String]) -> String? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < prefix { low = mid + 1 } else { high = mid }
        }
        var i = low
        while i < sorted.count, sorted[i].hasPrefix(prefix) {
            if value(sorted[i], at: time) != nil { return sorted[i] }
            i += 1
        }
        return nil
    }
}
