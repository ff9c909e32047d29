#!/bin/sh
# Builds one fuzz target (libFuzzer + AddressSanitizer, optimised) and runs it
# for SECONDS seconds on one core.
#
#   fuzz/run.sh 600                  # the expression parser, ten minutes
#   fuzz/run.sh checker 600          # derivation files (symdiff check)
#   fuzz/run.sh latex 600            # the LaTeX reader
#   fuzz/run.sh session 600          # notebook cells and REPL lines
#   fuzz/run.sh parser 60 -jobs=2    # extra arguments go to libFuzzer
#
# Each target's corpus grows in fuzz/corpus-TARGET/ (fuzz/corpus/ for the
# parser), seeded from fuzz/seeds-TARGET.txt (fuzz/seeds.txt) on first run; a
# crashing or hanging input is saved as fuzz/crash-TARGET-*. Reproduce one with
# .build-fuzz/TARGET-fuzzer fuzz/crash-TARGET-<name>.
#
# The targets are compiled with the sources of the modules they reach as ONE
# module: the `import SymDiff`-style lines between those modules are dropped
# on the way (into .build-fuzz/src-TARGET/), since swiftc is given all files,
# and `SymDiff.name` becomes `SymDiffFuzz.name`.
set -eu
target=parser
case "${1:-}" in parser|checker|latex|session) target=$1; shift ;; esac
seconds=${1:-60}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/.."
case $target in
    parser)  modules="SymDiff"; fuzzer=ParserFuzzer; corpus=fuzz/corpus; seeds=fuzz/seeds.txt; dict=fuzz/expressions.dict ;;
    latex)   modules="SymDiff"; fuzzer=LatexFuzzer; corpus=fuzz/corpus-latex; seeds=fuzz/seeds-latex.txt; dict=fuzz/latex.dict ;;
    checker) modules="SymDiff Language Checker"; fuzzer=CheckerFuzzer; corpus=fuzz/corpus-checker; seeds=fuzz/seeds-checker.txt; dict=fuzz/expressions.dict ;;
    session) modules="SymDiff Language Networks Evaluator Checker Notebooks"; fuzzer=SessionFuzzer; corpus=fuzz/corpus-session; seeds=fuzz/seeds-session.txt; dict=fuzz/expressions.dict ;;
esac
mkdir -p "$corpus" .build-fuzz
binary=.build-fuzz/$target-fuzzer
sources=""
for m in $modules; do sources="$sources $(find Sources/$m -name '*.swift' | sort)"; done
sources="$sources fuzz/$fuzzer.swift fuzz/FuzzSupport.swift"
# Rebuild only when a source is newer than the binary.
if [ ! -x "$binary" ] || [ -n "$(find $sources -newer "$binary")" ]; then
    echo "building $binary ..."
    src=.build-fuzz/src-$target
    rm -rf "$src" && mkdir -p "$src"
    pattern=$(echo $modules | sed 's/ /\\|/g')
    i=0
    for f in $sources; do
        i=$((i + 1))
        # Module-qualified names (`SymDiff.exp`) now name the one module.
        sed -e "/^\(@testable \)\{0,1\}import \($pattern\)\$/d" -e 's/\([^A-Za-z_]\)SymDiff\./\1SymDiffFuzz./g' \
            "$f" > "$src/$i-$(basename "$f")"
    done
    # The gold linker warns once per sanitizer symbol; keep only real messages.
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name SymDiffFuzz -package-name symdiff \
        "$src"/*.swift -o "$binary" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
    [ -x "$binary" ] || { echo "build failed" >&2; exit 1; }
fi
if [ -z "$(ls -A "$corpus")" ]; then
    # One file per seed; a line "----" separates multi-line seeds in the
    # checker's and session's seed files, otherwise one seed per line.
    awk -v dir="$corpus" '
        BEGIN { n = 0; buf = "" }
        FILENAME ~ /seeds\.txt$|latex/ { printf "%s", $0 > (dir "/seed-" n); close(dir "/seed-" n); n++; next }
        $0 == "----" { printf "%s", buf > (dir "/seed-" n); close(dir "/seed-" n); n++; buf = ""; next }
        { buf = buf $0 "\n" }
        END { if (buf != "") { printf "%s", buf > (dir "/seed-" n); close(dir "/seed-" n) } }
    ' "$seeds"
fi
# -timeout=120: exact arithmetic on numbers of 100,000+ bits (schoolbook
# multiplication; e.g. expanding (W + 9990**-1999 - m)**6) legitimately takes
# tens of seconds under ASan and coverage instrumentation; a real hang takes
# far longer.
# The Swift runtime's crash handler fights ASan's; let libFuzzer report.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# Leak detection is off (also in ASAN_OPTIONS above): nodes stay in the engine's intern table until a
# sweep, and LeakSanitizer cannot see pointers that Swift stores with tag bits
# in multi-payload enums (BigInt's limbs), so it reports false leaks. Memory
# stays flat over millions of parses (checked by hand with /proc/self/statm).
exec "$binary" -max_total_time="$seconds" -timeout=120 -rss_limit_mb=2048 -max_len=1024 \
    -detect_leaks=0 -dict="$dict" -artifact_prefix=fuzz/crash-$target- "$@" "$corpus"
