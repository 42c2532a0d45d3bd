#!/usr/bin/env bash
# Prints the figures, the score and the surviving / uncovered mutants of a finished family run
# from tests/mutation/reports/FAMILY/reports/mutation-report.json.   tests/mutation/summary.sh FAMILY
set -euo pipefail
family=${1:?usage: $0 FAMILY}
here=$(cd "$(dirname "$0")" && pwd)
json=$(find "$here/reports/$family" -name 'mutation-report.json' 2>/dev/null | head -n 1)
if [[ -z $json ]]; then
  echo "no json report under $here/reports/$family" >&2
  exit 1
fi
# Only the family's files count: the report lists every file of Crm.Rules, the others as Ignored (mutate filter)
# or CompileError (Stryker's safe mode). Score = (killed + timeout) / (killed + timeout + survived + no coverage),
# the same as Stryker's "final mutation score".
jq -r --arg family "$family" '
  [.files | to_entries[] | select(.key | test("/src/Crm.Rules/" + $family + "/")) | .value.mutants[].status] as $s
  | def n(x): [$s[] | select(. == x)] | length;
  (n("Killed")) as $k | (n("Timeout")) as $t | (n("Survived")) as $sv | (n("NoCoverage")) as $nc
  | (n("CompileError")) as $ce | (n("Ignored")) as $ig
  | ($k + $t + $sv + $nc) as $valid
  | "family \($family): mutants \($s | length), killed \($k), survived \($sv), timeout \($t), no coverage \($nc), compile errors \($ce), ignored \($ig)",
    "mutation score: \(if $valid == 0 then "n/a" else (((($k + $t) * 10000 / $valid) + 0.5 | floor) / 100 | tostring) + "%" end)"
' "$json"
echo "survivors and no-coverage mutants (status  file:line  mutator  replacement):"
jq -r --arg family "$family" '
  .files | to_entries[] | select(.key | test("/src/Crm.Rules/" + $family + "/")) | .key as $f | .value.mutants[]
  | select(.status == "Survived" or .status == "NoCoverage")
  | "  \(.status)  \($f | sub(".*/src/"; "src/")):\(.location.start.line)  \(.mutatorName)  \(.replacement // "" | gsub("\n"; " ") | .[0:90])"
' "$json"
echo "reports: $(dirname "$json")"
