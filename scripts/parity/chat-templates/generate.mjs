// Renders every fixture chat template with @huggingface/jinja (the renderer transformers.js uses) over the
// conversations of cases.json, and stores the expected prompts under tests/HfPipelines.Tests/ChatTemplates/Expected.
// Usage: cd scripts/parity/chat-templates && npm install && python3 features.py && TZ=UTC node generate.mjs [fixturesDir]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// strftime_now reads `new Date()`: fix it (the C# test uses the same instant, UTC).
const RealDate = Date;
const FIXED = RealDate.UTC(2025, 2, 14, 9, 5, 0);
globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(FIXED);
    else super(...args);
  }
  static now() {
    return FIXED;
  }
};
const { Template } = await import("@huggingface/jinja");

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const fixtures = path.resolve(process.argv[2] ?? path.join(repo, "..", "..", "shared", "fixtures"));
const outDir = path.join(repo, "tests/HfPipelines.Tests/ChatTemplates/Expected");
const cases = JSON.parse(fs.readFileSync(path.join(here, "cases.json"), "utf8"));
const SPECIAL = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

function tokensOf(config) {
  const result = {};
  for (const key of SPECIAL) {
    const v = config[key];
    const s = typeof v === "string" ? v : v && typeof v.content === "string" ? v.content : null;
    if (s) result[key] = s;
  }
  return result;
}

function collect() {
  const list = [];
  const dir = path.join(fixtures, "chat-templates");
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".jinja")).sort()) {
    list.push({
      id: file.replace(/\.jinja$/, ""),
      fixture: `chat-templates/${file}`,
      sources: { "": fs.readFileSync(path.join(dir, file), "utf8") },
      variables: { bos_token: "<|bos|>", eos_token: "<|eos|>" },
    });
  }
  const tokDir = path.join(fixtures, "tokenizers");
  for (const name of fs.readdirSync(tokDir).sort()) {
    const folder = path.join(tokDir, name);
    const configPath = path.join(folder, "tokenizer_config.json");
    const config = fs.existsSync(configPath) ? JSON.parse(fs.readFileSync(configPath, "utf8")) : {};
    let sources = null;
    if (fs.existsSync(path.join(folder, "chat_template.jinja"))) {
      sources = { "": fs.readFileSync(path.join(folder, "chat_template.jinja"), "utf8") };
    } else if (typeof config.chat_template === "string") {
      sources = { "": config.chat_template };
    } else if (Array.isArray(config.chat_template)) {
      sources = Object.fromEntries(config.chat_template.map((t) => [t.name, t.template]));
    }
    if (sources) {
      list.push({ id: `tokenizer-${name}`, fixture: `tokenizers/${name}`, folder: true, sources, variables: tokensOf(config) });
    }
  }
  return list;
}

function pick(sources, withTools) {
  if ("" in sources) return sources[""];
  if (withTools && "tool_use" in sources) return sources.tool_use;
  return sources.default;
}

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "_cases.json"), JSON.stringify(cases, null, 2) + "\n");
let total = 0;
let errors = 0;
for (const t of collect()) {
  const results = {};
  for (const [caseId, conv] of Object.entries(cases.conversations)) {
    for (const gen of [false, true]) {
      const key = `${caseId}|${gen ? "gen" : "nogen"}`;
      const tools = conv.tools ? cases[conv.tools === true ? "tools" : conv.tools] : null;
      total++;
      try {
        const template = new Template(pick(t.sources, !!tools));
        const output = template.render({
          messages: structuredClone(conv.messages),
          add_generation_prompt: gen,
          tools: structuredClone(tools),
          documents: null,
          ...t.variables,
          ...(conv.variables ?? {}),
        });
        results[key] = { output };
      } catch (e) {
        errors++;
        results[key] = { error: String(e?.message ?? e) };
      }
    }
  }
  const doc = { fixture: t.fixture, folder: !!t.folder, variables: t.variables, results };
  fs.writeFileSync(path.join(outDir, `${t.id}.json`), JSON.stringify(doc, null, 1) + "\n");
}
console.log(`rendered ${total} cases, ${errors} reference errors`);

// Feature snippets: one engine feature each, rendered with their own variables.
const features = JSON.parse(fs.readFileSync(path.join(here, "features.json"), "utf8"));
const featureResults = [];
for (const feature of features) {
  let result;
  try {
    const template = new Template(feature.template);
    result = {
      output: template.render({
        messages: [],
        add_generation_prompt: false,
        tools: null,
        documents: null,
        ...structuredClone(feature.variables),
      }),
    };
  } catch (e) {
    result = { error: String(e?.message ?? e) };
  }
  featureResults.push({ ...feature, ...result });
}
fs.writeFileSync(path.join(outDir, "_features.json"), JSON.stringify(featureResults, null, 1) + "\n");
console.log(`rendered ${features.length} feature snippets, ${featureResults.filter((r) => "error" in r).length} reference errors`);
