import Testing
@testable import SymDiffCommands

/// The REPL's keys, as bytes a terminal sends (VT100/xterm), fed to the pure
/// line editor: what the line, the cursor and the outcome become.
@Suite("REPL line editor")
struct LineEditorTests {
    /// Keys written as symbols, turned into the bytes an xterm sends:
    /// ← → ↑ ↓ arrows, ⇤ Home, ⇥ End, ⌫ Backspace, ⌦ Delete, ⏎ Enter,
    /// ␉ Tab, ␁ ␃ ␄ ␅ Ctrl-A, -C, -D, -E; anything else is typed as UTF-8.
    static func keys(_ text: String) -> [UInt8] {
        let named: [Character: [UInt8]] = [
            "←": [0x1B, 0x5B, 0x44], "→": [0x1B, 0x5B, 0x43], "↑": [0x1B, 0x5B, 0x41], "↓": [0x1B, 0x5B, 0x42],
            "⇤": [0x1B, 0x5B, 0x48], "⇥": [0x1B, 0x5B, 0x46], "⌦": [0x1B, 0x5B, 0x33, 0x7E], "⌫": [0x7F],
            "⏎": [13], "␉": [9], "␁": [1], "␃": [3], "␄": [4], "␅": [5],
        ]
        return text.flatMap { named[$0] ?? Array(String($0).utf8) }
    }

    /// Feeds `keys`; returns the editor and the last outcome.
    static func type(_ text: String, history: [String] = [], words: [String] = []) -> (LineEditor, LineEditor.Outcome) {
        var editor = LineEditor(prompt: ">>> ", history: history, completions: { words })
        var last = LineEditor.Outcome.editing
        for byte in keys(text) { last = editor.feed(byte) }
        return (editor, last)
    }

    @Test("editing keys move the cursor and change the line where it is", arguments: [
        ("ab", "ab", 2),
        ("ab←", "ab", 1),
        ("ab←X", "aXb", 2),
        ("ab←←←", "ab", 0),                 // stops at the start
        ("ab→", "ab", 2),                               // stops at the end
        ("abc⇤X", "Xabc", 1),
        ("abc⇤⇥X", "abcX", 4),
        ("abc␁␅", "abc", 3),                         // Ctrl-A, Ctrl-E
        ("abc⌫", "ab", 2),
        ("abc⇤⌫", "abc", 0),                  // nothing before the cursor
        ("abc⇤⌦", "bc", 0),
        ("abc⌦", "abc", 3),                            // nothing after the cursor
        ("σ(z)←←←⌫", "(z)", 0),   // a multi-byte character is one
        ("x[1", "x[1", 3),                          // a stray [ is just a character
    ] as [(String, String, Int)])
    func editing(_ row: (String, String, Int)) {
        let (editor, outcome) = Self.type(row.0)
        #expect(outcome == .editing)
        #expect(editor.line == row.1)
        #expect(editor.cursor == row.2)
    }

    @Test("Enter submits the line; Ctrl-C cancels it; Ctrl-D ends only an empty line", arguments: [
        ("x**2⏎", LineEditor.Outcome.submit("x**2")),
        ("x**2←⏎", .submit("x**2")),
        ("⏎", .submit("")),
        ("x = (1 +␃", .cancel),
        ("␄", .endOfInput),
        ("ab␄", .editing),
    ] as [(String, LineEditor.Outcome)])
    func outcomes(_ row: (String, LineEditor.Outcome)) {
        #expect(Self.type(row.0).1 == row.1)
    }

    @Test("after Ctrl-C the next line starts empty")
    func cancelClears() {
        let (editor, _) = Self.type("abc␃d")
        #expect(editor.line == "d")
    }

    @Test("Ctrl-D inside a line deletes forward")
    func ctrlDDeletes() {
        let (editor, _) = Self.type("abc⇤␄")
        #expect(editor.line == "bc")
    }

    @Test("up and down walk the history and come back to the draft", arguments: [
        ("↑", "second"), ("↑↑", "first"), ("↑↑↑", "first"), ("↑↓", "dr"), ("↓", "dr"), ("↑↑↓", "second"),
    ])
    func history(_ row: (String, String)) {
        let (editor, _) = Self.type("dr" + row.0, history: ["first", "second"])
        #expect(editor.line == row.1)
        #expect(editor.cursor == row.1.count)
    }

    @Test("a submitted line joins the history; an empty one does not")
    func historyGrows() {
        let (editor, _) = Self.type("a⏎⏎b⏎")
        #expect(editor.history == ["a", "b"])
    }

    @Test("Tab completes the word before the cursor to the candidates' common prefix", arguments: [
        ("sigm", "sigmoid"), ("le", "leaky_relu"), ("x + re", "x + re"), ("tan", "tanh"), ("zz", "zz"), ("", ""),
    ])
    func tab(_ row: (String, String)) {
        let (editor, _) = Self.type(row.0 + "␉", words: ["sigmoid", "leaky_relu", "relu", "repl", "tanh"])
        #expect(editor.line == row.1)
    }

    @Test("the echo redraws the line and puts the cursor back")
    func echo() {
        var (editor, _) = Self.type("ab←")
        #expect(editor.takeOutput().hasSuffix("\r>>> ab\u{1B}[K\u{1B}[1D"))
        #expect(editor.takeOutput() == "")
    }
}
