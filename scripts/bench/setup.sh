#!/usr/bin/env bash
# Installs the node peers of the side-by-side benchmarks into scripts/bench/node_modules and
# scripts/bench/node/node_modules (both git-ignored): transformers.js (onnxruntime-node ships its CPU
# binary in the package) and node-llama-cpp (its prebuilt linux binary package; it is never built from source).
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "setup.sh: node is not installed (the peers need node 18 or newer)" >&2; exit 1; }
npm install --no-audit --no-fund
# node-llama-cpp's postinstall would try to download or build llama.cpp; its prebuilt binary comes as an npm package instead.
(cd node && NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --no-audit --no-fund) \
  || echo "setup.sh: node-llama-cpp did not install; the generation suite will skip it" >&2
