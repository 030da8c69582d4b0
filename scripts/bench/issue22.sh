#!/usr/bin/env bash
# Regenerates the figures of docs/performance.md's issue 22 table in one run (about 5 minutes on 2 cores):
#   the prompt cache (time to first token, turn 6 / turn 1, with and without the cache: side-by-side --suites agent),
#   the single small input (batch-1 embeddings under each session option, IOBinding, threads by length, transformers.js:
#   side-by-side --suites small-input), and the seq2seq and Whisper per-token times at step 20 and 200 (with the cache
#   and without: HfPipelines.Seq2SeqBenchmarks --steps and --whisper).
# Usage: scripts/bench/issue22.sh [OUTPUT_FILE]   (default: issue22-results.md in the current folder)
# Needs the fixtures (HFP_FIXTURES, default /work/shared/fixtures) and, for the transformers.js rows, scripts/bench/setup.sh once.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:-issue22-results.md}")"
fixtures="${HFP_FIXTURES:-/work/shared/fixtures}"
cd "$root"
dotnet build -c Release benchmarks/HfPipelines.Benchmarks -nologo -v q >/dev/null
dotnet build -c Release benchmarks/HfPipelines.Seq2SeqBenchmarks -nologo -v q >/dev/null
start=$(date +%s)
{
  echo "# Issue 22 figures, $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "## Seq2seq: per-token time at step 20 and 200"
  dotnet benchmarks/HfPipelines.Seq2SeqBenchmarks/bin/Release/net10.0/HfPipelines.Seq2SeqBenchmarks.dll --steps
  echo
  echo "## Where the growth is: our Step against a bare ONNX Runtime loop (tiny export)"
  dotnet benchmarks/HfPipelines.Seq2SeqBenchmarks/bin/Release/net10.0/HfPipelines.Seq2SeqBenchmarks.dll --profile
  echo
  echo "## Whisper: per-token time of the decoding loop"
  dotnet benchmarks/HfPipelines.Seq2SeqBenchmarks/bin/Release/net10.0/HfPipelines.Seq2SeqBenchmarks.dll --whisper "$fixtures/pyoracle/whisper" 5
  echo
  echo "## Prompt cache (agent) and the single small input (side by side)"
  HFP_FIXTURES="$fixtures" dotnet benchmarks/HfPipelines.Benchmarks/bin/Release/net10.0/HfPipelines.Benchmarks.dll side-by-side \
    --suites agent,small-input --rounds 1 --repetitions 2 | sed -n '/^Measured/,$p'
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg); $(( $(date +%s) - start )) s."
} | tee "$out"
