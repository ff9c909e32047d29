#!/bin/sh
# symdiff beside SymPy, SymEngine and JAX on the same workloads, in one run,
# closing with one table of ratios (see bench/peers.py). Peers that are not
# installed are skipped and named; `pip install sympy symengine jax` adds them.
#
#     bench/peers.sh [--slow] [--runs N]
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product symdiff-bench >&2
exec python3 bench/peers.py --bench "$(swift build -c release --show-bin-path)/symdiff-bench" "$@"
