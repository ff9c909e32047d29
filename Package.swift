// swift-tools-version:6.0
import PackageDescription

// symdiff has no package dependencies: everything below is built from the
// Swift toolchain alone (Foundation, Synchronization, Testing, and the
// toolchain's clang for the one C target).

let package = Package(
    name: "symdiff",
    platforms: [.macOS(.v15)],
    products: [
        // MARK: Libraries
        .library(name: "SymDiff", targets: ["SymDiff"]),
        .library(name: "Networks", targets: ["Networks"]),
        .library(name: "Evaluator", targets: ["Evaluator"]),
        .library(name: "Checker", targets: ["Checker"]),
        // MARK: Executables
        .executable(name: "symdiff", targets: ["symdiff"]),
        .executable(name: "symdiff-bench", targets: ["symdiff-bench"]),
    ],
    targets: [
        // MARK: Engine
        // Expressions, exact numbers, canonical forms, calculus, printing, parsing.
        .target(name: "SymDiff"),

        // MARK: The statement language
        // Statements of derivation files and sessions, parsed over the engine's lexer.
        .target(name: "Language", dependencies: ["SymDiff"]),

        // MARK: Built on the engine
        // The seeds' networks, built symbolically.
        .target(name: "Networks", dependencies: ["SymDiff"]),
        // The batched loops in C, compiled per vector unit (SSE2, AVX2 + FMA,
        // AVX-512) with function-level target attributes and chosen at run time.
        .target(name: "CKernels"),
        // Lowering expressions to compiled closures; training.
        .target(name: "Evaluator", dependencies: ["SymDiff", "Networks", "CKernels"]),
        // Checking hand-written derivations claim by claim.
        .target(name: "Checker", dependencies: ["SymDiff", "Language"]),
        // The session language shared by notebooks and the REPL.
        .target(name: "Notebooks", dependencies: ["SymDiff", "Language", "Networks", "Evaluator", "Checker"]),

        // Soundness under attack: mutants of true claims, judged by an oracle of its own
        // (exact and double-double evaluation, forward-mode derivatives), never by the prover.
        .target(name: "MutationTesting", dependencies: ["SymDiff", "Networks", "Checker"]),

        // MARK: Command line
        // Every subcommand lives here so tests can run them in-process.
        .target(name: "SymDiffCommands", dependencies: ["SymDiff", "Language", "Networks", "Evaluator", "Checker", "Notebooks"]),
        .executableTarget(name: "symdiff", dependencies: ["SymDiffCommands"]),
        .executableTarget(name: "symdiff-bench", dependencies: ["SymDiff", "Language", "Networks", "Evaluator", "Checker", "MutationTesting"]),

        // MARK: Tests
        .testTarget(name: "SymDiffTests", dependencies: ["SymDiff"]),
        .testTarget(name: "NetworksTests", dependencies: ["Networks", "SymDiff"]),
        .testTarget(name: "EvaluatorTests", dependencies: ["Evaluator", "Networks", "SymDiff"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "SymDiff"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "Language", "SymDiff"]),
        .testTarget(name: "NotebooksTests", dependencies: ["Notebooks", "SymDiffCommands"]),
        .testTarget(name: "SymDiffCommandsTests", dependencies: ["SymDiffCommands", "SymDiff"]),
        .testTarget(name: "MutationTests", dependencies: ["MutationTesting", "Checker", "SymDiff", "Networks"]),
        .testTarget(name: "RobustnessTests", dependencies: ["SymDiff", "SymDiffCommands", "Evaluator", "Networks", "Language", "Checker", "Notebooks"]),
    ]
)
