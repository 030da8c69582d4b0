// transformers.js peer for the tokenizer benchmark.
// Usage: node tokenize.mjs --model-dir DIR --input FILE [--repetitions 3] [--loops 20]
// DIR holds tokenizer.json and tokenizer_config.json. A pass encodes every line of FILE --loops times (special tokens added).
// Prints one JSON object on stdout: load time and the texts/s of every timed pass.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { env, AutoTokenizer } from '@huggingface/transformers';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const modelDir = path.resolve(args['model-dir']);
const texts = readFileSync(args.input, 'utf8').split('\n').filter((l) => l.trim().length > 0);
const repetitions = Number(args.repetitions ?? 3);
const loops = Number(args.loops ?? 20);

env.allowRemoteModels = false;
env.localModelPath = path.dirname(modelDir);
const loadStart = performance.now();
const tokenizer = await AutoTokenizer.from_pretrained(path.basename(modelDir));
const loadMs = performance.now() - loadStart;

let tokens = 0;
const pass = () => {
  for (let l = 0; l < loops; l++) for (const t of texts) tokens += tokenizer.encode(t).length;
};
const warmStart = performance.now();
let warmPasses = 0;
while (performance.now() - warmStart < 500) { pass(); warmPasses++; } // warm-up: JIT, as the .NET sides get
const passes = [];
for (let r = 0; r < repetitions; r++) {
  const start = performance.now();
  pass();
  passes.push((texts.length * loops) / ((performance.now() - start) / 1000));
}

const sorted = [...passes].sort((a, b) => a - b);
const pkg = JSON.parse(readFileSync(new URL('./node_modules/@huggingface/transformers/package.json', import.meta.url), 'utf8'));
console.log(JSON.stringify({
  peer: 'transformers.js',
  version: pkg.version,
  load_ms: loadMs,
  texts_per_second: sorted[Math.floor((sorted.length - 1) / 2)],
  passes_texts_per_second: passes,
  tokens_per_text: tokens / (texts.length * loops * (repetitions + warmPasses)),
}));
