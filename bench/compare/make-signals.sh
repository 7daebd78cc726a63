#!/usr/bin/env bash
# Writes the comparison bench's test signals into bench/work/ (gitignored) and prints their paths, one a
# line, on stdout (progress goes to stderr). Files that already exist are kept.
#
#   full size (default): perche-bench-5.1-10min.wav    10 min, 48 kHz / 24-bit, 5.1 (L R C LFE Ls Rs), 518 MB
#                        perche-bench-stereo-2h.wav     2 h,    48 kHz / 24-bit, stereo,               2.07 GB
#   QUICK=1:             perche-bench-5.1-30s.wav / perche-bench-stereo-2min.wav
#
# The content comes from gen_signal.c (deterministic for a given seed): dialogue, music with tremolo and
# fades, action with explosions and shots, quiet ambience and digital silence, at levels tens of dB apart.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-$ROOT/bench/work}
QUICK=${QUICK:-0}
SEED=${SEED:-1770}
CC=${CC:-cc}

mkdir -p "$WORK/bin"
GEN="$WORK/bin/gen_signal"
if [[ ! -x "$GEN" || "$HERE/gen_signal.c" -nt "$GEN" ]]; then
    echo "building $GEN" >&2
    "$CC" -O2 -Wall -o "$GEN" "$HERE/gen_signal.c" -lm
fi

if [[ "$QUICK" == 1 ]]; then
    specs=("perche-bench-5.1-30s.wav 6 30" "perche-bench-stereo-2min.wav 2 120")
else
    specs=("perche-bench-5.1-10min.wav 6 600" "perche-bench-stereo-2h.wav 2 7200")
fi

for spec in "${specs[@]}"; do
    read -r name channels seconds <<<"$spec"
    out="$WORK/$name"
    if [[ -s "$out" ]]; then
        echo "keeping existing $out" >&2
    else
        need_kib=$(( seconds * 48000 * channels * 3 / 1024 + 1024 ))
        avail_kib=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
        if (( avail_kib < need_kib + 1048576 )); then
            echo "not enough space in $WORK for $name: need $((need_kib / 1024)) MiB + 1 GiB margin, have $((avail_kib / 1024)) MiB" >&2
            exit 1
        fi
        echo "generating $out ($channels ch, $seconds s)" >&2
        # nice: the generator is not what is measured, keep it polite on a shared machine
        nice -n 10 "$GEN" "$out.partial" "$channels" "$seconds" "$SEED" >&2
        mv "$out.partial" "$out"
    fi
    echo "$out"
done
