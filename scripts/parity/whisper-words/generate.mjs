// Word-timestamp parity with transformers.js: writes
//   tests/HfPipelines.Tests/Speech/Whisper/Expected/whisper-words.json
// holding fixed inputs and what transformers.js computes from them:
//   medianFilter   - rows filtered with width 7 (utils/maths.js medianFilter)
//   dtw            - dynamic_time_warping paths of fixed cost matrices
//   alignment      - WhisperForConditionalGeneration._extract_token_timestamps on cross attentions given per
//                    decoder step (the per-position jump times; transformers.js 4.x puts them one token earlier
//                    than Python does, so the C# test compares the jumps, not the token placement)
//   words          - WhisperTokenizer.combineTokensIntoWords on texts encoded with the real whisper-tiny tokenizer
//   decodeAsr      - WhisperTokenizer._decode_asr on scripted windows (tokens, token times, strides) in the three
//                    timestamp modes, with the real whisper-tiny tokenizer
// Run: npm install (in this folder), then: node generate.mjs /path/to/shared/fixtures
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, Tensor, WhisperForConditionalGeneration, env } from '@huggingface/transformers';
import { medianFilter, dynamic_time_warping } from './node_modules/@huggingface/transformers/src/utils/maths.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = process.argv[2] ?? join(here, '../../../../shared/fixtures');
const outDir = join(here, '../../../tests/HfPipelines.Tests/Speech/Whisper/Expected');
mkdirSync(outDir, { recursive: true });

// mulberry32: a small seeded generator, so the inputs are the same on every run.
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const round6 = (x) => Math.round(x * 1e6) / 1e6;

// Attention-like rows: a softmax bump per row that moves right as the rows go down, plus noise.
function attention(random, rows, frames, sharpness) {
  const result = [];
  let centre = 0;
  for (let r = 0; r < rows; r++) {
    centre = Math.min(frames - 1, centre + random() * (2 * frames / rows));
    const logits = Array.from({ length: frames }, (_, f) => -sharpness * ((f - centre) / frames) ** 2 * 50 + random() * 0.5);
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    result.push(exps.map((e) => round6(e / sum)));
  }
  return result;
}

// --- medianFilter and dtw on fixed data ---
const random = rng(7);
const medianCases = [8, 13, 40].map((n) => {
  const row = Array.from({ length: n }, () => round6(random() * 2 - 1));
  return { row, width: 7, expected: Array.from(medianFilter(Float64Array.from(row), 7)) };
});
const dtwCases = [[3, 5], [6, 20], [12, 40]].map(([rows, cols]) => {
  const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => round6(random() * 2 - 1)));
  const [text, time] = dynamic_time_warping(cost);
  return { cost, text: Array.from(text), time: Array.from(time) };
});

// --- alignment: cross attentions of 2 layers x 3 heads, fed as the decoder sees them: the 3-token prompt, then one per step ---
const alignmentCases = [];
for (const [seed, rows, frames, crop, sharpness] of [[1, 8, 30, 30, 4], [2, 14, 60, 45, 8], [3, 20, 80, 80, 2]]) {
  const random2 = rng(seed);
  const layers = [0, 1].map(() => [0, 1, 2].map(() => attention(random2, rows, frames, sharpness)));
  const heads = [[0, 2], [1, 0], [1, 1]];
  const steps = [];
  for (let start = 0; start < rows; start = start === 0 ? 3 : start + 1) {
    const length = start === 0 ? 3 : 1;
    steps.push(layers.map((layer) => new Tensor('float32',
      Float32Array.from(layer.flatMap((head) => head.slice(start, start + length).flat())), [1, 3, length, frames])));
  }
  const sequences = new Tensor('int64', new BigInt64Array(rows + 1), [1, rows + 1]);
  const model = { config: { median_filter_width: 7, decoder_layers: 2 } };
  const times = WhisperForConditionalGeneration.prototype._extract_token_timestamps.call(
    model, { cross_attentions: steps, sequences }, heads, crop, 0.02, 0);
  const all = Array.from(times.data);
  alignmentCases.push({ layers, heads, crop, medianFilterWidth: 7, jumps: all.slice(0, rows).map((t) => Math.round(t / 0.02)) });
}

// --- words and _decode_asr with the real tokenizer ---
env.allowRemoteModels = false;
env.localModelPath = join(fixtures, 'tokenizers');
const tokenizer = await AutoTokenizer.from_pretrained('whisper-tiny');
const encode = (text) => tokenizer.encode(text, { add_special_tokens: false });

const wordCases = [
  [' And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.', 'english'],
  [' "Hello," she said (quietly) - it\'s 3.5 o\'clock!', 'english'],
  [' Il a dit « bonjour » à l\'écolière.', 'french'],
  ['你好，世界。我们今天去公园吧！', 'chinese'],
  ['今日はいい天気ですね。', 'japanese'],
].map(([text, language]) => {
  const tokens = encode(text);
  const [words, , indices] = tokenizer.combineTokensIntoWords(tokens, language);
  return { text, language, tokens, words, indices };
});

const id = (token) => tokenizer._tokenizer.token_to_id(token);
const sot = id('<|startoftranscript|>');
const eot = id('<|endoftext|>');
const tsBegin = id('<|notimestamps|>') + 1;
const ts = (seconds) => tsBegin + Math.round(seconds / 0.02);
const prompt = (language) => [sot, id(`<|${language}|>`), id('<|transcribe|>')];

// A window: timestamp tokens (numbers, seconds within the window) and text pieces [text, start, end] whose tokens
// are spread evenly over [start, end); the same piece in two windows gets the same times once offset.
function window(language, items, stride) {
  const tokens = [...prompt(language)];
  const times = [0, 0, 0];
  for (const item of items) {
    if (typeof item === 'number') {
      tokens.push(ts(item));
      times.push(item);
      continue;
    }
    const [piece, start, end] = item;
    const text = encode(piece);
    text.forEach((token, k) => { tokens.push(token); times.push(start + ((end - start) * k) / text.length); });
  }
  tokens.push(eot);
  times.push(times.at(-1));
  return { tokens, token_timestamps: times.map((t) => Math.round(t * 100) / 100), stride };
}

// Three overlapping 10 s windows (2 s strides: they start at 0, 6 and 12 s) of one story, and a single window.
const story = [
  window('en', [0.0, [' The quick brown fox', 0, 2.4], 2.4, 2.4, [' jumps over the lazy dog.', 2.4, 6.0], 6.0, 6.0, [' Then it ran', 6.0, 9.6], 9.6], [10, 0, 2]),
  window('en', [0.0, [' Then it ran', 0, 3.6], [' into the woods', 3.6, 6.0], 6.0, 6.0, [' and slept.', 6.0, 9.8], 9.8], [10, 2, 2]),
  window('en', [0.0, [' and slept.', 0, 3.8], 3.8, 3.8, [' The end.', 3.8, 5.0], 5.0], [10, 2, 0]),
];
const single = [window('en', [0.0, [' Hello there, my friend!', 0, 1.8], 1.8, 1.8, [' How are you?', 1.8, 3.2], 3.2], [4, 0, 0])];
const noTimestamps = [
  window('en', [[' The quick brown fox jumps over the lazy dog.', 0, 10]], [10, 0, 2]),
  window('en', [[' over the lazy dog. Then it ran into the woods', 0, 10]], [10, 2, 2]),
  window('en', [[' into the woods and slept.', 0, 10]], [10, 2, 0]),
];
const decodeCases = [];
for (const [name, windows, modes] of [['story', story, [false, true, 'word']], ['single', single, [true, 'word']], ['no-timestamps', noTimestamps, [false]]]) {
  for (const mode of modes) {
    const input = windows.map((w) => ({ tokens: w.tokens.map(BigInt), token_timestamps: w.token_timestamps, stride: [...w.stride] }));
    const [text, optional] = tokenizer._decode_asr(input, { time_precision: 0.02, return_timestamps: mode, force_full_sequences: false });
    decodeCases.push({
      name, mode: mode === 'word' ? 'word' : mode ? 'segments' : 'none', language: 'en', windows,
      text, chunks: (optional.chunks ?? null)?.map((c) => ({ text: c.text, timestamp: c.timestamp })),
    });
  }
}

const version = JSON.parse(readFileSync(join(here, 'node_modules/@huggingface/transformers/package.json'))).version;
const json = JSON.stringify({
  generator: `transformers.js ${version}`, medianFilter: medianCases, dtw: dtwCases, alignment: alignmentCases, words: wordCases, decodeAsr: decodeCases,
}, null, 1);
// Arrays of numbers on one line each, so the file reads (and diffs) row by row.
writeFileSync(join(outDir, 'whisper-words.json'), json.replace(/\[[-\d.e,\s]*\]/g, (array) => array.replace(/\s+/g, '')) + '\n');
console.log(`wrote ${join(outDir, 'whisper-words.json')}`);
