#!/usr/bin/env bash
# CI fuzz smoke: every target of `perche-fuzz list` in turn for a short time, within a total budget
# (FUZZ_SMOKE_SECONDS, default 400 s: each target gets budget/targets seconds, clamped to 20..60).
# Exits 1 when any run finds a crash or hang that reproduces outside AFL++ (inputs in fuzz/out/crashes/);
# exits 0 with a notice when afl-fuzz is not installed, so a machine without it is not failed for that.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v afl-fuzz >/dev/null; then
  echo "fuzz smoke skipped: afl-fuzz is not installed (Debian package afl++)"
  exit 0
fi

targets=$(fuzz/run.sh --list) || { echo "fuzz smoke: the harness did not build" >&2; exit 1; }
count=$(wc -w <<<"$targets")
budget=${FUZZ_SMOKE_SECONDS:-400}
each=$((budget / count))
[ "$each" -lt 20 ] && each=20
[ "$each" -gt 60 ] && each=60
echo "fuzz smoke: $count targets, $each s each"

failed=()
for t in $targets; do
  fuzz/run.sh "$t" "$each" --smoke
  case $? in
    0) ;;
    1) failed+=("$t") ;;
    *) echo "fuzz smoke: '$t' could not run" >&2; failed+=("$t") ;;
  esac
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz smoke FAILED for: ${failed[*]} (reproduce with: fuzz/run.sh TARGET; inputs in fuzz/out/crashes)" >&2
  exit 1
fi
echo "fuzz smoke: no crash in $count targets"
