#!/usr/bin/env bash
# Side-by-side delivery benchmark: `perche deliver` to EBU R128 vs ffmpeg `loudnorm` two-pass, on the same
# files, in one run; both outputs measured by the same meter (`perche loudness`). See bench/compare/README.md.
# Usage: bench/compare/deliver.sh   (env: QUICK=1 for 30 s / 2 min files, PERCHE_BUILD=0, WORK)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PERCHE_DLL=${PERCHE_DLL:-$ROOT/src/Perche.Cli/bin/Release/net10.0/perche.dll}
PERCHE_BUILD=${PERCHE_BUILD:-1}
WORK=${WORK:-$ROOT/bench/work}
OUT_MD=${OUT_MD:-$HERE/last-deliver.md}
export WORK QUICK=${QUICK:-0}

command -v ffmpeg >/dev/null || { echo "deliver.sh: ffmpeg is missing (apt-get install ffmpeg)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "deliver.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
if [[ "$PERCHE_BUILD" == 1 ]]; then
    (cd "$ROOT" && dotnet build -c Release src/Perche.Cli -nologo -v q >&2)
fi

mapfile -t FILES < <("$HERE/make-signals.sh")
OUT="$WORK/deliver-out"
mkdir -p "$OUT"

json_num() { grep -oE "\"$2\"[[:space:]]*:[[:space:]]*\"?-?[0-9.]+" "$1" | head -n1 | sed -E 's/.*:[[:space:]]*"?//'; }
timed() { # LOG CMD...: runs CMD, appends "wall_s maxrss_kib" to LOG
    local log=$1; shift
    /usr/bin/time -f "%e %M" -o "$log.time" "$@"
    cat "$log.time"
}
measure() { dotnet "$PERCHE_DLL" loudness "$1" --json > "$OUT/m.json"; echo "$(json_num "$OUT/m.json" integratedLufs) $(json_num "$OUT/m.json" maxTruePeakDbtp)"; }

{
echo "# Delivery benchmark: perche deliver vs ffmpeg loudnorm (two-pass)"
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(ffmpeg -version | head -n1 | cut -d' ' -f1-3), .NET $(dotnet --version)"
echo
echo "Target EBU R128: -23 LUFS, -1 dBTP. Perche: \`perche deliver FILE --profile ebu-r128 --no-encode --no-reports\` (measure, gain, limiter if needed, dither, 24-bit BWF with bext, re-measure of the written file). ffmpeg: pass 1 \`-af loudnorm=I=-23:TP=-1:LRA=50:print_format=json -f null -\`, pass 2 \`loudnorm=...:measured_*=...:linear=true\`, 24-bit WAV at the source rate. Outputs measured by \`perche loudness\`. One run each, wall time of the whole process."
echo
echo "| file | tool | wall s | peak RSS MiB | output I (LUFS) | output TP (dBTP) | ffmpeg / Perche |"
echo "|---|---|---:|---:|---:|---:|---:|"
} > "$OUT_MD"

for f in "${FILES[@]}"; do
    name=$(basename "$f" .wav)
    rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of csv=p=0 "$f")
    echo "perche deliver $name" >&2
    rm -rf "$OUT/perche"
    read -r p_wall p_rss < <(timed "$OUT/p" dotnet "$PERCHE_DLL" deliver "$f" --profile ebu-r128 --out "$OUT/perche" --no-encode --no-reports --json > "$OUT/p.json"; tail -n1 "$OUT/p.time")
    p_file=$(ls "$OUT"/perche/*.wav | head -n1)
    read -r p_i p_tp < <(measure "$p_file")

    echo "ffmpeg loudnorm two-pass $name" >&2
    start=$(date +%s.%N)
    /usr/bin/time -f "%e %M" -o "$OUT/f1.time" ffmpeg -nostdin -hide_banner -nostats -i "$f" -af loudnorm=I=-23:TP=-1:LRA=50:print_format=json -f null - 2> "$OUT/f1.log"
    mi=$(grep -oE '"input_i" : "[-0-9.]+"' "$OUT/f1.log" | grep -oE '[-0-9.]+' | tail -n1)
    mtp=$(grep -oE '"input_tp" : "[-0-9.]+"' "$OUT/f1.log" | grep -oE '[-0-9.]+' | tail -n1)
    mlra=$(grep -oE '"input_lra" : "[-0-9.]+"' "$OUT/f1.log" | grep -oE '[-0-9.]+' | tail -n1)
    mth=$(grep -oE '"input_thresh" : "[-0-9.]+"' "$OUT/f1.log" | grep -oE '[-0-9.]+' | tail -n1)
    off=$(grep -oE '"target_offset" : "[-0-9.]+"' "$OUT/f1.log" | grep -oE '[-0-9.]+' | tail -n1)
    /usr/bin/time -f "%e %M" -o "$OUT/f2.time" ffmpeg -nostdin -hide_banner -nostats -y -i "$f" \
        -af "loudnorm=I=-23:TP=-1:LRA=50:measured_I=$mi:measured_TP=$mtp:measured_LRA=$mlra:measured_thresh=$mth:offset=$off:linear=true" \
        -ar "$rate" -c:a pcm_s24le "$OUT/ffmpeg-$name.wav" 2> "$OUT/f2.log"
    f_wall=$(awk '{ s += $1 } END { printf "%.2f", s }' "$OUT/f1.time" "$OUT/f2.time")
    f_rss=$(awk '{ if ($2 > m) m = $2 } END { print m }' "$OUT/f1.time" "$OUT/f2.time")
    read -r f_i f_tp < <(measure "$OUT/ffmpeg-$name.wav")
    ratio=$(awk -v a="$f_wall" -v b="$p_wall" 'BEGIN { printf "%.1f", a / b }')
    size=$(du -m "$f" | cut -f1)
    printf '| %s (%s MiB) | **Perche** | **%s** | %.1f | %s | %s | |\n' "$name" "$size" "$p_wall" "$(awk -v k="$p_rss" 'BEGIN{print k/1024}')" "$p_i" "$p_tp" >> "$OUT_MD"
    printf '| | ffmpeg loudnorm | %s | %.1f | %s | %s | **%s×** |\n' "$f_wall" "$(awk -v k="$f_rss" 'BEGIN{print k/1024}')" "$f_i" "$f_tp" "$ratio" >> "$OUT_MD"
    rm -f "$OUT/ffmpeg-$name.wav"
    rm -rf "$OUT/perche"
done
cat "$OUT_MD"
