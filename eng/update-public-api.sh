#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the
# PublicAPI.Unshipped.txt of the project that declares it, and drops entries reported as gone (RS0017).
# Usage: eng/update-public-api.sh src/TokenIssuer [src/...]   (builds each project; run from the repository root)
set -euo pipefail
for project in "$@"; do
  log=$(mktemp)
  dotnet build "$project" --no-incremental -v q -p:TreatWarningsAsErrors=false 2>&1 > "$log" || true
  { grep -E "warning RS0016|error RS0016" "$log" || true; } | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*\[(.*)\.csproj\]$/\2|\1/" |
    sort -u | while IFS='|' read -r csproj symbol; do
      echo "$symbol" >> "$(dirname "$csproj")/PublicAPI.Unshipped.txt"
    done
  { grep -E "warning RS0017|error RS0017" "$log" || true; } | sed -E "s/.*Symbol '(.*)' is part of the declared API, but is either not public or could not be found.*\[(.*)\.csproj\]$/\2|\1/" |
    sort -u | while IFS='|' read -r csproj symbol; do
      file="$(dirname "$csproj")/PublicAPI.Unshipped.txt"
      grep -vxF -- "$symbol" "$file" > "$file.tmp" || true; mv "$file.tmp" "$file"
    done
  for file in $(dirname "$project")/*/PublicAPI.Unshipped.txt "$project"/PublicAPI.Unshipped.txt; do
    [ -f "$file" ] || continue
    { echo '#nullable enable'; grep -v '^#nullable enable$' "$file" | sort -u; } > "$file.tmp" && mv "$file.tmp" "$file"
  done
  rm -f "$log"
done
