#!/usr/bin/env bash
# Offload benchmark: `perche offload` (one read of the card, both destinations written in parallel, xxh64 while
# copying, every copy re-read from the drive and compared before it gets its name, ASC MHL) against two shell
# baselines, side by side in one run, with the load average noted beside every figure (the machine is shared):
#
#   issue baseline     cp -r to each destination, sync, xxhsum of the source and both copies. This is what
#                      issue 4 names. Its xxhsum of the copies reads the page cache, i.e. the bytes cp just
#                      wrote from memory, not what reached the drive: it proves less than Perche's verification.
#   equal guarantees   the same, but after the sync each copy is dropped from the page cache
#                      (dd iflag=nocache count=0, per file) so xxhsum reads the copies back from the drive,
#                      as Perche does. The source stays cached on both sides (warm mode).
#
#   bench/compare/offload.sh                  # ~4 GB card of 10 WAVs (generated once into bench/work/offload)
#   SIZE_MB=1024 bench/compare/offload.sh     # a quick run
#   RUNS=3 bench/compare/offload.sh           # more repetitions (median reported; order alternates per run)
#   COLD=1 bench/compare/offload.sh           # root: drop the whole page cache before each side (a freshly
#                                             # inserted card; the machine may then cache it, as a laptop would)
#   DISK=0 ...                                # skip the raw disk figures (dd, xxhsum) measured first
#   REPORT=0 ...                              # skip the 500-file sound report timing
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE_MB=${SIZE_MB:-4096}
FILES=${FILES:-10}
RUNS=${RUNS:-1}
COLD=${COLD:-0}
DISK=${DISK:-1}
REPORT=${REPORT:-1}
PERCHE_BUILD=${PERCHE_BUILD:-1}
work=bench/work/offload
card=$work/card-${SIZE_MB}MB/SR042
out=bench/compare/last-run-offload.md
if [ "$COLD" = 1 ]; then out=bench/compare/last-run-offload-cold.md; fi

if ! command -v xxhsum >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq xxhash >/dev/null; else echo "xxhsum missing (apt-get install xxhash)" >&2; exit 1; fi
fi
if [ "$COLD" = 1 ] && [ "$(id -u)" != 0 ]; then echo "COLD=1 needs root (drop_caches)" >&2; exit 1; fi

# The card: FILES WAVs of random PCM (random so that nothing compresses or dedupes), generated once per size.
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
if [ "$REPORT" = 1 ] && { [ ! -d "$reportdir" ] || [ "$(ls "$reportdir" | wc -l)" -ne 500 ]; }; then
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
load() { cut -d' ' -f1 /proc/loadavg; }
clean() { rm -rf "$work/A" "$work/B"; sync; }
# The state each side starts from: destinations absent, the card cached (warm) or nothing cached (cold).
prepare() {
  clean
  if [ "$COLD" = 1 ]; then sync; echo 3 > /proc/sys/vm/drop_caches; else cat "$card"/* > /dev/null; fi
}
secs() { local s e; s=$(now); "$@" >/dev/null 2>&1; e=$(now); printf '%.2f' "$(echo "$e - $s" | bc -l)"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

side_perche() { "${perche[@]}" offload "$card" --to "$work/A" --to "$work/B" --hash xxh64; }
side_issue() {
  mkdir -p "$work/A" "$work/B" && cp -r "$card" "$work/A/" && cp -r "$card" "$work/B/" && sync &&
    xxhsum -H1 "$card"/* "$work"/A/SR042/* "$work"/B/SR042/*
}
side_equal() {
  mkdir -p "$work/A" "$work/B" && cp -r "$card" "$work/A/" && cp -r "$card" "$work/B/" && sync || return 1
  local f
  for f in "$work"/A/SR042/* "$work"/B/SR042/*; do dd if="$f" iflag=nocache count=0 status=none; done
  xxhsum -H1 "$card"/* "$work"/A/SR042/* "$work"/B/SR042/*
}

mb=$(du -sm "$card" | cut -f1)
{
  echo "# Offload bench, last run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $RUNS run(s))"
  echo
  echo "Card: $FILES WAV files, $mb MB of random PCM; destinations A and B on the same disk ($(df --output=source "$work" | tail -1)). Mode: $([ "$COLD" = 1 ] && echo 'cold (page cache dropped before each side)' || echo 'warm (card in the page cache before each side)'). \"load\" is the 1-minute load average when the side started."
  echo
} > "$out.tmp"

if [ "$DISK" = 1 ]; then
  # Raw figures of this disk, 1 GiB each, random bytes (a copy of the card's first files).
  d=$work/dd; mkdir -p "$d"
  head -c $((1 << 30)) < <(cat "$card"/*) > "$d/src.bin"; sync
  dd_rate() { "$@" 2>&1 | awk -F', ' '/copied/ {print $NF}'; }
  drop_file() { dd if="$1" iflag=nocache count=0 status=none; }
  {
    echo "## This disk, 1 GiB transfers (dd bs=8M; load $(load))"
    echo
    echo "| transfer | rate |"
    echo "|---|---:|"
    echo "| write, O_DIRECT | $(dd_rate dd if="$d/src.bin" of="$d/w1.bin" bs=8M oflag=direct) |"
    echo "| write, buffered + fdatasync | $(dd_rate dd if="$d/src.bin" of="$d/w2.bin" bs=8M conv=fdatasync) |"
    echo "| read, O_DIRECT | $(dd_rate dd if="$d/w1.bin" of=/dev/null bs=8M iflag=direct) |"
    drop_file "$d/w2.bin"
    echo "| read, buffered, not cached | $(dd_rate dd if="$d/w2.bin" of=/dev/null bs=8M) |"
    echo "| read, page cache | $(dd_rate dd if="$d/src.bin" of=/dev/null bs=8M) |"
    r=$( (dd_rate dd if="$d/w1.bin" of=/dev/null bs=8M iflag=direct > "$d/r.txt") & dd_rate dd if="$d/src.bin" of="$d/w3.bin" bs=8M oflag=direct; wait)
    echo "| write O_DIRECT while reading O_DIRECT (each) | $r / $(cat "$d/r.txt") |"
    r=$( (dd_rate dd if="$d/src.bin" of="$d/w4.bin" bs=8M oflag=direct > "$d/r.txt") & dd_rate dd if="$d/src.bin" of="$d/w3.bin" bs=8M oflag=direct; wait)
    echo "| two O_DIRECT writes at once (each) | $r / $(cat "$d/r.txt") |"
    s=$(secs xxhsum -H1 "$d/src.bin")
    echo "| xxhsum -H1, page cache (CPU) | $(echo "scale=1; 1024 / $s / 1024" | bc -l) GB/s |"
    echo
  } >> "$out.tmp"
  rm -rf "$d"
fi

declare -A t l
sides=(perche issue equal)
for run in $(seq 1 "$RUNS"); do
  order=("${sides[@]}")
  if [ $((run % 2)) = 0 ]; then order=(equal issue perche); fi
  for s in "${order[@]}"; do
    prepare
    l[$s]+="$(load) "
    t[$s]+="$(secs "side_$s")"$'\n'
  done
done
clean

m() { printf '%s' "${t[$1]}" | sed '/^$/d' | median; }
all() { printf '%s' "${t[$1]}" | sed '/^$/d' | paste -sd' '; }
p=$(m perche); x=$(m issue); e=$(m equal)
rate() { echo "scale=0; $mb / $1" | bc -l; }
ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }
{
  echo "## Offload, median seconds"
  echo
  echo "| side | what it does | seconds (median) | each run | card MB/s | load | baseline ÷ Perche |"
  echo "|---|---|---:|---|---:|---|---:|"
  echo "| Perche offload | 1 read of the card, 2 parallel writes, xxh64 while copying, each copy re-read from the drive (not the page cache) and compared, then renamed; ASC MHL | $p | $(all perche) | $(rate "$p") | ${l[perche]}| |"
  echo "| issue baseline | cp, cp, sync, xxhsum ×3 (copies hashed from the page cache) | $x | $(all issue) | $(rate "$x") | ${l[issue]}| **$(ratio "$x" "$p")×** |"
  echo "| equal guarantees | cp, cp, sync, copies dropped from the cache, xxhsum ×3 (copies read from the drive) | $e | $(all equal) | $(rate "$e") | ${l[equal]}| **$(ratio "$e" "$p")×** |"
  echo
  if [ "$REPORT" = 1 ] && [ "$COLD" != 1 ]; then
    echo "Sound report of 500 recorder files (headers only, \`perche report --json\`, process start included): $(secs "${perche[@]}" report "$reportdir" --json) s (load $(load))."
    echo
  fi
} >> "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
