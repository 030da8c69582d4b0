// node-llama-cpp peer for the text-generation benchmark (its prebuilt binary; never builds from source).
// Usage: node generate.mjs --model FILE.gguf --prompt TEXT [--max-tokens 128] [--threads 1] [--repetitions 3]
// Greedy decoding of a plain completion; prints one JSON object: load time and generated tokens/s per pass.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { getLlama, LlamaCompletion } from 'node-llama-cpp';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const maxTokens = Number(args['max-tokens'] ?? 128);
const threads = Number(args.threads ?? 1);
const repetitions = Number(args.repetitions ?? 3);

const loadStart = performance.now();
const llama = await getLlama({ gpu: false, build: 'never', progressLogs: false });
const model = await llama.loadModel({ modelPath: args.model });
const context = await model.createContext({ contextSize: 2048, threads, batchSize: 512 });
const loadMs = performance.now() - loadStart;

async function pass() {
  const sequence = context.getSequence();
  const completion = new LlamaCompletion({ contextSequence: sequence });
  let tokens = 0;
  const start = performance.now();
  await completion.generateCompletion(args.prompt, { maxTokens, temperature: 0, onToken: (t) => { tokens += t.length; } });
  const seconds = (performance.now() - start) / 1000;
  completion.dispose({ disposeSequence: true });
  return { tokens, tokens_per_second: tokens / seconds };
}

await pass();
const passes = [];
for (let r = 0; r < repetitions; r++) passes.push(await pass());
const sorted = passes.map((p) => p.tokens_per_second).sort((a, b) => a - b);
const pkg = JSON.parse(readFileSync(new URL('./node_modules/node-llama-cpp/package.json', import.meta.url), 'utf8'));
console.log(JSON.stringify({
  peer: 'node-llama-cpp',
  version: pkg.version,
  threads,
  load_ms: loadMs,
  rss_bytes: process.memoryUsage().rss,
  tokens_per_second: sorted[Math.floor((sorted.length - 1) / 2)],
  passes,
}));
await context.dispose();
await model.dispose();
await llama.dispose();
