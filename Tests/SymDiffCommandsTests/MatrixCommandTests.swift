import Testing
import SymDiff
@testable import SymDiffCommands

/// `diff` and `grad` with `--shape`: derivatives by matrices and vectors on the command line.
@Suite("symdiff diff and grad with --shape")
struct MatrixCommandTests {
    func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        let console = Console.capturing()
        let status = SymDiffCLI.run(arguments, console: console)
        return (status, console.output, console.errors)
    }

    @Test("the issue's Done-when: sum((W*x + b - t)**2)/2 by W is (W*x + b - t)*x.T, with concrete or symbolic sizes, * or @")
    func doneWhen() {
        // SymPy (Matrix of symbols, diff entry by entry): the gradient equals (W*x + b - t)*x.T.
        for (expression, shapes) in [("sum((W*x + b - t)**2)/2", "W=2x3,x=3,b=2,t=2"), ("sum((W@x + b - t)**2)/2", "W=n x m,x=m,b=n,t=n")] {
            let run = symdiff(["diff", expression, "--wrt", "W", "--shape", shapes])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output == "(W*x + b - t)*x.T\n")
        }
    }

    @Test("the variable may follow the expression, and --format json gives the shape")
    func jsonAndPositional() {
        let run = symdiff(["diff", "sum((W*x + b - t)**2)/2", "x", "--shape", "W=2x3,x=3,b=2,t=2", "--format", "json"])
        #expect(run.output == #"{"input":"sum((W*x + b - t)**2)/2","wrt":["x"],"shape":"3x1","result":"W.T*(W*x + b - t)"}"# + "\n")
    }

    @Test("SymPy's failing case: trace(A.T*A) + trace(B.T*B) by A is 2*A, not 0")
    func traceSum() {
        // d/dA tr(AᵀA) = 2A (Petersen & Pedersen, The Matrix Cookbook, eq. 103); SymPy issue 27406 returns 0.
        #expect(symdiff(["diff", "trace(A.T*A) + trace(B.T*B)", "--wrt", "A", "--shape", "A=2x3,B=3x2"]).output == "2*A\n")
    }

    @Test("--jacobian: a vector's derivative by a vector, as written by hand")
    func jacobian() {
        // ∂σ(Wx + b)/∂x has entries σ′(zᵢ)Wᵢⱼ: diag(σ′(z)) W (MatrixJacobianTests checks it against the scalar engine).
        #expect(symdiff(["diff", "sigmoid(W*x + b)", "--wrt", "x", "--shape", "W=2x3,x=3,b=2", "--jacobian"]).output
                == "diag(sigmoid'(W*x + b))*W\n")
        let refused = symdiff(["diff", "W*x", "--wrt", "x", "--shape", "W=2x3,x=3"])
        #expect(refused.status == 2)
        #expect(refused.errors.contains("W*x is a 2x1 vector: its derivative by x is a Jacobian; add --jacobian"))
    }

    @Test("grad prints each gradient in matrix form")
    func grad() {
        let run = symdiff(["grad", "sum((W*x + b - t)**2)/2", "--wrt", "W,b", "--shape", "W=2x3,x=3,b=2,t=2"])
        #expect(run.output == "d/dW = (W*x + b - t)*x.T\nd/db = W*x + b - t\n")
    }

    @Test("bad usage exits 2 with a clear message", arguments: [
        (["diff", "sum(W*x)", "--wrt", "W", "--shape", "W=2x3,x=2"], "shape error: cannot multiply 2x3 by 2x1"),
        (["diff", "sum(W*x)", "--wrt", "W", "--shape", "W=2 by 3"], "--shape: '2 by 3' is not a shape"),
        (["diff", "sum(W*x)", "--wrt", "W", "--shape", "W"], "--shape expects NAME=SHAPE pairs"),
        (["diff", "sum(W*x)", "--wrt", "v", "--shape", "W=2x3,x=3"], "--wrt: v has no shape"),
        (["diff", "sum(W*x)", "--shape", "W=2x3,x=3"], "name the variable with --wrt"),
        (["diff", "W*x", "--wrt", "W", "--shape", "W=2x3,x=3"], "W*x is 2x1: its derivative by the 2x3 W would be a tensor"),
        (["diff", "sum(W*x)", "--wrt", "W,x", "--shape", "W=2x3,x=3"], "a matrix expression is differentiated once by one variable"),
        (["diff", "sum(W*x)", "--wrt", "W", "--shape", "W=2x3,x=3", "--format", "latex"], "--format latex is not available for matrix expressions"),
        (["grad", "sum(W*x)", "--wrt", "W,W", "--shape", "W=2x3,x=3"], "--wrt: a variable is given twice"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let run = symdiff(arguments)
        #expect(run.status == 2)
        #expect(run.errors.contains(message), "\(run.errors)")
    }
}
