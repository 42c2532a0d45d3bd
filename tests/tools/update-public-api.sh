#!/usr/bin/env bash
# Regenerates src/Crm.Rules/PublicAPI.Unshipped.txt from the PublicApiAnalyzers' own diagnostics,
# so the declared API is whatever the code now exposes. Review the diff before committing it:
# every line that appears or disappears is a change to the public API.
#
#   tests/tools/update-public-api.sh
#
# How: empty PublicAPI.Unshipped.txt (keeping '#nullable enable'), rebuild the library with
# warnings reported as warnings, collect every symbol of RS0016 ("Symbol 'X' is not part of the
# declared public API"), sort them ordinally and write them back. Symbols already in
# PublicAPI.Shipped.txt are not reported, so they stay where they are. An RS0017 ("... is part of
# the declared API, but is either not public or could not be found") can then only come from
# PublicAPI.Shipped.txt, i.e. a breaking change to a shipped API: the script stops and shows it,
# because that needs a decision, not a regeneration. Works offline (needs a restored solution).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="$root/src/Crm.Rules/Crm.Rules.csproj"
unshipped="$root/src/Crm.Rules/PublicAPI.Unshipped.txt"
log="$(mktemp)"
previous="$(mktemp)"
trap 'rm -f "$log" "$previous"' EXIT

cp "$unshipped" "$previous"
printf '#nullable enable\n' > "$unshipped"

# Rebuild so the analyzers run even when the assembly is up to date. The file logger writes one
# diagnostic a line, unwrapped, whatever the console.
if ! dotnet build "$project" --no-incremental --nologo -v:q \
    -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= -p:CodeAnalysisTreatWarningsAsErrors=false \
    "-flp:LogFile=$log;Verbosity=normal;WarningsOnly" -clp:ErrorsOnly >/dev/null; then
  cp "$previous" "$unshipped"
  echo "update-public-api: the library does not build; PublicAPI.Unshipped.txt left as it was:" >&2
  dotnet build "$project" --no-restore --nologo -v:q -clp:ErrorsOnly >&2 || true
  exit 1
fi

if grep -q 'RS0017' "$log"; then
  cp "$previous" "$unshipped"
  echo "update-public-api: symbols of PublicAPI.Shipped.txt are gone (a breaking change); PublicAPI.Unshipped.txt left as it was:" >&2
  grep 'RS0017' "$log" | sed -E "s/.*Symbol '(.*)' is part of the declared API.*/  \1/" | LC_ALL=C sort -u >&2
  exit 1
fi

{
  printf '#nullable enable\n'
  grep 'RS0016' "$log" \
    | sed -nE "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/p" \
    | LC_ALL=C sort -u
} > "$unshipped"

count=$(($(wc -l < "$unshipped") - 1))
echo "update-public-api: $count symbols in src/Crm.Rules/PublicAPI.Unshipped.txt"
git -C "$root" --no-pager diff --stat -- "$unshipped" || true
