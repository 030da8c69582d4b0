// Clicks through the hfp serve demo page in headless Chromium and saves one screenshot per tab.
// Starts no server: usage `node scripts/browser/check-page.mjs http://127.0.0.1:PORT [screenshot-dir]`.
// The server must serve (fake or real) models for text-classification, zero-shot-classification,
// image-classification and a chat (text-generation) model. Exit code 0 when every check passed.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const url = process.argv[2];
const shots = resolve(process.argv[3] ?? 'docs/screenshots');
if (!url) {
  console.error('usage: node check-page.mjs SERVER_URL [SCREENSHOT_DIR]');
  process.exit(2);
}

// A 1x1 PNG: enough for the page's preview and a classifier.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const profile = mkdtempSync(join(tmpdir(), 'hfp-chromium-'));
mkdirSync(shots, { recursive: true });
// Playwright passes the fresh profile as --user-data-dir itself (a persistent context over a new temp folder).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1000, height: 760 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

try {
  const page = browser.pages()[0] ?? await browser.newPage();
  page.on('pageerror', (e) => failures.push('page error: ' + e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  check(await page.getByRole('tab').count() >= 4, 'tabs are listed from /api/models');

  // Text classification: keyboard-selected first tab, labels with score bars.
  await page.getByRole('tab', { name: 'Text classification' }).click();
  await page.getByLabel('Text', { exact: true }).fill('I love this library');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForSelector('#text-result .label-row');
  const first = await page.locator('#text-result .label-row .label').first().textContent();
  check(first === 'POSITIVE', `text classification shows POSITIVE first (got ${first})`);
  check(await page.locator('#text-result .bar > span').count() >= 1, 'text classification draws score bars');
  await page.screenshot({ path: join(shots, 'text-classification.png'), fullPage: true });

  // Keyboard: arrow right from the selected tab moves to the next one.
  await page.getByRole('tab', { name: 'Text classification' }).focus();
  await page.keyboard.press('ArrowRight');
  check(await page.getByRole('tab', { name: 'Zero-shot' }).getAttribute('aria-selected') === 'true', 'arrow keys move between tabs');

  // Zero-shot.
  await page.getByLabel('Text', { exact: true }).fill('The match ended 2-1 after extra time');
  await page.getByLabel('Candidate labels (comma separated)').fill('politics, sport');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForSelector('#text-result .label-row');
  const zs = await page.locator('#text-result .label-row .label').allTextContents();
  check(zs.join(',') === 'sport,politics', `zero-shot ranks sport first (got ${zs.join(',')})`);
  await page.screenshot({ path: join(shots, 'zero-shot.png'), fullPage: true });

  // Image classification: a file through the (labelled) file input.
  await page.getByRole('tab', { name: 'Image classification' }).click();
  await page.locator('#media-file').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: PNG });
  await page.waitForSelector('#media-result .label-row');
  const image = await page.locator('#media-result .label-row .label').first().textContent();
  check(image === 'tabby cat', `image classification shows tabby cat (got ${image})`);
  check(await page.locator('#media-preview').isVisible(), 'image preview is shown');
  await page.screenshot({ path: join(shots, 'image-classification.png'), fullPage: true });

  // Entities highlighted in the text, and the answer span marked in the context (when served).
  if (await page.getByRole('tab', { name: 'Entities' }).count()) {
    await page.getByRole('tab', { name: 'Entities' }).click();
    await page.getByLabel('Text', { exact: true }).fill('Ada Lovelace lived in London');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForSelector('#text-result mark');
    const marks = await page.locator('#text-result mark').allTextContents();
    check(marks.join('|') === 'Ada LovelacePER|LondonLOC', `entities are highlighted with their labels (got ${marks.join('|')})`);
    await page.screenshot({ path: join(shots, 'entities.png'), fullPage: true });
  }

  if (await page.getByRole('tab', { name: 'Question answering' }).count()) {
    await page.getByRole('tab', { name: 'Question answering' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForSelector('#text-result mark.answer');
    const span = await page.locator('#text-result mark.answer').textContent();
    check(span.startsWith('London'), `the answer span is marked in the context (got ${span})`);
    await page.screenshot({ path: join(shots, 'question-answering.png'), fullPage: true });
  }

  if (await page.getByRole('tab', { name: 'Speech recognition' }).count()) {
    await page.getByRole('tab', { name: 'Speech recognition' }).click();
    await page.locator('#media-file').setInputFiles({ name: 'clip.wav', mimeType: 'audio/wav', buffer: Buffer.from('RIFF0000WAVEdata') });
    await page.waitForSelector('#media-result .chunk');
    const chunks = await page.locator('#media-result .chunk').allTextContents();
    check(chunks[0] === '[0.00 s – 0.50 s]hello', `the transcript shows timestamps (got ${chunks[0]})`);
    await page.screenshot({ path: join(shots, 'speech-recognition.png'), fullPage: true });
  }

  // Chat with the page's demo tools: the tool call and its result are shown, then the streamed answer.
  await page.getByRole('tab', { name: 'Chat' }).click();
  await page.getByLabel('Message').fill('What is the weather in Paris?');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.msg.tool-call');
  await page.waitForFunction(() => [...document.querySelectorAll('.msg.assistant')].some((m) => m.textContent.includes('in Paris.')));
  const call = await page.locator('.msg.tool-call').first().textContent();
  check(call.includes('get_weather') && call.includes('Paris'), `chat shows the tool call (got ${call})`);
  const answer = await page.locator('.msg.assistant').last().textContent();
  check(answer.includes('sunny'), `chat answer uses the tool result (got ${answer})`);
  await page.screenshot({ path: join(shots, 'chat.png'), fullPage: true });
} catch (e) {
  failures.push(String(e && e.stack || e));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`${failures.length} check(s) failed:\n` + failures.join('\n'));
  process.exit(1);
}
console.log('all page checks passed; screenshots in ' + shots);
