// transformers.js peer for the speech benchmark: Whisper log-mel feature extraction.
// Usage: node logmel.mjs --samples FILE [--bins 80,128] [--repetitions 2] [--loops 8]
// FILE holds mono 16 kHz samples as raw float32 little-endian (the runner decodes jfk.wav once and writes them, so both
// sides get identical input). A call is one 30-s window (WhisperFeatureExtractor pads to 30 s, as ours does); a pass
// makes --loops calls. Each bin count is warmed up for half a second first.
// Prints one JSON object on stdout: per bin count, the windows/s of every timed pass (wall clock, and per second of the
// process's CPU time) and the sum of the features (a check that both sides computed the same thing).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { WhisperFeatureExtractor } from '@huggingface/transformers';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const bytes = readFileSync(args.samples);
const samples = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const binCounts = (args.bins ?? '80,128').split(',').map(Number);
const repetitions = Number(args.repetitions ?? 2);
const loops = Number(args.loops ?? 8);

const results = [];
for (const bins of binCounts) {
  // whisper-tiny's preprocessor_config.json, with feature_size 80 or 128 (large-v3).
  const loadStart = performance.now();
  const extractor = new WhisperFeatureExtractor({
    feature_extractor_type: 'WhisperFeatureExtractor', feature_size: bins, sampling_rate: 16000, hop_length: 160,
    chunk_length: 30, n_fft: 400, n_samples: 480000, nb_max_frames: 3000, padding_value: 0.0, return_attention_mask: false,
  });
  const loadMs = performance.now() - loadStart;
  let features = null;
  const pass = async () => {
    for (let l = 0; l < loops; l++) features = (await extractor(samples)).input_features;
  };
  const warmStart = performance.now();
  while (performance.now() - warmStart < 500) await pass(); // warm-up: JIT, as the .NET sides get
  const passes = [];
  const cpuPasses = [];
  for (let r = 0; r < repetitions; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await pass();
    passes.push(loops / ((performance.now() - start) / 1000));
    const used = process.cpuUsage(cpu);
    cpuPasses.push(loops / ((used.user + used.system) / 1e6));
  }

  let sum = 0;
  for (const v of features.data) sum += v;
  results.push({ bins, load_ms: loadMs, dims: features.dims, sum, passes_windows_per_second: passes, passes_windows_per_cpu_second: cpuPasses });
}

const pkg = JSON.parse(readFileSync(new URL('./node_modules/@huggingface/transformers/package.json', import.meta.url), 'utf8'));
console.log(JSON.stringify({ peer: 'transformers.js', version: pkg.version, samples: samples.length, loops, results }));
