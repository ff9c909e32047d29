"""symdiff against its peers on the same four workloads, in the same run.

Run through bench/peers.sh. Each workload runs symdiff-bench's part for it,
then every installed peer (SymPy, SymEngine, JAX), in turn, and a table of
ratios closes the run: a peer's time divided by symdiff's (above 1: symdiff
is faster). A peer that is not installed is reported as such; nothing here
is needed by `swift test`.

Workloads (as symdiff-bench defines them):
  seed      the seeds' network f = W2*sigmoid(W1*x + b1) + b2, L = (f - target)**2/2:
            build L and its four derivatives; prove the chain rule for all four
            (product of stage derivatives with stand-in symbols, substituted back,
            against the direct derivative: expand(manual - direct) == 0); SymPy's
            cache is cleared before each repetition
  swell     the gradient of a depth x 16 sigmoid network's 1/2-squared-error loss
            (2 inputs, 1 linear output), every parameter; SymEngine has no reverse
            mode, so it differentiates per parameter, as SymPy does
  network   2-10-1 sigmoid/linear, MSE: the loss and all 41 gradients summed over
            a batch of 1, 1,024, 65,536 samples (JAX: jit(value_and_grad), float64)
  training  circles: 1,000 epochs of 31 batches of 32, SGD, learning rate 0.1
            (JAX: one jit of lax.scan over the whole run, compile time apart)
"""
import argparse
import json
import platform
import statistics
import subprocess
import sys
import time


def have(module):
    try:
        __import__(module)
        return True
    except Exception:
        return False


def version(module):
    try:
        return __import__(module).__version__
    except Exception:
        return "not installed"


def median_seconds(work, runs):
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def seconds_per_call(work, minimum=0.2, rounds=3):
    """Best of `rounds` rounds of calls in growing chunks, like symdiff-bench's Timing."""
    work()
    best = float("inf")
    for _ in range(rounds):
        calls, chunk, start = 0, 1, time.perf_counter()
        while True:
            for _ in range(chunk):
                work()
            calls += chunk
            chunk *= 2
            elapsed = time.perf_counter() - start
            if elapsed >= minimum:
                break
        best = min(best, elapsed / calls)
    return best


def symdiff(bench, part):
    out = subprocess.run([bench, part], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


# MARK: symbolic peers (SymPy and SymEngine share one code path)

def seed_workload(lib):
    x, t, W1, W2, b1, b2 = lib.symbols("x target W1 W2 b1 b2")
    z1s, a1s, ys = lib.symbols("z1 a1 y")

    def sigmoid(z):
        return 1 / (1 + lib.exp(-z))

    def build():
        z1 = W1 * x + b1
        y = W2 * sigmoid(z1) + b2
        loss = (y - t) ** 2 / 2
        return loss, [lib.diff(loss, p) for p in (W1, W2, b1, b2)]

    def prove(direct):
        dL_dy = lib.diff((ys - t) ** 2 / 2, ys)
        dy_da1 = lib.diff(W2 * a1s + b2, a1s)
        da1_dz1 = lib.diff(sigmoid(z1s), z1s)
        products = [dL_dy * dy_da1 * da1_dz1 * lib.diff(W1 * x + b1, W1),
                    dL_dy * lib.diff(W2 * a1s + b2, W2),
                    dL_dy * dy_da1 * da1_dz1 * lib.diff(W1 * x + b1, b1),
                    dL_dy * lib.diff(W2 * a1s + b2, b2)]
        back = {ys: W2 * a1s + b2}
        stages = {a1s: sigmoid(z1s)}
        inputs = {z1s: W1 * x + b1}
        for manual, d in zip(products, direct):
            expanded = manual.subs(back).subs(stages).subs(inputs)
            assert lib.expand(expanded - d) == 0, "chain rule not proved"

    return build, prove


def measure_seed(lib, runs):
    build, prove = seed_workload(lib)
    if lib.__name__ == "sympy":
        # SymPy memoizes diff and expand across calls: without clearing, a
        # warm repetition is a cache lookup, not the work.
        from sympy.core.cache import clear_cache
        build_once, prove_once = build, prove
        build = lambda: (clear_cache(), build_once())[1]
        prove = lambda direct: (clear_cache(), prove_once(direct))
    start = time.perf_counter()
    _, direct = build()
    first_build = time.perf_counter() - start
    start = time.perf_counter()
    prove(direct)
    first_proof = time.perf_counter() - start
    return {"build": median_seconds(build, runs), "proof": median_seconds(lambda: prove(direct), runs),
            "firstBuild": first_build, "firstProof": first_proof}


def swell_loss(lib, depth, width):
    inputs = list(lib.symbols("x1 x2"))
    target = lib.symbols("t")
    parameters = []
    activations = inputs
    sizes = [2] + [width] * depth + [1]
    for layer in range(1, len(sizes)):
        out = []
        for i in range(sizes[layer]):
            weights = [lib.Symbol(f"W{layer}_{i}_{j}") for j in range(sizes[layer - 1])]
            bias = lib.Symbol(f"b{layer}_{i}")
            parameters += weights + [bias]
            z = sum((w * a for w, a in zip(weights, activations)), bias)
            out.append(z if layer == len(sizes) - 1 else 1 / (1 + lib.exp(-z)))
        activations = out
    return (activations[0] - target) ** 2 / 2, parameters


def measure_swell(lib, depth, width):
    loss, parameters = swell_loss(lib, depth, width)
    start = time.perf_counter()
    for p in parameters:
        lib.diff(loss, p)
    return time.perf_counter() - start


# MARK: JAX

def jax_setup():
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    return jax, jnp


def jax_network_rates(batches):
    import numpy as np
    jax, jnp = jax_setup()
    rng = np.random.default_rng(7)

    def loss(params, x, t):
        w1, b1, w2, b2 = params
        h = jax.nn.sigmoid(x @ w1.T + b1)
        y = h @ w2 + b2
        return jnp.sum((y - t) ** 2)

    f = jax.jit(jax.value_and_grad(loss))
    params = (jnp.asarray(rng.uniform(-1, 1, (10, 2)) / 2 ** 0.5), jnp.asarray(rng.uniform(-1, 1, 10) / 2 ** 0.5),
              jnp.asarray(rng.uniform(-1, 1, 10) / 10 ** 0.5), jnp.asarray(rng.uniform(-1, 1) / 10 ** 0.5))
    rates = {}
    for batch in batches:
        x = jnp.asarray(rng.uniform(-1, 1, (batch, 2)))
        t = jnp.asarray(rng.uniform(-2, 2, batch))
        seconds = seconds_per_call(lambda: jax.block_until_ready(f(params, x, t)))
        rates[batch] = batch / seconds
    return rates


def jax_training():
    import numpy as np
    jax, jnp = jax_setup()
    rng = np.random.default_rng(42)
    # 1,000 points on two noisy circles (the values do not change the work).
    angle = rng.uniform(0, 2 * np.pi, 1000)
    radius = np.where(np.arange(1000) % 2 == 0, 1.0, 0.3)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1) + rng.normal(0, 0.1, (1000, 2))
    t = (radius < 0.5).astype(np.float64)
    batches, size = 1000 // 32, 32
    xb = jnp.asarray(x[: batches * size].reshape(batches, size, 2))
    tb = jnp.asarray(t[: batches * size].reshape(batches, size))
    params = (jnp.asarray(rng.uniform(-0.7, 0.7, (10, 2))), jnp.zeros(10),
              jnp.asarray(rng.uniform(-0.3, 0.3, 10)), jnp.asarray(0.0))

    def loss(params, x, t):
        w1, b1, w2, b2 = params
        y = jax.nn.sigmoid(x @ w1.T + b1) @ w2 + b2
        return jnp.mean((y - t) ** 2)

    grad = jax.value_and_grad(loss)

    def step(params, batch):
        value, g = grad(params, *batch)
        return jax.tree_util.tree_map(lambda p, d: p - 0.1 * d, params, g), value

    def epoch(params, _):
        params, values = jax.lax.scan(step, params, (xb, tb))
        return params, jnp.mean(values)

    run = jax.jit(lambda p: jax.lax.scan(epoch, p, None, length=1000))
    start = time.perf_counter()
    jax.block_until_ready(run(params))
    first = time.perf_counter() - start
    seconds = min(median_seconds(lambda: jax.block_until_ready(run(params)), 1) for _ in range(3))
    return seconds, first - seconds


# MARK: the run

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", required=True, help="a release build of symdiff-bench")
    parser.add_argument("--runs", type=int, default=200, help="repetitions behind each seed-network median")
    parser.add_argument("--slow", action="store_true", help="also SymPy's swell at 2 x 16 (about 20 s)")
    args = parser.parse_args()
    peers = {name: have(name) for name in ("sympy", "symengine", "jax")}
    machine = symdiff(args.bench, "seed")
    cpu = next((l for l in machine if l.get("case") == "machine"), {})
    print(f"machine: {cpu.get('cpu', '?')}, {cpu.get('cores', '?')} cores; Python {platform.python_version()}; "
          + ", ".join(f"{n} {version(n)}" for n in peers), flush=True)
    rows = []  # (workload, what, symdiff seconds, {peer: seconds})

    def row(workload, what, mine, theirs):
        rows.append((workload, what, mine, theirs))
        shown = ", ".join(f"{k} {v:.3g} s" for k, v in theirs.items())
        print(f"  {workload:9} {what:34} symdiff {mine:.3g} s; {shown}", flush=True)

    # Seed network: symdiff's figures, then each symbolic peer's.
    seed = next(l for l in machine if l.get("case") == "seed network")
    symbolic = {n: __import__(n) for n in ("sympy", "symengine") if peers[n]}
    # SymPy takes tens of milliseconds a run: a twentieth of the repetitions (at least 5).
    figures = {n: measure_seed(lib, args.runs if n != "sympy" else max(5, args.runs // 20)) for n, lib in symbolic.items()}
    row("seed", "build + 4 derivatives (warm median)", seed["buildDiffSeconds"], {n: f["build"] for n, f in figures.items()})
    row("seed", "build + 4 derivatives (first)", seed["firstBuildDiffSeconds"], {n: f["firstBuild"] for n, f in figures.items()})
    row("seed", "chain-rule proof, 4 parameters", seed["chainProofSeconds"], {n: f["proof"] for n, f in figures.items()})

    # Swell.
    swell = {(l["depth"], l["width"]): l["seconds"] for l in symdiff(args.bench, "swell") if l.get("case") == "swell"}
    for depth in (2, 3, 4):
        theirs = {}
        if "symengine" in symbolic:
            theirs["symengine"] = measure_swell(symbolic["symengine"], depth, 16)
        if "sympy" in symbolic and args.slow and depth == 2:
            theirs["sympy"] = measure_swell(symbolic["sympy"], depth, 16)
        row("swell", f"gradient, {depth} x 16", swell[(depth, 16)], theirs)

    # Compiled gradients: rates become seconds per sample.
    lines = symdiff(args.bench, "network")
    one = {l["batch"]: l for l in lines if l.get("case") == "2-10-1 loss+41 gradients"}
    threaded = {l["batch"]: l for l in lines if l.get("case", "").endswith("threads") and l["threads"] == cpu.get("cores")}
    rates = jax_network_rates([1, 1024, 65536]) if peers["jax"] else {}
    for batch in (1, 1024, 65536):
        theirs = {"hand-written": 1 / one[batch]["handWrittenSamplesPerSecond"]}
        if batch in rates:
            theirs["jax"] = 1 / rates[batch]
        row("network", f"per sample, batch {batch:,}, 1 thread", 1 / one[batch]["compiledSamplesPerSecond"], theirs)
        if batch in threaded:
            row("network", f"per sample, batch {batch:,}, {threaded[batch]['threads']} threads",
                1 / threaded[batch]["samplesPerSecond"], {"jax": 1 / rates[batch]} if batch in rates else {})

    # Training.
    circles = next(l for l in symdiff(args.bench, "training") if l.get("case") == "circles training")
    theirs = {"hand-written": circles["handWrittenSeconds"]}
    if peers["jax"]:
        seconds, compile_seconds = jax_training()
        theirs["jax"] = seconds
        print(f"  (jax compile of the whole run: {compile_seconds:.3g} s, not counted)")
    row("training", "circles, 1,000 epochs", circles["compiledSeconds"], theirs)

    names = ["sympy", "symengine", "jax", "hand-written"]
    print("\npeer time / symdiff time (above 1: symdiff is faster)\n")
    print(f"| workload | case | symdiff | " + " | ".join(names) + " |")
    print("|---|---|---:|" + "---:|" * len(names))
    for workload, what, mine, theirs in rows:
        cells = [f"{theirs[n] / mine:.2f}" if n in theirs else "" for n in names]
        print(f"| {workload} | {what} | {mine:.3g} s | " + " | ".join(cells) + " |")
    missing = [n for n, ok in peers.items() if not ok]
    if missing:
        print("\nnot installed: " + ", ".join(missing) + " (pip install " + " ".join(missing) + ")")


if __name__ == "__main__":
    sys.exit(main())
