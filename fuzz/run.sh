#!/usr/bin/env bash
# Fuzz one reader with AFL++ through SharpFuzz for a chosen time, then confirm, minimise and file what it found.
#
#   fuzz/run.sh TARGET [SECONDS] [--smoke]
#   fuzz/run.sh --list          (builds, then prints the target names)
#
# TARGET is a name from `perche-fuzz list` (wav, bext, ixml, timecode, ...); SECONDS defaults to 600.
# Findings go to fuzz/out/findings/TARGET. A crash or hang that reproduces outside AFL++ is minimised with
# afl-tmin and copied to tests/corpus/TARGET/ (the normal test suite replays that folder), except with
# --smoke (CI), which only reports it. Exits 1 when a reproducible crash or hang was found, 2 on bad usage.
# One line of figures per run is appended to fuzz/out/campaigns.tsv.
set -uo pipefail
cd "$(dirname "$0")/.."

target="${1:-}"
seconds="${2:-600}"
smoke=0
[ "${3:-}" = "--smoke" ] && smoke=1
if [ -z "$target" ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
if ! command -v afl-fuzz >/dev/null; then
  echo "afl-fuzz not found: install Debian's afl++ (apt-get install afl++)" >&2
  exit 2
fi

out=fuzz/out
bin="$out/bin"     # plain build: replays inputs to confirm crashes
inst="$out/afl"    # the same build with the reader assemblies instrumented by SharpFuzz
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Build once per source state: the stamp is the newest source file; instrumenting twice would fail.
stamp=$(find src fuzz/Perche.Fuzz -name '*.cs' -newer "$inst/.stamp" -print -quit 2>/dev/null)
if [ ! -f "$inst/.stamp" ] || [ -n "$stamp" ]; then
  rm -rf "$bin" "$inst"
  dotnet publish fuzz/Perche.Fuzz -c Release -o "$bin" -v quiet -nologo >"$out.publish.log" 2>&1 \
    || { cat "$out.publish.log" >&2; exit 2; }
  dotnet tool restore >/dev/null || exit 2
  cp -r "$bin" "$inst"
  for a in $(for t in $(dotnet "$bin/perche-fuzz.dll" list | awk '{print $1}'); do dotnet "$bin/perche-fuzz.dll" assemblies "$t"; done | sort -u); do
    dotnet sharpfuzz "$inst/$a.dll" >/dev/null || { echo "instrumenting $a failed" >&2; exit 2; }
  done
  touch "$inst/.stamp"
fi

if [ "$target" = "--list" ]; then
  dotnet "$bin/perche-fuzz.dll" list | awk '{print $1}'
  exit 0
fi

if ! dotnet "$bin/perche-fuzz.dll" assemblies "$target" >/dev/null 2>&1 || [ -z "$(dotnet "$bin/perche-fuzz.dll" assemblies "$target")" ]; then
  echo "no fuzz target '$target'; known: $(dotnet "$bin/perche-fuzz.dll" list | awk '{print $1}' | tr '\n' ' ')" >&2
  exit 2
fi

seeds="fuzz/seeds/$target"
findings="$out/findings/$target"
rm -rf "$findings"
mkdir -p "$findings"
# Seeds plus the regression corpus: fuzzing starts from every input that once broke a reader.
input="$out/input/$target"
rm -rf "$input"; mkdir -p "$input"
cp "$seeds"/* "$input"/ 2>/dev/null
cp tests/corpus/"$target"/* "$input"/ 2>/dev/null
rm -f "$input"/README* 2>/dev/null
[ -n "$(ls -A "$input")" ] || echo "x" >"$input/empty"

# AFL++ runs `dotnet`, which it cannot see instrumented (the reader assemblies are): skip that check.
# A hard heap limit turns runaway allocation into an OutOfMemoryException, which AFL++ records as a crash.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_QUIET=1 AFL_FAST_CAL=1
export DOTNET_GCHeapHardLimit=0x20000000
afl-fuzz -i "$input" -o "$findings" -t 5000 -m none -V "$seconds" -- "$inst/perche-fuzz" afl "$target" >"$findings.log" 2>&1
afl_status=$?
unset DOTNET_GCHeapHardLimit
stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  echo "afl-fuzz did not start (status $afl_status); its log:" >&2
  tail -40 "$findings.log" >&2
  exit 2
fi
stat() { awk -F' *: *' -v k="$1" '$1==k {print $2}' "$stats"; }

# Confirm outside AFL++ (uninstrumented, with the time and memory bounds the corpus test uses).
reproduced=0
kept=()
for f in "$findings"/default/crashes/id:* "$findings"/default/hangs/id:*; do
  [ -f "$f" ] || continue
  if dotnet "$bin/perche-fuzz.dll" replay "$target" "$f" >"$f.replay" 2>&1; then
    continue
  fi
  reproduced=$((reproduced + 1))
  min="$f.min"
  # afl-tmin writes a temporary file in its working folder, and on a large input it can run for long: bound it.
  # Absolute paths first: inside the findings folder the repository-relative ones no longer resolve.
  abs_f=$(realpath "$f"); abs_min=$(realpath -m "$min"); abs_bin=$(realpath "$inst/perche-fuzz")
  (cd "$findings" && AFL_SKIP_BIN_CHECK=1 timeout 300 afl-tmin -i "$abs_f" -o "$abs_min" -t 10000 -m none -- "$abs_bin" afl "$target" >/dev/null 2>&1) || cp "$f" "$min"
  # afl-tmin may minimise towards another failure; keep the original when the minimised one no longer fails.
  dotnet "$bin/perche-fuzz.dll" replay "$target" "$min" >/dev/null 2>&1 && cp "$f" "$min"
  kept+=("$min")
  echo "reproducible failure: $f"; grep -A3 -E '^(Crash|Hang|Runaway)' "$f.replay" | head -6
done

crash_count=$(stat saved_crashes); hang_count=$(stat saved_hangs)
printf '%s\t%s\t%ss\t%s execs\t%s paths\t%s edges\t%s crashes\t%s hangs\t%s reproducible\n' \
  "$(date -u +%FT%TZ)" "$target" "$(stat run_time)" "$(stat execs_done)" "$(stat corpus_count)" "$(stat edges_found)" \
  "${crash_count:-0}" "${hang_count:-0}" "$reproduced" | tee -a "$out/campaigns.tsv"

if [ "$reproduced" -gt 0 ]; then
  if [ "$smoke" = 1 ]; then
    mkdir -p "$out/crashes/$target"
    cp "${kept[@]}" "$out/crashes/$target/"
    echo "fuzz smoke: $reproduced reproducible failure(s) in '$target'; inputs in $out/crashes/$target" >&2
  else
    mkdir -p "tests/corpus/$target"
    for m in "${kept[@]}"; do cp "$m" "tests/corpus/$target/$(sha256sum "$m" | cut -c1-16).bin"; done
    echo "added ${#kept[@]} input(s) to tests/corpus/$target: fix the reader, then run the reliability tests" >&2
  fi
  exit 1
fi
exit 0
