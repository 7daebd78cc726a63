#!/usr/bin/env bash
# Copies real files into fuzz/seeds/TARGET as seeds, named after their path (slashes become '_'); files over
# 256 KiB (SEED_MAX_BYTES) are left out (AFL++ works best on small inputs).
#
#   fuzz/add-seeds.sh TARGET FILE...     e.g. fuzz/add-seeds.sh edl ../shared/testdata/otio-cmx3600-adapter/tests/sample_data/*.edl
set -euo pipefail
cd "$(dirname "$0")/.."
target="$1"; shift
mkdir -p "fuzz/seeds/$target"
n=0
for f in "$@"; do
  [ -f "$f" ] || continue
  [ "$(stat -c %s "$f")" -le "${SEED_MAX_BYTES:-262144}" ] || { echo "skipped (over ${SEED_MAX_BYTES:-262144} bytes): $f" >&2; continue; }
  rel=$(realpath --relative-to="$(realpath ../shared/testdata 2>/dev/null || echo /)" "$f" 2>/dev/null || echo "$f")
  case "$rel" in ../*) rel=$(realpath --relative-to=. "$f") ;; esac
  name=$(sed -e 's|tests/sample_data/||; s|tests/files/||; s|[^A-Za-z0-9._-]|_|g' <<<"$rel")
  cp "$f" "fuzz/seeds/$target/$name"
  n=$((n + 1))
done
echo "$n seeds in fuzz/seeds/$target"
