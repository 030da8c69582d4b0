#!/usr/bin/env bash
# The package check of CI (.ci/run runs it; it also runs alone): packs every package into a local folder feed, then
#   1. checks each library package: lib/net10.0 only (no RID, no natives as content), a readme, its dependencies;
#   2. makes a fresh console app outside the repository (dotnet new console) that takes HfPipelines.SemanticKernel and
#      HfPipelines.LlamaCpp from that feed only (third-party packages from nuget.org), registers the plugins, runs
#      zero-shot on the embedded model and text generation on the stories260K GGUF (scripts/pack/consumer/Program.cs);
#   3. installs the hfp tool from the feed into a temporary tool path and runs `hfp demo` offline.
# Prints one line per step, "pack: ok STEP" or "pack: FAILED STEP" (what .ci/run counts), and exits non-zero when a
# step failed. The packages get a version of their own (0.1.0-ci.TIMESTAMP), which no cache or feed can already
# hold: the app and the tool can only get the packages just packed. HFP_NUGET_SOURCE replaces nuget.org (a mirror).
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/hfp-pack.XXXXXX")
feed=$work/feed
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -1)-ci.$(date -u +%Y%m%d%H%M%S)"
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
fixtures=${HFP_FIXTURES:-$repo/../shared/fixtures}
gguf=$fixtures/gguf/stories260K/stories260K.gguf
failed=0
started=$SECONDS

step() { # step NAME OK(0|1) [details file]
  if [ "$2" -eq 0 ]; then echo "pack: ok $1"; else echo "pack: FAILED $1"; [ -n "${3:-}" ] && tail -25 "$3"; failed=$((failed + 1)); fi
}
cleanup() {
  rm -rf "$work"
  # The consumer's restore put this run's packages into the NuGet cache: they are of no use to anyone again.
  for id in hfpipelines hfpipelines.onnxgenai hfpipelines.llamacpp hfpipelines.semantickernel; do
    rm -rf "${packages:?}/$id/$version"; rmdir "$packages/$id" 2>/dev/null
  done
}
trap cleanup EXIT

# 1. Pack: the four libraries and the tool (this platform's tool package only, to keep CI short).
dotnet pack "$repo/Plugins.sln" -nologo -c Release -o "$feed" -p:Version="$version" -p:ContinuousIntegrationBuild=true \
  -p:ToolPackageRuntimeIdentifiers="$rid" > "$work/pack.log" 2>&1
step "dotnet pack Plugins.sln ($version, tool for $rid)" $? "$work/pack.log"
grep -q "API breaking changes found" "$work/pack.log" \
  && echo "pack: the public API lost or changed members against scripts/pack/api-baseline; if that is intended, run scripts/pack/update-api-baseline.sh and commit the baseline"

libs_ok=0
for id in HfPipelines HfPipelines.OnnxGenAI HfPipelines.LlamaCpp HfPipelines.SemanticKernel; do
  nupkg=$feed/$id.$version.nupkg
  if [ ! -f "$nupkg" ] || [ ! -f "$feed/$id.$version.snupkg" ]; then echo "pack: $id: no .nupkg and .snupkg in the feed"; libs_ok=1; continue; fi
  entries=$(unzip -Z1 "$nupkg")
  bad=$(grep -E '^(runtimes|content|contentFiles|build|buildTransitive)/' <<< "$entries" | head -3)
  grep -qx "lib/net10.0/$id.dll" <<< "$entries" && grep -qx "lib/net10.0/$id.xml" <<< "$entries" && grep -qx "README.md" <<< "$entries" \
    || { echo "pack: $id lacks lib/net10.0/$id.dll, its XML docs or README.md"; libs_ok=1; }
  [ -z "$bad" ] || { echo "pack: $id carries files no library package should: $bad"; libs_ok=1; }
  deps=$(unzip -p "$nupkg" "$id.nuspec" | sed -n 's:.*<dependency id="\([^"]*\)" version="\([^"]*\)".*:\1 \2:p' | paste -sd, | sed 's/,/, /g')
  echo "pack: $id $(du -k "$nupkg" | cut -f1) KB (+ $(du -k "$feed/$id.$version.snupkg" | cut -f1) KB symbols), net10.0, depends on: $deps"
done
step "library packages: lib/net10.0 only, XML docs, readme, symbols" $libs_ok
for tool in "$feed"/hfp.*nupkg; do [ -f "$tool" ] && echo "pack: $(basename "$tool") $(($(stat -c %s "$tool") / 1024)) KB"; done

# 2. The consumer app, outside the repository, restoring our packages from the feed only.
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="hfpipelines-local" value="$feed" />
    <add key="nuget.org" value="${HFP_NUGET_SOURCE:-https://api.nuget.org/v3/index.json}" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="hfpipelines-local">
      <package pattern="HfPipelines" /><package pattern="HfPipelines.*" /><package pattern="hfp" /><package pattern="hfp.*" />
    </packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
app=$work/app
{
  dotnet new console -o "$app" -n ConsumerApp --framework net10.0 --no-restore \
    && cp "$work/nuget.config" "$app/nuget.config" \
    && cp "$repo/scripts/pack/consumer/Program.cs" "$app/Program.cs" \
    && dotnet add "$app" package HfPipelines.SemanticKernel --version "$version" --no-restore \
    && dotnet add "$app" package HfPipelines.LlamaCpp --version "$version" --no-restore \
    && sed -i 's:</PropertyGroup>:  <UseCurrentRuntimeIdentifier>true</UseCurrentRuntimeIdentifier>\n  </PropertyGroup>:' "$app/ConsumerApp.csproj" \
    && dotnet build "$app" -nologo -v q
} > "$work/app.log" 2>&1
step "consumer app restores HfPipelines.SemanticKernel + HfPipelines.LlamaCpp from the feed and builds" $? "$work/app.log"
[ -f "$gguf" ] || echo "pack: the GGUF fixture $gguf is absent: the app skips text generation"
HF_HOME=$work/hf-app HF_HUB_OFFLINE=1 dotnet run --project "$app" --no-build -- "$gguf" > "$work/run.log" 2>&1
status=$?
sed 's/^/  /' "$work/run.log" | grep -E 'plugins:|zero-shot:|text-generation:|consumer:' || true
step "consumer app: plugins registered, zero-shot on the embedded model, text generation on the GGUF" $status "$work/run.log"
echo "pack: consumer output $(du -sm "$app/bin" | cut -f1) MB (RID $rid)"

# 3. The tool, from the feed into a temporary tool path.
dotnet tool install hfp --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" > "$work/tool.log" 2>&1 \
  && HF_HOME=$work/hf-tool HF_HUB_OFFLINE=1 "$work/tools/hfp" demo > "$work/demo.log" 2>&1 \
  && grep -q "billing" "$work/demo.log"
status=$?
[ -f "$work/demo.log" ] && cat "$work/demo.log" >> "$work/tool.log"
step "dotnet tool install hfp from the feed; hfp demo runs offline" $status "$work/tool.log"

echo "pack: done in $((SECONDS - started)) s"
[ "$failed" -eq 0 ]
