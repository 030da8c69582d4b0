// Generates the transformers.js expected outputs that the encoder tests compare against.
// Usage: node generate.mjs <MiniLM folder> <fixtures folder> <output folder>
//   MiniLM folder: the folder the C# tests build (Path.GetTempPath()/hfp-all-MiniLM-L6-v2-24.9.52193); run the
//   MiniLM tests once first. Output: minilm-feature-extraction.json, distilbert-text-classification.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';

const [miniLmFolder, fixtures, outFolder] = process.argv.slice(2);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hfp-parity-'));
env.localModelPath = root;
env.allowRemoteModels = false;

const sentences = JSON.parse(fs.readFileSync(path.join(outFolder, 'sentences.json'), 'utf8'));

// all-MiniLM-L6-v2: the same ONNX file and tokenizer as the C# test folder.
fs.cpSync(miniLmFolder, path.join(root, 'minilm'), { recursive: true });
const extractor = await pipeline('feature-extraction', 'minilm', { dtype: 'fp32' });
const embeddings = await extractor(sentences, { pooling: 'mean', normalize: true });
fs.writeFileSync(path.join(outFolder, 'minilm-feature-extraction.json'),
  JSON.stringify({ sentences, vectors: embeddings.tolist() }));

// tiny-distilbert-sst2 (random weights) with the bert-base-uncased tokenizer.
const distil = path.join(root, 'distilbert');
fs.mkdirSync(path.join(distil, 'onnx'), { recursive: true });
fs.copyFileSync(path.join(fixtures, 'onnx/tiny-distilbert-sst2-optimum/model.onnx'), path.join(distil, 'onnx/model.onnx'));
fs.copyFileSync(path.join(fixtures, 'onnx/tiny-distilbert-sst2-optimum/config.json'), path.join(distil, 'config.json'));
fs.copyFileSync(path.join(fixtures, 'tokenizers/bert-base-uncased/tokenizer.json'), path.join(distil, 'tokenizer.json'));
fs.writeFileSync(path.join(distil, 'tokenizer_config.json'), JSON.stringify({ do_lower_case: true, model_max_length: 512, tokenizer_class: 'BertTokenizer' }));
const classifier = await pipeline('text-classification', 'distilbert', { dtype: 'fp32' });
const labels = [];
for (const sentence of sentences) {
  labels.push(await classifier(sentence, { top_k: 2 }));
}
fs.writeFileSync(path.join(outFolder, 'distilbert-text-classification.json'), JSON.stringify({ sentences, labels }));
fs.rmSync(root, { recursive: true, force: true });
console.log(`wrote ${sentences.length} sentences of expected outputs to ${outFolder}`);
