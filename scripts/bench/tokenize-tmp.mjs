import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { env, AutoTokenizer } from '@huggingface/transformers';
const [dir, file, rounds] = process.argv.slice(2);
env.allowRemoteModels = false;
env.localModelPath = path.dirname(path.resolve(dir));
const tok = await AutoTokenizer.from_pretrained(path.basename(dir));
const texts = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
let n = 0;
for (let w = 0; w < 200; w++) for (const t of texts) n += tok.encode(t).length;
const times = [];
for (let r = 0; r < Number(rounds ?? 15); r++) {
  const s = performance.now();
  for (let k = 0; k < 5; k++) for (const t of texts) n += tok.encode(t).length;
  times.push((performance.now() - s) / 5);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median_ms: times[Math.floor(times.length / 2)], min_ms: times[0], texts: texts.length, n }));
