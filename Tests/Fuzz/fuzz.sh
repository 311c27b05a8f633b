#!/usr/bin/env bash
# Builds the libFuzzer binary with AddressSanitizer and UBSan, then fuzzes each target for a while (30 s each by default).
#   Tests/Fuzz/fuzz.sh [SECONDS] [TARGET...]   targets: yaml po message quiz layout (make fuzz: 60 s each; CI: 30 s each)
#
# The build has a scratch path of its own (.build-fuzz) and never touches .build:
#   Swift code      -sanitize=fuzzer,address: libFuzzer's coverage and ASan. swiftc has no UBSan on Linux (it rejects
#                   -sanitize=undefined, hence no `swift build --sanitize=undefined`); Swift's own checks (bounds,
#                   overflow, exclusivity) trap in this release build as in any other.
#   C and C++       -fsanitize=address,undefined and libFuzzer's coverage (fuzzer-no-link), for CAtelierICU and the
#                   libyaml inside Yams; UBSan failures are fatal (-fno-sanitize-recover=all), so libFuzzer keeps the
#                   input. The vptr check is left out: it needs a C++ runtime that the Swift link does not carry.
#
# A finding: libFuzzer saves the input in .build-fuzz/crashes/<target>/ (crash-<sha1>; leak-, timeout-, oom- likewise)
# and the report, with its stack, is in .build-fuzz/<target>.log. Replay one input alone:
#   SWIFT_BACKTRACE=enable=no ATELIER_FUZZ_TARGET=layout .build-fuzz/release/atelier-fuzz .build-fuzz/crashes/layout/crash-…
# To keep it as a regression test:
#   1. copy it, unchanged, to Tests/Fuzz/regressions/<target>/, named for what it broke:
#        cp .build-fuzz/crashes/layout/crash-… Tests/Fuzz/regressions/layout/overwide-zwj-after-digit
#   2. `swift test --filter FuzzRegressionTests` fails on it (or crashes: a sanitizer's finding may need the replay
#      above, as the tests are not built with sanitizers); fix the code until it passes;
#   3. commit the input with the fix. `make test` replays every file of Tests/Fuzz/regressions/<target>/ through the
#      fuzzer's own entry point (FuzzTarget.run in Sources/AtelierFuzzTargets), so a fixed finding stays fixed.
# Then delete it from .build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(yaml po message quiz layout)
mkdir -p .build-fuzz
if ! swift build -c release --scratch-path .build-fuzz --product atelier-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING \
    -Xcc -fsanitize=address,undefined,fuzzer-no-link -Xcc -fno-sanitize=vptr -Xcc -fno-sanitize-recover=all \
    >.build-fuzz/build.log 2>&1; then
  tail -n 40 .build-fuzz/build.log
  echo "the sanitised fuzz build failed; the whole log is .build-fuzz/build.log"
  exit 1
fi
binary=.build-fuzz/release/atelier-fuzz
# Stacks with file and line; a UBSan report with its stack too.
symbolizer=$(command -v llvm-symbolizer || true)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}${symbolizer:+:external_symbolizer_path=$symbolizer}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for target in "${targets[@]}"; do
  mkdir -p ".build-fuzz/crashes/$target" ".build-fuzz/corpus/$target"
  echo "fuzzing $target for ${seconds}s (ASan, UBSan)"
  # The Swift backtracer would catch the trap before libFuzzer could save the input that caused it.
  # The kept findings are seeds too: the fuzzer starts from what once broke.
  if ! SWIFT_BACKTRACE=enable=no ATELIER_FUZZ_TARGET=$target "$binary" ".build-fuzz/corpus/$target" "Tests/Fuzz/corpus/$target" \
      "Tests/Fuzz/regressions/$target" \
      -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix=".build-fuzz/crashes/$target/" -print_final_stats=1 2>".build-fuzz/$target.log"; then
    echo "  $target: CRASH, see .build-fuzz/crashes/$target/ and .build-fuzz/$target.log"
    grep -m 3 -E "ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|Fatal error|SUMMARY:" ".build-fuzz/$target.log" | sed 's/^/    /' || true
    status=1
  else
    echo "  $target: $(grep -E 'stat::number_of_executed_units' ".build-fuzz/$target.log" | awk '{print $2}') runs, no crash"
  fi
done
exit $status
