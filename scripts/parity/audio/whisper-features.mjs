// Computes Whisper log-mel features with transformers.js's WhisperFeatureExtractor for the fixture
// WAV files and writes a compact expectation for the C# tests:
//   tests/HfPipelines.Tests/Audio/Expected/<name>.mel<bins>.f32  every STRIDE-th frame, float32 LE, [bins][frames]
//   tests/HfPipelines.Tests/Audio/Expected/whisper-features.json  shape, stride and checksums of the full tensor
// Run: npm install (in this folder), then: node whisper-features.mjs /path/to/shared/fixtures
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WhisperFeatureExtractor } from '@huggingface/transformers';

const STRIDE = 10;
const fixtures = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures');
const outDir = join(dirname(fileURLToPath(import.meta.url)), '../../../tests/HfPipelines.Tests/Audio/Expected');
mkdirSync(outDir, { recursive: true });

// Minimal RIFF reader for 16-bit PCM mono (the fixtures' format); samples = int16 / 32768 as in the C# reader.
function readWav16(path) {
  const buf = readFileSync(path);
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    if (id === 'fmt ') {
      const format = buf.readUInt16LE(pos + 8), channels = buf.readUInt16LE(pos + 10), bits = buf.readUInt16LE(pos + 22);
      if (format !== 1 || channels !== 1 || bits !== 16) throw new Error(`${path}: expected 16-bit PCM mono`);
    } else if (id === 'data') {
      const n = Math.floor(Math.min(size, buf.length - pos - 8) / 2);
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = buf.readInt16LE(pos + 8 + 2 * i) / 32768;
      return samples;
    }
    pos += 8 + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

const summary = { generator: 'transformers.js ' + JSON.parse(readFileSync(new URL('./node_modules/@huggingface/transformers/package.json', import.meta.url))).version, stride: STRIDE, files: [] };
for (const name of ['jfk', 'librispeech-1272-141231-0002']) {
  const samples = readWav16(join(fixtures, 'audio', `${name}.wav`));
  for (const bins of [80, 128]) {
    const fe = new WhisperFeatureExtractor({
      feature_extractor_type: 'WhisperFeatureExtractor', feature_size: bins, sampling_rate: 16000, hop_length: 160,
      chunk_length: 30, n_fft: 400, n_samples: 480000, nb_max_frames: 3000, padding_value: 0.0, return_attention_mask: false,
    });
    const { input_features } = await fe(samples);
    const [, melBins, frames] = input_features.dims;
    const data = input_features.data;
    const kept = Math.ceil(frames / STRIDE);
    const subset = new Float32Array(melBins * kept);
    let sum = 0, sumSquares = 0;
    for (let m = 0; m < melBins; m++) {
      for (let t = 0; t < frames; t++) {
        const v = data[m * frames + t];
        sum += v; sumSquares += v * v;
        if (t % STRIDE === 0) subset[m * kept + t / STRIDE] = v;
      }
    }
    const file = `${name}.mel${bins}.f32`;
    writeFileSync(join(outDir, file), Buffer.from(subset.buffer));
    summary.files.push({ audio: `audio/${name}.wav`, samples: samples.length, bins: melBins, frames, keptFrames: kept, file, sum, sumSquares });
    console.log(file, melBins, frames, sum.toFixed(4));
  }
}
writeFileSync(join(outDir, 'whisper-features.json'), JSON.stringify(summary, null, 2) + '\n');
