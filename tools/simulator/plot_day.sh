#!/usr/bin/env bash
# Simulates one seeded day under ParkGrid with the grid connection at 50% of the uncontrolled peak and draws
# docs/img/simulated-day.svg: the load at the grid connection per phase against its limit, the building's
# share, and each vehicle's delivered energy against its request.
#   tools/simulator/plot_day.sh [BUILD_DIR] [extra parkgrid_sim flags...]
# BUILD_DIR defaults to build-sim (configured and built here if needed). Needs gnuplot (gnuplot-nox).
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir="${1:-build-sim}"
shift || true
if [ ! -x "$build_dir/tools/simulator/parkgrid_sim" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" --target parkgrid_sim >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
series="$work/day.csv"
"$build_dir/tools/simulator/parkgrid_sim" --seed 1 --chargers 20 --days 1 --capacity 50 \
  --policies equal,parkgrid,optimum --csv-day "$series" --csv-step 60 "$@" | tee "$work/summary.txt"

mkdir -p docs/img
gnuplot <<GNUPLOT
set terminal svg size 1000,900 dynamic font "sans,11" background rgb "white"
set output "docs/img/simulated-day.svg"
set datafile separator ","
set multiplot layout 2,1 title "ParkGrid, seed 1, 20 chargers, grid connection at 50% of the uncontrolled peak"

set title "Grid connection: building + charging per phase (1-minute samples)"
set xlabel "hours since midnight of day 0"
set ylabel "A per phase"
set xrange [0:*]
set xtics 2
set grid
set key outside right top
plot "$series" using 2:(\$3+\$6) skip 1 with lines lw 1.2 lc rgb "#1f77b4" title "L1 total", \
     "" using 2:(\$4+\$7) skip 1 with lines lw 1.2 lc rgb "#ff7f0e" title "L2 total", \
     "" using 2:(\$5+\$8) skip 1 with lines lw 1.2 lc rgb "#2ca02c" title "L3 total", \
     "" using 2:((\$3+\$4+\$5)/3) skip 1 with filledcurves x1 fs transparent solid 0.25 lc rgb "#7f7f7f" title "building (mean of phases)", \
     "" using 2:9 skip 1 with lines lw 2 dt 1 lc rgb "#d62728" title "limit", \
     "" using 2:10 skip 1 with lines lw 1.5 dt 2 lc rgb "#d62728" title "limit - margin"

set title "Energy per vehicle: requested and delivered by departure"
set xlabel "vehicle (by arrival)"
set ylabel "kWh"
set xrange [-1:*]
set xtics 1 font ",8"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
plot "${series%.csv}-vehicles.csv" using 6:xtic(1) skip 1 lc rgb "#c7c7c7" title "requested", \
     "" using 7 skip 1 lc rgb "#1f77b4" title "delivered (ParkGrid)"
unset multiplot
GNUPLOT
echo "wrote docs/img/simulated-day.svg"
