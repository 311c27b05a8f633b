#!/usr/bin/env bash
# Builds the libFuzzer binary and fuzzes each parser for a while (default 30 s each).
#   Tests/Fuzz/fuzz.sh [SECONDS] [TARGET...]   targets: yaml po message quiz layout (make fuzz: 60 s each; CI: 30 s each)
# Crashes land in .build-fuzz/crashes/<target>/; turn each into a regression test, then delete it.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(yaml po message quiz layout)
swift build -c release --scratch-path .build-fuzz --product atelier-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING >/dev/null
binary=.build-fuzz/release/atelier-fuzz
status=0
for target in "${targets[@]}"; do
  mkdir -p ".build-fuzz/crashes/$target" ".build-fuzz/corpus/$target"
  echo "fuzzing $target for ${seconds}s"
  # The Swift backtracer would catch the trap before libFuzzer could save the input that caused it.
  if ! SWIFT_BACKTRACE=enable=no ATELIER_FUZZ_TARGET=$target "$binary" ".build-fuzz/corpus/$target" "Tests/Fuzz/corpus/$target" \
      -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix=".build-fuzz/crashes/$target/" -print_final_stats=1 2>".build-fuzz/$target.log"; then
    echo "  $target: CRASH, see .build-fuzz/crashes/$target/ and .build-fuzz/$target.log"
    status=1
  else
    echo "  $target: $(grep -E 'stat::number_of_executed_units' ".build-fuzz/$target.log" | awk '{print $2}') runs, no crash"
  fi
done
exit $status
