#!/usr/bin/env bash
# Offload benchmark: Perche (one read of the card, two destinations written in parallel, xxh64 while copying,
# fsync + re-read verification, ASC MHL) against the usual shell baseline (cp to each drive, sync, then xxhsum or
# md5sum of the source and both copies), side by side in one run. Also times the sound report of 500 files.
#
#   bench/compare/offload.sh                  # ~4 GB card of 10 WAVs (generated once into bench/work/offload)
#   SIZE_MB=512 bench/compare/offload.sh      # a quick run
#   RUNS=3 bench/compare/offload.sh           # more repetitions (median reported)
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE_MB=${SIZE_MB:-4096}
FILES=${FILES:-10}
RUNS=${RUNS:-1}
PERCHE_BUILD=${PERCHE_BUILD:-1}
work=bench/work/offload
card=$work/card/SR042
out=bench/compare/last-run-offload.md

if ! command -v xxhsum >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq xxhash >/dev/null; else echo "xxhsum missing (apt-get install xxhash)" >&2; exit 1; fi
fi

# The card: FILES WAVs of random PCM (random so that nothing compresses or dedupes), generated once.
mkdir -p "$card"
per=$(( SIZE_MB * 1024 * 1024 / FILES ))
for i in $(seq -w 1 "$FILES"); do
  f="$card/S42T$i.WAV"
  if [ ! -f "$f" ] || [ "$(stat -c %s "$f")" -ne $(( per + 44 )) ]; then
    python3 - "$f" "$per" <<'PY'
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + n) + b"WAVE")
    f.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 2, 48000, 48000 * 6, 6, 24))
    f.write(b"data" + struct.pack("<I", n))
    with open("/dev/urandom", "rb") as r:
        left = n
        while left:
            chunk = r.read(min(left, 8 << 20)); f.write(chunk); left -= len(chunk)
PY
  fi
done

# 500 small recorder files for the report timing (header chunks of a demo take, 0.1 s of audio each).
reportdir=$work/report500
if [ ! -d "$reportdir" ] || [ "$(ls "$reportdir" | wc -l)" -ne 500 ]; then
  mkdir -p "$reportdir"
  python3 - samples/le-phare/rushes/SR001/S01T01.WAV "$reportdir" <<'PY'
import struct, sys, os
src, dst = sys.argv[1], sys.argv[2]
b = open(src, "rb").read()
i = b.index(b"data")
head, n = bytearray(b[:i + 8]), 48000 // 10 * 6
head[i + 4:i + 8] = struct.pack("<I", n)
head[4:8] = struct.pack("<I", len(head) - 8 + n)
for k in range(500):
    with open(os.path.join(dst, f"F{k:03d}.WAV"), "wb") as f:
        f.write(head); f.write(os.urandom(n))
PY
fi

if [ "$PERCHE_BUILD" = 1 ]; then dotnet build -c Release src/Perche.Cli -v q -nologo >/dev/null; fi
perche=(dotnet src/Perche.Cli/bin/Release/net10.0/perche.dll)

now() { date +%s.%N; }
clean() { rm -rf "$work/A" "$work/B"; sync; }
time_of() { local s e; s=$(now); "$@" >/dev/null 2>&1; e=$(now); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A t
for run in $(seq 1 "$RUNS"); do
  clean; t[perche]+="$(time_of "${perche[@]}" offload "$card" --to "$work/A" --to "$work/B" --hash xxh64)"$'\n'
  clean; t[perche_cache]+="$(time_of "${perche[@]}" offload "$card" --to "$work/A" --to "$work/B" --hash xxh64 --verify-from-cache)"$'\n'
  clean; t[cp_xxhsum]+="$(time_of bash -c "mkdir -p $work/A $work/B && cp -r $card $work/A/ && cp -r $card $work/B/ && sync && xxhsum -H1 $card/* $work/A/SR042/* $work/B/SR042/*")"$'\n'
  clean; t[cp_md5sum]+="$(time_of bash -c "mkdir -p $work/A $work/B && cp -r $card $work/A/ && cp -r $card $work/B/ && sync && md5sum $card/* $work/A/SR042/* $work/B/SR042/*")"$'\n'
  t[report]+="$(time_of "${perche[@]}" report "$reportdir" --json)"$'\n'
done
clean

m() { printf '%s' "${t[$1]}" | sed '/^$/d' | median; }
p=$(m perche); pc=$(m perche_cache); x=$(m cp_xxhsum); d=$(m cp_md5sum); r=$(m report)
mb=$(du -sm "$card" | cut -f1)
ratio() { echo "scale=2; $1 / $2" | bc -l; }
{
  echo "# Offload bench, last run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, median of $RUNS)"
  echo
  echo "Card: $FILES WAV files, $mb MB, copied to two destinations on the same disk; page cache warm for the source."
  echo
  echo "| tool | what it does | seconds | source MB/s | time ÷ Perche default |"
  echo "|---|---|---:|---:|---:|"
  echo "| Perche offload (default) | 1 read, 2 parallel writes, xxh64 while copying, fsync, copies dropped from cache and re-read, rename, ASC MHL | $p | $(echo "scale=0; $mb / $p" | bc -l) | 1.00 |"
  echo "| Perche offload --verify-from-cache | same, re-read from the page cache | $pc | $(echo "scale=0; $mb / $pc" | bc -l) | $(ratio "$pc" "$p") |"
  echo "| cp + cp + sync + xxhsum ×3 | baseline, xxh64 of source and both copies | $x | $(echo "scale=0; $mb / $x" | bc -l) | $(ratio "$x" "$p") |"
  echo "| cp + cp + sync + md5sum ×3 | baseline, md5 | $d | $(echo "scale=0; $mb / $d" | bc -l) | $(ratio "$d" "$p") |"
  echo
  echo "Sound report of 500 recorder files (headers only, \`perche report --json\`, process start included): $r s."
  echo
  echo "ascmhl (the Python reference tool) was not measured: PyPI is not reachable from this machine."
} | tee "$out"
