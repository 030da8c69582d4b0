#!/usr/bin/env bash
# Writes the public-API baseline that package validation compares every library package with, when it is packed
# (EnablePackageValidation, Directory.Build.props): scripts/pack/api-baseline/<PackageId>.nupkg, the package as packed
# now with its reference assembly (public API only, no IL) in place of the implementation, no docs and no readme.
# Run it when a release ships, or to accept an intended breaking change (say so in the commit message).
# Once a version is on a feed, PackageValidationBaselineVersion can replace these files.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/scripts/pack/api-baseline
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for id in HfPipelines HfPipelines.OnnxGenAI HfPipelines.LlamaCpp HfPipelines.SemanticKernel; do
  dotnet pack "$repo/src/$id" -nologo -v q -c Release -o "$work" -p:EnablePackageValidation=false -p:IncludeSymbols=false
  nupkg=$(ls "$work/$id".[0-9]*.nupkg | head -1)
  mkdir -p "$work/$id/lib/net10.0"
  cp "$repo/src/$id/obj/Release/net10.0/ref/$id.dll" "$work/$id/lib/net10.0/$id.dll"
  zip -q -d "$nupkg" README.md "lib/net10.0/$id.xml" "lib/net10.0/$id.dll"
  (cd "$work/$id" && zip -q -X "$nupkg" "lib/net10.0/$id.dll")
  cp "$nupkg" "$out/$id.nupkg"
  echo "api baseline: $out/$id.nupkg ($(stat -c %s "$out/$id.nupkg") bytes)"
done
