import Foundation
import SymDiffCommands

// All behaviour lives in SymDiffCommands so tests can run commands in-process.
exit(SymDiffCLI.run(Array(CommandLine.arguments.dropFirst()), console: .standard()))
