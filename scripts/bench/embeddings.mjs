// transformers.js peer for the sentence-embedding benchmark.
// Usage: node embeddings.mjs --model-dir DIR --input FILE [--batch-sizes 1,32] [--repetitions 3] [--warmup 1|pass] [--threads N]
// DIR is a Hugging Face model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx).
// Prints one JSON object on stdout: load time, memory and, per batch size, the items/s of every timed pass.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { env, pipeline } from '@huggingface/transformers';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const modelDir = path.resolve(args['model-dir']);
const texts = readFileSync(args.input, 'utf8').split('\n').filter((l) => l.trim().length > 0);
const batchSizes = (args['batch-sizes'] ?? '1,32').split(',').map(Number);
const repetitions = Number(args.repetitions ?? 3);
const warmup = args.warmup ?? '1'; // a number of calls, or 'pass' for one untimed pass over the input

env.allowRemoteModels = false;
env.localModelPath = path.dirname(modelDir);
const sessionOptions = args.threads ? { intraOpNumThreads: Number(args.threads) } : undefined;

const loadStart = performance.now();
const extractor = await pipeline('feature-extraction', path.basename(modelDir), { dtype: 'fp32', device: 'cpu', session_options: sessionOptions });
const loadMs = performance.now() - loadStart;

const embed = (batch) => extractor(batch, { pooling: 'mean', normalize: true });
const results = [];
for (const batchSize of batchSizes) {
  const batches = [];
  for (let i = 0; i < texts.length; i += batchSize) batches.push(texts.slice(i, i + batchSize));
  const warmupCalls = warmup === 'pass' ? batches.length : Number(warmup);
  for (let i = 0; i < warmupCalls; i++) await embed(batches[i % batches.length]);
  const passes = [];
  const latencies = [];
  for (let r = 0; r < repetitions; r++) {
    const start = performance.now();
    for (const batch of batches) {
      const t = performance.now();
      const out = await embed(batch);
      if (out.dims[0] !== batch.length) throw new Error(`expected ${batch.length} embeddings, got ${out.dims[0]}`);
      latencies.push(performance.now() - t);
    }
    passes.push(texts.length / ((performance.now() - start) / 1000));
  }
  latencies.sort((a, b) => a - b);
  const sorted = [...passes].sort((a, b) => a - b);
  results.push({
    batch_size: batchSize,
    items: texts.length,
    items_per_second: sorted[Math.floor((sorted.length - 1) / 2)],
    passes_items_per_second: passes,
    p50_ms: latencies[Math.floor(0.5 * (latencies.length - 1))],
    p95_ms: latencies[Math.floor(0.95 * (latencies.length - 1))],
  });
}

const pkg = JSON.parse(readFileSync(new URL('./node_modules/@huggingface/transformers/package.json', import.meta.url), 'utf8'));
console.log(JSON.stringify({
  peer: 'transformers.js',
  version: pkg.version,
  load_ms: loadMs,
  rss_bytes: process.memoryUsage().rss,
  results,
}));
