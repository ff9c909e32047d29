#!/bin/sh
# Builds the parser fuzzer (libFuzzer + AddressSanitizer, optimised) and runs
# it for SECONDS seconds on one core.
#
#   fuzz/run.sh 600            # ten minutes
#   fuzz/run.sh 60 -jobs=2     # extra arguments go to libFuzzer
#
# The corpus grows in fuzz/corpus/ (seeded from fuzz/seeds.txt on first run);
# a crashing, hanging or leaking input is saved as fuzz/crash-*. Reproduce one
# with: .build-fuzz/parser-fuzzer fuzz/crash-<name>
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus .build-fuzz
sources="$(find Sources/SymDiff -name '*.swift' | sort) fuzz/ParserFuzzer.swift"
binary=.build-fuzz/parser-fuzzer
# Rebuild only when a source is newer than the binary.
if [ ! -x "$binary" ] || [ -n "$(find $sources -newer "$binary")" ]; then
    echo "building $binary ..."
    # The gold linker warns once per sanitizer symbol; keep only real messages.
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name SymDiffFuzz \
        $sources -o "$binary" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
    [ -x "$binary" ] || { echo "build failed" >&2; exit 1; }
fi
if [ -z "$(ls -A fuzz/corpus)" ]; then
    # One file per seed expression.
    i=0
    while IFS= read -r line; do
        printf '%s' "$line" > "fuzz/corpus/seed-$i"
        i=$((i + 1))
    done < fuzz/seeds.txt
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
exec .build-fuzz/parser-fuzzer -max_total_time="$seconds" -timeout=120 -rss_limit_mb=2048 -max_len=512 \
    -detect_leaks=0 -dict=fuzz/expressions.dict -artifact_prefix=fuzz/crash- "$@" fuzz/corpus
