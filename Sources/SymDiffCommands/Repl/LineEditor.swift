/// The REPL's line editor as a pure state machine: terminal bytes in, the
/// line, the cursor and the bytes to echo out. No terminal is touched here,
/// so every key is testable; a raw-mode terminal only feeds it bytes.
///
/// ```swift
/// var editor = LineEditor(prompt: ">>> ")
/// for byte in Array("ab".utf8) + [0x1B, 0x5B, 0x44] { _ = editor.feed(byte) }   // a, b, ←
/// editor.line     // "ab"
/// editor.cursor   // 1
/// editor.feed(13) // .submit("ab")
/// ```
struct LineEditor {
    /// What a key did to the line being edited.
    enum Outcome: Equatable {
        case editing
        /// Enter: the finished line.
        case submit(String)
        /// Ctrl-C: the line is dropped; the session goes on.
        case cancel
        /// Ctrl-D on an empty line.
        case endOfInput
    }

    var prompt: String
    /// Earlier lines, oldest first; up/down walk through them.
    var history: [String]
    /// Words Tab may complete the word before the cursor to.
    var completions: () -> [String]

    private(set) var characters: [Character] = []
    private(set) var cursor = 0
    /// Bytes to write to the terminal since the last `takeOutput()`.
    private(set) var output = ""
    private var escape: [UInt8] = []
    private var utf8: [UInt8] = []
    private var historyIndex: Int
    private var draft: [Character] = []

    init(prompt: String, history: [String] = [], completions: @escaping () -> [String] = { [] }) {
        self.prompt = prompt
        self.history = history
        self.completions = completions
        historyIndex = history.count
    }

    var line: String { String(characters) }

    /// The echo so far, emptied.
    mutating func takeOutput() -> String {
        defer { output = "" }
        return output
    }

    /// Handles one byte from the terminal.
    mutating func feed(_ byte: UInt8) -> Outcome {
        if !escape.isEmpty { return feedEscape(byte) }
        if !utf8.isEmpty || byte >= 0x80 { return feedUTF8(byte) }
        switch byte {
        case 13, 10:
            output += "\r\n"
            let finished = line
            if !finished.trimmingCharacters(in: .whitespaces).isEmpty { history.append(finished) }
            reset()
            return .submit(finished)
        case 3:
            output += "^C\r\n"
            reset()
            return .cancel
        case 4:
            if characters.isEmpty { return .endOfInput }
            deleteForward()
        case 0x7F, 8:
            guard cursor > 0 else { return .editing }
            cursor -= 1
            characters.remove(at: cursor)
            redraw()
        case 1: moveCursor(to: 0)
        case 5: moveCursor(to: characters.count)
        case 9: complete()
        case 0x1B: escape = [byte]
        case 32..<0x7F: insert(Character(Unicode.Scalar(byte)))
        default: break
        }
        return .editing
    }

    private mutating func feedEscape(_ byte: UInt8) -> Outcome {
        escape.append(byte)
        // ESC [ … final byte (0x40–0x7E), or ESC O final: a complete sequence.
        if escape.count == 2 {
            if byte != UInt8(ascii: "[") && byte != UInt8(ascii: "O") { escape = [] }
            return .editing
        }
        guard (0x40...0x7E).contains(byte) else { return .editing }
        let sequence = String(decoding: escape.dropFirst(), as: UTF8.self)
        escape = []
        switch sequence {
        case "[D", "OD": moveCursor(to: cursor - 1)
        case "[C", "OC": moveCursor(to: cursor + 1)
        case "[H", "OH", "[1~", "[7~": moveCursor(to: 0)
        case "[F", "OF", "[4~", "[8~": moveCursor(to: characters.count)
        case "[3~": deleteForward()
        case "[A", "OA": recall(historyIndex - 1)
        case "[B", "OB": recall(historyIndex + 1)
        default: break
        }
        return .editing
    }

    private mutating func feedUTF8(_ byte: UInt8) -> Outcome {
        utf8.append(byte)
        let expected = utf8[0] >= 0xF0 ? 4 : utf8[0] >= 0xE0 ? 3 : utf8[0] >= 0xC0 ? 2 : 1
        guard utf8.count >= expected else { return .editing }
        let text = String(decoding: utf8, as: UTF8.self)
        utf8 = []
        for character in text where character != "\u{FFFD}" { insert(character) }
        return .editing
    }

    private mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
        redraw()
    }

    private mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
        redraw()
    }

    private mutating func moveCursor(to position: Int) {
        let clamped = Swift.min(Swift.max(position, 0), characters.count)
        guard clamped != cursor else { return }
        cursor = clamped
        redraw()
    }

    private mutating func recall(_ index: Int) {
        guard index >= 0, index <= history.count, index != historyIndex else { return }
        if historyIndex == history.count { draft = characters }
        historyIndex = index
        characters = index == history.count ? draft : Array(history[index])
        cursor = characters.count
        redraw()
    }

    /// Completes the word before the cursor when exactly one candidate (or
    /// a longer common prefix of several) extends it.
    private mutating func complete() {
        var start = cursor
        while start > 0, characters[start - 1] == "_" || characters[start - 1].isLetter || characters[start - 1].isNumber { start -= 1 }
        let word = String(characters[start..<cursor])
        guard !word.isEmpty else { return }
        let matches = Set(completions().filter { $0.hasPrefix(word) && $0 != word }).sorted()
        guard var common = matches.first else { return }
        for match in matches.dropFirst() {
            while !match.hasPrefix(common) { common.removeLast() }
        }
        let added = common.dropFirst(word.count)
        guard !added.isEmpty else { return }
        characters.insert(contentsOf: added, at: cursor)
        cursor += added.count
        redraw()
    }

    private mutating func reset() {
        characters = []
        cursor = 0
        escape = []
        utf8 = []
        historyIndex = history.count
        draft = []
    }

    /// Rewrites the whole line and puts the cursor back: simple, and right
    /// for every edit (one line, no wrapping beyond the terminal's own).
    private mutating func redraw() {
        output += "\r" + prompt + line + "\u{1B}[K"
        let back = characters.count - cursor
        if back > 0 { output += "\u{1B}[\(back)D" }
    }
}
