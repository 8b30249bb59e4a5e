#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Tests/Fuzz with `swiftc -sanitize=fuzzer` and runs each for
# a bounded time over its committed seed corpus (Tests/Fuzz/corpus/NAME).
#
#   bash .ci/fuzz.sh [SECONDS_EACH] [NAME ...]      (default: 60 seconds, every harness)
#
# A crash stops the run with libFuzzer's report and the crashing input in $WORK/crash-*; add that
# input as a regression test (Tests/*) and to the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
names=("$@"); [ ${#names[@]} -gt 0 ] || names=(record csv period arguments events)
# Inside this checkout's .build, so that two checkouts fuzzing at once never share a folder.
work="${FUZZ_WORK:-$PWD/.build/fuzz}"
rm -rf "$work"; mkdir -p "$work/src"

# One module per harness: the project's sources with their cross-module imports removed.
prepare() {  # prepare NAME FILES...
  local dir="$work/src/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do sed -e '/^import EventStore$/d' -e '/^import JourneyDomain$/d' "$f" > "$dir/$(echo "$f" | tr '/' '_')"; done
  printf 'import Foundation\nextension Bundle { static let module = Bundle.main }\n' > "$dir/bundle_shim.swift"
}
store=(EventStore/*.swift)
domain=(Sources/*.swift Sources/*/*.swift)
prepare record "${store[@]}" Tests/Fuzz/record.swift
prepare csv Sources/CSV/*.swift EventStore/UTF8Text.swift Tests/Fuzz/csv.swift
prepare period "${store[@]}" "${domain[@]}" Tests/Fuzz/period.swift
prepare arguments "${store[@]}" "${domain[@]}" Tools/JourneyCLI/{ArgumentParser,OptionSpec,ParsedArguments,CLIError,Suggestions,ExitStatus}.swift Tests/Fuzz/arguments.swift
prepare events "${store[@]}" "${domain[@]}" Tests/Fuzz/events.swift

# The store's C target (hardware SHA-256): compiled once, imported through a module map.
mkdir -p "$work/csha256"
printf 'module CSHA256 {\n  header "%s/Native/CSHA256/include/CSHA256.h"\n  export *\n}\n' "$PWD" > "$work/csha256/module.modulemap"
clang -c -O2 -fsanitize=fuzzer-no-link,address -I Native/CSHA256/include Native/CSHA256/sha256_hardware.c -o "$work/csha256/sha256_hardware.o"

for name in "${names[@]}"; do
  echo "== fuzz $name: build"
  swiftc -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz_$name" -I "$work/csha256" \
    "$work/src/$name"/*.swift "$work/csha256/sha256_hardware.o" -o "$work/$name" 2>&1 | grep -v warning || true
  [ -x "$work/$name" ] || { echo "fuzz $name: build failed"; exit 1; }
  echo "== fuzz $name: run ${seconds}s"
  mkdir -p "$work/corpus-$name"
  cp Tests/Fuzz/corpus/"$name"/* "$work/corpus-$name/" 2>/dev/null || true
  JOURNEY_AUTHORITIES="$PWD/Sources/Resources/authorities.csv" \
    "$work/$name" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/crash-$name-" -print_final_stats=1 "$work/corpus-$name" 2>&1 \
    | grep -E "^#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY|crash-" || true
  if ls "$work"/crash-"$name"-* >/dev/null 2>&1; then echo "fuzz $name: CRASH (input in $work)"; exit 1; fi
done
echo "== fuzz: no crashes"
