#!/usr/bin/env bash
# Side-by-side loudness benchmark: Perche vs libebur128 vs ffmpeg's ebur128 filter, in one run.
# See bench/compare/README.md. Usage: bench/compare/run.sh   (env: RUNS, QUICK, PERCHE_CMD, ...)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

# ---------------------------------------------------------------- configuration (override via environment)
# Perche command line; the bench appends: loudness FILE --json
PERCHE_DLL=${PERCHE_DLL:-$ROOT/src/Perche.Cli/bin/Release/net10.0/perche.dll}
PERCHE_CMD=${PERCHE_CMD:-dotnet $PERCHE_DLL}
PERCHE_BUILD=${PERCHE_BUILD:-1}          # 1: `dotnet build -c Release src/Perche.Cli` once before timing
RUNS=${RUNS:-3}                          # timed repetitions per tool and file; the median wall time is reported
QUICK=${QUICK:-0}                        # 1: 30 s 5.1 and 2 min stereo files instead of 10 min / 2 h
FFMPEG_AF=${FFMPEG_AF:-ebur128=peak=true}
WORK=${WORK:-$ROOT/bench/work}
OUT_MD=${OUT_MD:-$HERE/last-run.md}
export WORK QUICK

die() { echo "run.sh: $*" >&2; exit 1; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"

# ---------------------------------------------------------------- prerequisites
missing=()
pkg_ok() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for p in libebur128-dev libsndfile1-dev ffmpeg time; do pkg_ok "$p" || missing+=("$p"); done
command -v cc >/dev/null || missing+=(gcc libc6-dev)
if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "installing: ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y "${missing[@]}" >&2 || { apt-get update >&2 && apt-get install -y "${missing[@]}" >&2; }
    else
        die "missing packages: ${missing[*]} (install them, or run as root)"
    fi
fi

# ---------------------------------------------------------------- signals and driver
mapfile -t FILES < <("$HERE/make-signals.sh")
((${#FILES[@]})) || die "no signals generated"

DRIVER="$WORK/bin/ebur128_driver"
if [[ ! -x "$DRIVER" || "$HERE/ebur128_driver.c" -nt "$DRIVER" ]]; then
    echo "building $DRIVER" >&2
    cc -O2 -Wall -o "$DRIVER" "$HERE/ebur128_driver.c" -lebur128 -lsndfile -lm
fi

# ---------------------------------------------------------------- Perche (optional until the CLI has `loudness`)
HAVE_PERCHE=1
if [[ "$PERCHE_CMD" == "dotnet $PERCHE_DLL" ]]; then
    if [[ "$PERCHE_BUILD" == 1 ]] && command -v dotnet >/dev/null; then
        echo "building Perche: dotnet build -c Release src/Perche.Cli" >&2
        (cd "$ROOT" && dotnet build -c Release src/Perche.Cli -nologo -v q >&2) ||
            echo "Perche build failed" >&2
    fi
    if [[ ! -f "$PERCHE_DLL" ]] || ! command -v dotnet >/dev/null; then
        echo "SKIPPING Perche: $PERCHE_DLL not found (or dotnet missing); set PERCHE_CMD to override" >&2
        HAVE_PERCHE=0
    fi
fi

TMP=$(mktemp -d "$WORK/run.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------- tools
# tool_cmd TOOL FILE: sets the array CMD to the command line that measures FILE
tool_cmd() {
    case $1 in
        perche) read -r -a CMD <<<"$PERCHE_CMD"; CMD+=(loudness "$2" --json) ;;
        libebur128) CMD=("$DRIVER" "$2") ;;
        ffmpeg) CMD=(ffmpeg -nostats -hide_banner -i "$2" -af "$FFMPEG_AF" -f null -) ;;
    esac
}

# parse_TOOL STDOUT-FILE STDERR-FILE: prints "I LRA TP" ("-" for a value not found)
json_value() { # FILE KEY-REGEX: first number (or null) after a matching "key":
    local v
    v=$(grep -oiE "\"($2)\"[[:space:]]*:[[:space:]]*(-?[0-9][0-9.eE+-]*|null|\"-?inf[a-z]*\")" "$1" |
        head -n1 | sed -E 's/.*:[[:space:]]*//; s/"//g') || true
    echo "${v:--}"
}
parse_json() {
    # Perche prints camelCase keys with units (integratedLufs, loudnessRangeLu, maxTruePeakDbtp); the
    # whole-file true peak must be matched before the per-channel truePeakDbtp values.
    echo "$(json_value "$1" 'integrated_lufs|integratedLufs|integrated|integrated_loudness|integratedLoudness')" \
         "$(json_value "$1" 'lra_lu|loudnessRangeLu|lraLu|lra|loudness_range|loudnessRange')" \
         "$(json_value "$1" 'true_peak_dbtp|maxTruePeakDbtp|truePeakDbtp|true_peak|truePeak|tp')"
}
parse_perche() { parse_json "$1"; }
parse_libebur128() { parse_json "$1"; }
parse_ffmpeg() { # the Summary block at the end of ffmpeg's stderr
    awk '/Summary:/ { s = 1 }
         s && $1 == "I:"    { i = $2 }
         s && $1 == "LRA:"  { l = $2 }
         s && $1 == "Peak:" { p = $2 }
         END { print (i == "" ? "-" : i), (l == "" ? "-" : l), (p == "" ? "-" : p) }' "$2"
}

TOOLS=()
((HAVE_PERCHE)) && TOOLS+=(perche)
TOOLS+=(libebur128 ffmpeg)
label() { case $1 in perche) echo "Perche";; libebur128) echo "libebur128 (driver)";; ffmpeg) echo "ffmpeg ebur128";; esac; }

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# ---------------------------------------------------------------- header
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
v_lib=$("$DRIVER" --version)
v_ffmpeg=$(ffmpeg -version | head -n1 | awk '{ print $1, $2, $3 }')
v_dotnet=$(command -v dotnet >/dev/null && dotnet --version 2>/dev/null || echo "absent")
v_perche=$( ((HAVE_PERCHE)) && ($PERCHE_CMD --version 2>/dev/null | head -n1) || true)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
MACHINE="Machine: nproc=$(nproc), CPU: $cpu, RAM: $mem, load average at start: $(cut -d' ' -f1-3 /proc/loadavg). Versions: $v_lib; $v_ffmpeg; dotnet $v_dotnet; Perche ${v_perche:-n/a} (commit $commit). RUNS=$RUNS, median wall time, peak RSS = max over runs; one warm-up read of each file (page cache) before timing."

{
    echo "# Loudness bench: Perche vs libebur128 vs ffmpeg"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'). $MACHINE"
    if ((!HAVE_PERCHE)); then echo; echo "Perche was skipped ($PERCHE_CMD not available); ratios are n/a."; fi
} >"$OUT_MD.partial"
echo
cat "$OUT_MD.partial"

# ---------------------------------------------------------------- measure
for f in "${FILES[@]}"; do
    name=$(basename "$f")
    info=$(ffprobe -v error -select_streams a:0 -of default=nw=1 \
               -show_entries stream=channels,sample_rate,bits_per_raw_sample:format=duration,size "$f" |
           awk -F= '{ v[$1] = $2 } END { printf "%d Hz, %d ch, %d-bit, %.1f s, %.1f MiB\n",
                     v["sample_rate"], v["channels"], v["bits_per_raw_sample"], v["duration"], v["size"] / 1048576 }')
    echo >&2
    echo "== $name: $info" >&2
    cat "$f" >/dev/null # warm-up read: every tool then reads from the page cache

    # Perche probe: skip it for this file if the command fails (e.g. the `loudness` verb does not exist yet)
    tools=("${TOOLS[@]}")
    skipped_note=""
    if ((HAVE_PERCHE)); then
        tool_cmd perche "$f"
        if ! "${CMD[@]}" >"$TMP/probe.out" 2>"$TMP/probe.err" || [[ $(parse_perche "$TMP/probe.out" "$TMP/probe.err") == "- - -" ]]; then
            echo "SKIPPING Perche on $name: '$PERCHE_CMD loudness FILE --json' failed or printed no loudness JSON:" >&2
            head -n 3 "$TMP/probe.err" "$TMP/probe.out" >&2 || true
            tools=(libebur128 ffmpeg)
            skipped_note="Perche skipped on this file: its command failed or printed no loudness JSON."
        fi
    fi

    # interleave the tools inside each repetition so that background load hits them alike
    for ((r = 1; r <= RUNS; r++)); do
        for t in "${tools[@]}"; do
            tool_cmd "$t" "$f"
            if ! /usr/bin/time -f '%e %M %U %S' -o "$TMP/$t.time.$r" "${CMD[@]}" >"$TMP/$t.out" 2>"$TMP/$t.err"; then
                tail -n 5 "$TMP/$t.err" >&2
                die "$t failed on $f"
            fi
            echo "  run $r/$RUNS $t: $(cat "$TMP/$t.time.$r") (wall-s maxrss-KiB user-s sys-s)" >&2
        done
    done

    declare -A wall rss cpu vals
    for t in "${tools[@]}"; do
        wall[$t]=$(for ((r = 1; r <= RUNS; r++)); do awk '{ print $1 }' "$TMP/$t.time.$r"; done | median)
        cpu[$t]=$(for ((r = 1; r <= RUNS; r++)); do awk '{ print $3 + $4 }' "$TMP/$t.time.$r"; done | median)
        rss[$t]=$(for ((r = 1; r <= RUNS; r++)); do awk '{ print $2 }' "$TMP/$t.time.$r"; done | sort -g | tail -n1)
        vals[$t]=$(parse_$t "$TMP/$t.out" "$TMP/$t.err")
    done
    ref=${wall[perche]:-}

    {
        echo
        echo "## $name"
        echo
        echo "$info"
        echo
        echo "| tool | wall s (median of $RUNS) | peak RSS MiB | I (LUFS) | LRA (LU) | TP (dBTP) | time ratio vs Perche | CPU s (user+sys, median) |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|"
        for t in "${tools[@]}"; do
            read -r vi vl vt <<<"${vals[$t]}"
            if [[ -n "$ref" ]]; then ratio=$(awk -v a="${wall[$t]}" -v b="$ref" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }')
            else ratio="n/a"; fi
            printf '| %s | %.2f | %.1f | %s | %s | %s | %s | %.2f |\n' "$(label "$t")" "${wall[$t]}" \
                "$(awk -v k="${rss[$t]}" 'BEGIN { print k / 1024 }')" "$vi" "$vl" "$vt" "$ratio" "${cpu[$t]}"
        done
        [[ -z "$skipped_note" ]] || { echo; echo "$skipped_note"; }
        echo
        printf 'All runs (wall s):'
        for t in "${tools[@]}"; do
            printf ' %s' "$t"
            for ((r = 1; r <= RUNS; r++)); do printf ' %s' "$(awk '{ print $1 }' "$TMP/$t.time.$r")"; done
            printf ';'
        done
        echo " Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
    } | tee -a "$OUT_MD.partial"
    unset wall rss cpu vals
done

mv "$OUT_MD.partial" "$OUT_MD"
echo
echo "written: $OUT_MD"
