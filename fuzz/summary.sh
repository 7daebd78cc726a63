#!/usr/bin/env bash
# Sums fuzz/out/campaigns.tsv per target as a Markdown table (the Reliability section of bench/RESULTS.md):
# runs, fuzzing time, executions, the largest corpus (distinct paths AFL++ kept) and edges, crashes and hangs.
set -euo pipefail
cd "$(dirname "$0")/.."
tsv=fuzz/out/campaigns.tsv
[ -f "$tsv" ] || { echo "no $tsv yet: run fuzz/run.sh first" >&2; exit 1; }
echo "| target | runs | fuzzing s | executions | paths (max) | edges (max) | crashes saved | hangs saved | reproducible |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F'\t' '{
  t=$2; sub(/s$/,"",$3); split($4,e," "); split($5,p," "); split($6,g," "); split($7,c," "); split($8,h," "); split($9,r," ");
  runs[t]++; secs[t]+=$3; ex[t]+=e[1]; if (p[1]>pm[t]) pm[t]=p[1]; if (g[1]>gm[t]) gm[t]=g[1]; cr[t]+=c[1]; hg[t]+=h[1]; rp[t]+=r[1];
  if (!(t in order)) { order[t]=++n; names[n]=t }
} END {
  for (i=1;i<=n;i++) { t=names[i]; printf "| %s | %d | %d | %d | %d | %d | %d | %d | %d |\n", t, runs[t], secs[t], ex[t], pm[t], gm[t], cr[t], hg[t], rp[t] }
}' "$tsv"
