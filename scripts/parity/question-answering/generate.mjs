import { pipeline, env } from '@huggingface/transformers';
import fs from 'fs';
env.localModelPath = process.argv[2]; // the pyoracle folder of the fixtures
env.allowRemoteModels = false;
const qa = await pipeline('question-answering', 'question-answering', { dtype: 'fp32' });
const ctx1 = 'The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris, France. It is named after the engineer Gustave Eiffel, whose company designed and built the tower from 1887 to 1889.';
const ctx2 = 'My name is Wolfgang and I live in Berlin. I work as an engineer at a small company that builds bicycles.';
const ctx3 = 'Photosynthesis is the process by which green plants use sunlight to make food from carbon dioxide and water. It releases oxygen as a by-product.';
const cases = [];
for (const [q, c] of [['Where is the Eiffel Tower?', ctx1], ['Who designed the tower?', ctx1], ['When was it built?', ctx1],
                      ['Where do I live?', ctx2], ['What is my job?', ctx2], ['What does photosynthesis release?', ctx3],
                      ['What is the boiling point of mercury?', ctx3]]) {
  for (const top_k of [1, 3]) {
    const out = await qa(q, c, { top_k });
    cases.push({ question: q, context: c, top_k, output: top_k === 1 ? [out] : out });
  }
}
fs.writeFileSync(process.argv[3], JSON.stringify({ reference: 'transformers.js 4.3.2 (@huggingface/transformers), question-answering pipeline, dtype fp32, on pyoracle/question-answering', cases }, null, 1));
console.log(cases.length);
