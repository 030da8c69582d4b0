// Writes tests/HfPipelines.Tests/Tokenization/Expected/<name>.json: transformers.js ids (and offsets where it gives
// them) for the corpus, for every fixture tokenizer it can load. Run: npm install @huggingface/transformers && node generate.mjs
import { AutoTokenizer, env } from '@huggingface/transformers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from './corpus.mjs';

function findFixtures() {
  if (process.env.HFP_FIXTURES) return process.env.HFP_FIXTURES;
  for (let dir = path.resolve('.'); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'shared', 'fixtures'))) return path.join(dir, 'shared', 'fixtures');
  }
  throw new Error('shared/fixtures not found: set HFP_FIXTURES');
}
const fixtures = findFixtures();
const source = path.join(fixtures, 'tokenizers');
const outDir = path.resolve('../../../tests/HfPipelines.Tests/Tokenization/Expected');
fs.mkdirSync(outDir, { recursive: true });
const corpus = buildCorpus();
fs.writeFileSync(path.join(outDir, 'corpus.json'), JSON.stringify(corpus, null, 0));

// transformers.js needs tokenizer.json + tokenizer_config.json: stage a folder per tokenizer, building the missing
// files the way transformers' convert_slow_tokenizer would.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'hfp-tok-'));
function stageFolder(name) {
  const from = path.join(source, name);
  const to = path.join(stage, name);
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(to, f));
  if (!fs.existsSync(path.join(to, 'tokenizer_config.json'))) fs.writeFileSync(path.join(to, 'tokenizer_config.json'), '{}');
  if (!fs.existsSync(path.join(to, 'tokenizer.json'))) {
    const built = buildTokenizerJson(to);
    if (!built) return null;
    fs.writeFileSync(path.join(to, 'tokenizer.json'), JSON.stringify(built));
  }
  return name;
}

function buildTokenizerJson(dir) {
  if (fs.existsSync(path.join(dir, 'vocab.txt'))) {
    const lines = fs.readFileSync(path.join(dir, 'vocab.txt'), 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const vocab = Object.fromEntries(lines.map((t, i) => [t, i]));
    const cased = lines.some((t) => t.length > 1 && t[0] !== '[' && /[A-Z]/.test(t));
    const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
    return {
      version: '1.0', truncation: null, padding: null,
      added_tokens: special.map((c) => ({ id: vocab[c], content: c, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: !cased },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: { type: 'BertProcessing', sep: ['[SEP]', vocab['[SEP]']], cls: ['[CLS]', vocab['[CLS]']] },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    };
  }
  if (fs.existsSync(path.join(dir, 'vocab.json')) && fs.existsSync(path.join(dir, 'merges.txt'))) {
    const vocab = JSON.parse(fs.readFileSync(path.join(dir, 'vocab.json'), 'utf8'));
    const merges = fs.readFileSync(path.join(dir, 'merges.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#version'));
    return {
      version: '1.0', truncation: null, padding: null,
      added_tokens: [{ id: vocab['<|endoftext|>'], content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
      decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges },
    };
  }
  return null;
}

env.allowRemoteModels = false;
env.localModelPath = stage + path.sep;
const summary = {};
for (const name of fs.readdirSync(source).sort()) {
  let staged;
  try { staged = stageFolder(name); } catch (e) { summary[name] = `not staged: ${e.message}`; continue; }
  if (!staged) { summary[name] = 'no tokenizer.json and no vocab files'; continue; }
  let tok;
  try { tok = await AutoTokenizer.from_pretrained(staged); } catch (e) { summary[name] = `not loaded: ${e.message}`; continue; }
  const cases = [];
  for (const text of corpus) {
    const withSpecial = Array.from(tok.encode(text), Number);
    const decoded = withSpecial.length ? tok.decode(withSpecial, { skip_special_tokens: true }) : '';
    const decodedAll = withSpecial.length ? tok.decode(withSpecial, { skip_special_tokens: false }) : '';
    // decoded is left out when it equals the input text, decoded_all when it equals decoded (keeps the files small).
    const entry = { ids: withSpecial };
    if (decoded !== text) entry.decoded = decoded;
    if (decodedAll !== decoded) entry.decoded_all = decodedAll;
    cases.push(entry);
  }
  const pairs = [];
  for (let i = 0; i + 1 < 60; i += 2) {
    const e = tok(corpus[100 + i], { text_pair: corpus[101 + i] });
    pairs.push({ a: 100 + i, b: 101 + i, ids: Array.from(e.input_ids.data, Number), type_ids: e.token_type_ids ? Array.from(e.token_type_ids.data, Number) : null });
  }
  fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify({ tokenizer: name, generator: 'transformers.js', cases, pairs }));
  summary[name] = `${cases.length} cases, ${pairs.length} pairs`;
}
fs.rmSync(stage, { recursive: true, force: true });
console.log(JSON.stringify(summary, null, 2));
