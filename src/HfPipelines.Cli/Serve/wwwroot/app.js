// hfp serve demo page: plain JavaScript, no build. Talks to /api/models, /models/{id} and /v1/chat/completions (models by their served id).
'use strict';

const TABS = [
  { id: 'text-classification', title: 'Text classification', panel: 'text', task: 'text-classification', text: 'I love how simple this library makes inference.' },
  { id: 'zero-shot', title: 'Zero-shot', panel: 'text', task: 'zero-shot-classification', text: 'The new phone has a faster chip and a better camera.' },
  { id: 'entities', title: 'Entities', panel: 'text', task: 'token-classification', text: 'Ada Lovelace was born in London.' },
  { id: 'qa', title: 'Question answering', panel: 'text', task: 'question-answering', text: 'Where was Ada Lovelace born?' },
  { id: 'fill-mask', title: 'Fill mask', panel: 'text', task: 'fill-mask', text: 'Paris is the [MASK] of France.' },
  { id: 'summarization', title: 'Summarize', panel: 'text', task: 'summarization', text: 'The tower is 324 metres tall, about the same height as an 81-storey building, and the tallest structure in Paris.' },
  { id: 'translation', title: 'Translate', panel: 'text', task: 'translation', text: 'Hello, how are you?' },
  { id: 'generate', title: 'Generate', panel: 'text', task: 'text-generation', text: 'Once upon a time' },
  { id: 'image', title: 'Image classification', panel: 'media', task: 'image-classification', accept: 'image/*' },
  { id: 'audio', title: 'Speech recognition', panel: 'media', task: 'automatic-speech-recognition', accept: 'audio/*' },
  { id: 'chat', title: 'Chat', panel: 'chat', task: 'text-generation' },
];

const DEMO_TOOLS = [
  { type: 'function', function: { name: 'get_weather', description: 'Gets the current weather of a city.', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
  { type: 'function', function: { name: 'get_time', description: 'Gets the local time of the user.', parameters: { type: 'object', properties: {} } } },
];

const $ = (id) => document.getElementById(id);
let models = [];
let current = null;
let chatHistory = [];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k === 'style') node.style.cssText = v; else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function headers(contentType) {
  const h = { 'Content-Type': contentType };
  const key = $('api-key').value.trim();
  if (key) h.Authorization = 'Bearer ' + key;
  return h;
}

async function post(path, body, contentType = 'application/json') {
  const response = await fetch(path, { method: 'POST', headers: headers(contentType), body: contentType === 'application/json' ? JSON.stringify(body) : body });
  if (!response.ok) throw new Error(await errorText(response));
  return response;
}

async function errorText(response) {
  const text = await response.text();
  try { const e = JSON.parse(text).error; return `${response.status}: ${typeof e === 'string' ? e : e.message}`; } catch { return `${response.status}: ${text}`; }
}

function modelRoute(model) { return '/models/' + model.split('/').map(encodeURIComponent).join('/'); }

function setStatus(text, isError = false) { $('status').textContent = text; $('status').className = isError ? 'error' : ''; }

// ---- tabs -------------------------------------------------------------------------------------------------

function buildTabs() {
  const list = $('tabs');
  const served = TABS.filter((t) => models.some((m) => m.task === t.task && (t.panel !== 'chat' || m.chat)));
  for (const tab of served) {
    const button = el('button', { role: 'tab', id: 'tab-' + tab.id, 'aria-selected': 'false', tabindex: '-1', 'data-tab': tab.id }, tab.title);
    button.addEventListener('click', () => select(tab));
    list.append(button);
  }

  list.addEventListener('keydown', (e) => {
    const tabs = [...list.querySelectorAll('[role=tab]')];
    const i = tabs.indexOf(document.activeElement);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined || i < 0) return;
    e.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    target.focus();
    target.click();
  });
  if (served.length) select(served[0]); else setStatus('This server serves no task the page can show.', true);
}

function select(tab) {
  current = tab;
  for (const b of document.querySelectorAll('[role=tab]')) {
    const on = b.dataset.tab === tab.id;
    b.setAttribute('aria-selected', String(on));
    b.tabIndex = on ? 0 : -1;
  }

  for (const p of document.querySelectorAll('[role=tabpanel]')) {
    p.hidden = p.dataset.kind !== tab.panel;
    if (!p.hidden) p.setAttribute('aria-labelledby', 'tab-' + tab.id);
  }

  const select = $(tab.panel + '-model');
  select.replaceChildren(...models.filter((m) => m.task === tab.task && (tab.panel !== 'chat' || m.chat)).map((m) => el('option', { value: m.id, title: m.model }, m.id)));
  setStatus('');
  if (tab.panel === 'text') {
    $('text-input').value = tab.text;
    $('zs-box').hidden = tab.task !== 'zero-shot-classification';
    $('qa-box').hidden = tab.task !== 'question-answering';
    document.querySelector('label[for=text-input]').textContent = tab.task === 'question-answering' ? 'Question' : 'Text';
    $('text-result').replaceChildren();
  } else if (tab.panel === 'media') {
    $('media-file').accept = tab.accept;
    $('drop-text').textContent = `Drop ${tab.task === 'image-classification' ? 'an image' : 'an audio file'} here, or press Enter to choose one`;
    $('media-result').replaceChildren();
    $('media-preview').hidden = true;
  }
}

// ---- renderers --------------------------------------------------------------------------------------------

function labels(list) {
  return el('div', { class: 'labels' }, ...list.map((l) => el('div', { class: 'label-row' },
    el('span', { class: 'label' }, l.label),
    el('div', { class: 'bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '1', 'aria-valuenow': String(l.score), 'aria-label': l.label }, el('span', { style: `width:${(l.score * 100).toFixed(1)}%` })),
    el('span', { class: 'score' }, (l.score * 100).toFixed(1) + '%'))));
}

function marked(text, spans, cls) {
  const out = el('p', { class: 'entities' });
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start == null || s.start < at) continue;
    out.append(text.slice(at, s.start));
    out.append(el('mark', { class: cls || '', title: s.label }, text.slice(s.start, s.end), el('small', {}, s.label)));
    at = s.end;
  }
  out.append(text.slice(at));
  return out;
}

function render(task, text, answer) {
  switch (task) {
    case 'text-classification': case 'zero-shot-classification': case 'image-classification':
      return labels(Array.isArray(answer[0]) ? answer[0] : answer);
    case 'token-classification':
      return marked(text, answer.map((e) => ({ start: e.start, end: e.end, label: e.entity_group || e.entity })));
    case 'question-answering': {
      const a = Array.isArray(answer) ? answer[0] : answer;
      return el('div', {}, el('p', {}, 'Answer: ', el('strong', { class: 'answer-text' }, a.answer), ` (score ${(a.score * 100).toFixed(1)}%)`),
        marked($('qa-context').value, [{ start: a.start, end: a.end, label: 'answer' }], 'answer'));
    }
    case 'fill-mask':
      return labels(answer.map((p) => ({ label: p.sequence, score: p.score })));
    case 'summarization': return el('p', { class: 'generated' }, answer[0].summary_text);
    case 'translation': return el('p', { class: 'generated' }, answer[0].translation_text);
    case 'automatic-speech-recognition':
      return el('div', {}, el('p', { class: 'generated transcript' }, answer.text),
        ...(answer.chunks || []).map((c) => el('p', { class: 'chunk' }, el('time', {}, `[${fmt(c.timestamp[0])} – ${fmt(c.timestamp[1])}]`), c.text)));
    default: return el('pre', {}, JSON.stringify(answer, null, 2));
  }
}

function fmt(seconds) { return seconds == null ? '…' : seconds.toFixed(2) + ' s'; }

// ---- text tasks -------------------------------------------------------------------------------------------

async function runText() {
  const tab = current, model = $('text-model').value, text = $('text-input').value, out = $('text-result');
  $('text-run').disabled = true;
  setStatus('Running ' + tab.task + ' on ' + model + '…');
  try {
    if (tab.task === 'text-generation') {
      const shown = el('p', { class: 'generated' }, text);
      out.replaceChildren(shown);
      await streamChat(model, [{ role: 'user', content: text }], null, (delta) => shown.append(delta));
    } else {
      const body = { inputs: text, parameters: {} };
      if (tab.task === 'zero-shot-classification') body.parameters.candidate_labels = $('zs-labels').value.split(',').map((s) => s.trim()).filter(Boolean);
      if (tab.task === 'question-answering') body.inputs = { question: text, context: $('qa-context').value };
      if (tab.task === 'text-classification') body.parameters.top_k = 5;
      if (tab.task === 'token-classification') body.parameters.aggregation_strategy = 'simple';
      if (tab.task === 'translation') body.parameters.tgt_lang = 'fr';
      const answer = await (await post(modelRoute(model), body)).json();
      out.replaceChildren(render(tab.task, text, answer));
    }
    setStatus('Done.');
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error' }, e.message));
    setStatus('Failed.', true);
  } finally {
    $('text-run').disabled = false;
  }
}

// ---- image and audio --------------------------------------------------------------------------------------

async function runMedia(file) {
  const tab = current, model = $('media-model').value, out = $('media-result');
  setStatus('Sending ' + file.name + ' to ' + model + '…');
  try {
    let response;
    if (tab.task === 'image-classification') {
      const preview = $('media-preview');
      preview.src = URL.createObjectURL(file);
      preview.hidden = false;
      response = await post(modelRoute(model), file, file.type || 'application/octet-stream');
    } else {
      const base64 = await new Promise((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result).split(',')[1]); r.readAsDataURL(file); });
      response = await post(modelRoute(model), { inputs: base64, parameters: { return_timestamps: true } });
    }
    out.replaceChildren(render(tab.task, '', await response.json()));
    setStatus('Done.');
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error' }, e.message));
    setStatus('Failed.', true);
  }
}

// ---- chat (streamed, with tool calls shown) ---------------------------------------------------------------

async function* events(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const line = buffer.slice(0, cut).trim();
      buffer = buffer.slice(cut + 2);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') return;
      yield JSON.parse(data);
    }
  }
}

async function streamChat(model, messages, tools, onText) {
  const body = { model, messages, stream: true };
  if (tools) body.tools = tools;
  const calls = [];
  let text = '';
  for await (const chunk of events(await post('/v1/chat/completions', body))) {
    if (chunk.error) throw new Error(chunk.error.message || String(chunk.error));
    const delta = chunk.choices && chunk.choices[0] && chunk.choices[0].delta;
    if (!delta) continue;
    if (delta.content) { text += delta.content; onText(delta.content); }
    for (const c of delta.tool_calls || []) {
      const slot = calls[c.index ?? calls.length] ||= { id: '', type: 'function', function: { name: '', arguments: '' } };
      if (c.id) slot.id = c.id;
      if (c.function && c.function.name) slot.function.name = c.function.name;
      if (c.function && c.function.arguments) slot.function.arguments += c.function.arguments;
    }
  }
  return { text, calls: calls.filter(Boolean) };
}

function runTool(call) {
  const args = JSON.parse(call.function.arguments || '{}');
  if (call.function.name === 'get_weather') return `sunny and 21 °C`;
  if (call.function.name === 'get_time') return new Date().toLocaleTimeString();
  return `unknown tool ${call.function.name} (${JSON.stringify(args)})`;
}

function bubble(role, text) {
  const node = el('div', { class: 'msg ' + role }, text);
  $('chat-log').append(node);
  node.scrollIntoView({ block: 'nearest' });
  return node;
}

async function sendChat(e) {
  e.preventDefault();
  const input = $('chat-input'), text = input.value.trim(), model = $('chat-model').value;
  if (!text) return;
  input.value = '';
  $('chat-send').disabled = true;
  chatHistory.push({ role: 'user', content: text });
  bubble('user', text);
  try {
    for (let round = 0; round < 5; round++) {
      const shown = bubble('assistant', '');
      const { text: answer, calls } = await streamChat(model, chatHistory, $('chat-tools').checked ? DEMO_TOOLS : null, (d) => shown.append(d));
      if (!calls.length) { chatHistory.push({ role: 'assistant', content: answer }); break; }
      if (!answer) shown.remove();
      chatHistory.push({ role: 'assistant', content: answer || null, tool_calls: calls });
      for (const call of calls) {
        bubble('tool', `tool call: ${call.function.name}(${call.function.arguments})`).classList.add('tool-call');
        const result = runTool(call);
        bubble('tool', `tool result: ${call.function.name} returned ${result}`).classList.add('tool-result');
        chatHistory.push({ role: 'tool', tool_call_id: call.id, content: result });
      }
    }
    setStatus('');
  } catch (err) {
    bubble('assistant', err.message).classList.add('error');
  } finally {
    $('chat-send').disabled = false;
    input.focus();
  }
}

// ---- start ------------------------------------------------------------------------------------------------

function wireDrop() {
  const drop = $('drop'), file = $('media-file');
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); file.click(); } });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) runMedia(e.dataTransfer.files[0]); });
  file.addEventListener('change', () => { if (file.files[0]) runMedia(file.files[0]); });
}

async function start() {
  $('api-key').value = sessionStorage.getItem('hfp-key') || '';
  $('api-key').addEventListener('change', () => { sessionStorage.setItem('hfp-key', $('api-key').value); load(); });
  $('text-run').addEventListener('click', runText);
  $('chat-form').addEventListener('submit', sendChat);
  wireDrop();
  await load();
}

async function load() {
  const response = await fetch('/api/models', { headers: headers('application/json') });
  if (response.status === 401) { $('key-box').hidden = false; setStatus('This server needs an API key: type it above.', true); return; }
  const info = await response.json();
  $('key-box').hidden = !info.auth;
  models = info.models;
  $('tabs').replaceChildren();
  buildTabs();
  document.body.dataset.ready = 'true';
}

start();
