// transformers.js side of the embedding benchmark: all-MiniLM-L6-v2 (the C# benchmark's folder), 256 sentences
// made by the same LCG as benchmarks/HfPipelines.Benchmarks/EmbeddingModelFolder.cs, batch 1 and 32, mean + normalize.
// Usage: node bench.mjs <MiniLM folder>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';

const words = ['the', 'cat', 'sits', 'outside', 'while', 'a', 'new', 'movie', 'is', 'playing', 'in', 'town', 'and', 'people',
  'talk', 'about', 'markets', 'weather', 'football', 'music', 'quietly', 'yesterday', 'river', 'mountain', 'computer', 'learns', 'fast'];
let state = 42;
const next = (n) => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return (state >>> 8) % n; };
const sentences = Array.from({ length: 256 }, () =>
  Array.from({ length: 4 + next(27) }, () => words[next(words.length)]).join(' ') + '.');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hfp-bench-'));
env.localModelPath = root;
env.allowRemoteModels = false;
fs.cpSync(process.argv[2], path.join(root, 'minilm'), { recursive: true });
const extractor = await pipeline('feature-extraction', 'minilm', { dtype: 'fp32' });
for (const batch of [1, 32]) {
  const runs = [];
  for (let run = 0; run < 4; run++) {
    const start = performance.now();
    for (let i = 0; i < sentences.length; i += batch) {
      await extractor(sentences.slice(i, i + batch), { pooling: 'mean', normalize: true });
    }
    runs.push(performance.now() - start);
  }
  const best = runs.slice(1).sort((a, b) => a - b)[1];
  console.log(`transformers.js batch ${batch}: median ${(best / 1000).toFixed(3)} s, ${(sentences.length / (best / 1000)).toFixed(1)} sentences/s`);
}
fs.rmSync(root, { recursive: true, force: true });
