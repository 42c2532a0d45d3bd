#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of each packaged library (src/Crm.Rules, src/Crm.Rules.Data, src/Crm.Rules.Testing) from the
# PublicApiAnalyzers' own diagnostics, so the declared API is whatever the code now exposes. Review the diff before
# committing it: every line that appears or disappears is a change to the public API.
#
#   tests/tools/update-public-api.sh            # every library
#   tests/tools/update-public-api.sh Crm.Rules.Data
#
# How: empty the library's PublicAPI.Unshipped.txt (keeping '#nullable enable'), rebuild it with warnings reported as
# warnings, collect every symbol of RS0016 ("Symbol 'X' is not part of the declared public API") reported for that
# project, sort them ordinally and write them back. Symbols already in PublicAPI.Shipped.txt are not reported, so they
# stay where they are. An RS0017 ("... is part of the declared API, but is either not public or could not be found")
# can then only come from PublicAPI.Shipped.txt, i.e. a breaking change to a shipped API: the script stops and shows
# it, because that needs a decision, not a regeneration. Works offline (needs a restored solution).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
libraries=("$@")
if [[ ${#libraries[@]} -eq 0 ]]; then
  libraries=(Crm.Rules Crm.Rules.Data Crm.Rules.CommandLine Crm.Rules.Testing)
fi

log="$(mktemp)"
previous="$(mktemp)"
trap 'rm -f "$log" "$previous"' EXIT

for library in "${libraries[@]}"; do
  project="$root/src/$library/$library.csproj"
  unshipped="$root/src/$library/PublicAPI.Unshipped.txt"
  cp "$unshipped" "$previous"
  printf '#nullable enable\n' > "$unshipped"

  # Rebuild so the analyzers run even when the assembly is up to date. The file logger writes one
  # diagnostic a line, unwrapped, whatever the console.
  if ! dotnet build "$project" --no-incremental --nologo -v:q \
      -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= -p:CodeAnalysisTreatWarningsAsErrors=false \
      "-flp:LogFile=$log;Verbosity=normal;WarningsOnly" -clp:ErrorsOnly >/dev/null; then
    cp "$previous" "$unshipped"
    echo "update-public-api: $library does not build; its PublicAPI.Unshipped.txt is left as it was:" >&2
    dotnet build "$project" --no-restore --nologo -v:q -clp:ErrorsOnly >&2 || true
    exit 1
  fi

  mine="\[$project\]"
  if grep 'RS0017' "$log" | grep -q "$mine"; then
    cp "$previous" "$unshipped"
    echo "update-public-api: symbols of $library's PublicAPI.Shipped.txt are gone (a breaking change); PublicAPI.Unshipped.txt left as it was:" >&2
    grep 'RS0017' "$log" | grep "$mine" | sed -E "s/.*Symbol '(.*)' is part of the declared API.*/  \1/" | LC_ALL=C sort -u >&2
    exit 1
  fi

  {
    printf '#nullable enable\n'
    grep 'RS0016' "$log" | grep "$mine" \
      | sed -nE "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/p" \
      | LC_ALL=C sort -u
  } > "$unshipped"

  count=$(($(wc -l < "$unshipped") - 1))
  echo "update-public-api: $count symbols in src/$library/PublicAPI.Unshipped.txt"
  git -C "$root" --no-pager diff --stat -- "$unshipped" || true
done
