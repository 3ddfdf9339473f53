#!/usr/bin/env bash
# Prints one line of JaCoCo coverage per module, from the reports `mvn verify` writes
# (<module>/target/site/jacoco/jacoco.csv; the HTML beside it shows the lines). No threshold:
# the figures are for reading. A module without a report or without code of its own is not listed.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t reports < <(find . -path ./node_modules -prune -o -path '*/target/site/jacoco/jacoco.csv' -print | sort)
if [ "${#reports[@]}" -eq 0 ]; then
  echo "coverage: no JaCoCo reports (run mvn -B verify first)"
  exit 0
fi

printf '%-36s %22s %22s\n' "coverage (JaCoCo)" "lines" "branches"
for csv in "${reports[@]}"; do
  module=${csv#./}
  module=${module%/target/site/jacoco/jacoco.csv}
  # columns: GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,...
  awk -F, -v module="$module" '
    NR > 1 { bm += $6; bc += $7; lm += $8; lc += $9 }
    END {
      lt = lm + lc; bt = bm + bc
      if (lt == 0) exit
      lp = lt ? sprintf("%5.1f%% (%d/%d)", 100 * lc / lt, lc, lt) : "-"
      bp = bt ? sprintf("%5.1f%% (%d/%d)", 100 * bc / bt, bc, bt) : "-"
      printf "%-36s %22s %22s\n", module, lp, bp
    }' "$csv"
done
