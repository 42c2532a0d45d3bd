#!/usr/bin/env bash
# Mutation run for ONE rule family (issue 14). Not part of CI or the README test command.
#   tests/mutation/run.sh FAMILY        FAMILY = Scoring|Sla|Cadence|Demands|Satisfaction|DataQuality|Churn|Lifecycle|Configuration|Access|Analytics
# Mutates only src/Crm.Rules/FAMILY/**/*.cs, runs only tests in namespace Crm.Rules.Tests.FAMILY,
# writes reports to tests/mutation/reports/FAMILY/ (git-ignored) and prints the figures and the score.
# Shared settings are in tests/mutation/stryker-config.json; the family parts are command-line overrides.
set -euo pipefail

families="Scoring Sla Cadence Demands Satisfaction DataQuality Churn Lifecycle Configuration Access Analytics"
family=${1:-}
if [[ -z $family || " $families " != *" $family "* ]]; then
  echo "usage: $0 FAMILY   (one of: $families)" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/reports/$family"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Read by tests that are too slow to rerun for every mutant at full size (Configuration/LoaderFuzzTests: 200 of 2,000).
export CRM_RULES_MUTATION_RUN=1

cd "$root"
dotnet tool restore

rm -rf "$out"
mkdir -p "$out"

# Stryker runs from the test project's folder; the mutate glob is relative to the project under test.
cd "$root/tests/Crm.Rules.Tests"
dotnet stryker \
  --config-file "$here/stryker-config.json" \
  --project Crm.Rules.csproj \
  --mutate "$family/**/*.cs" \
  --test-case-filter "FullyQualifiedName~Crm.Rules.Tests.$family." \
  --output "$out" \
  --skip-version-check \
  ${STRYKER_EXTRA:-}

"$here/summary.sh" "$family"
