// Opens a notebook in JupyterLab (Debian's Chromium through playwright-core) as a person would:
// waits for looplint's underline on the failing cell, hovers it (with Ctrl, jupyterlab-lsp's
// hover gesture) and prints what the tooltips say, then types the fixed cell and waits for the
// underline to go. Prints one JSON object on its last line for the pytest side to check.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM_ARGS = [
  '--no-sandbox', // required when running as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const url = env('LAB_URL');
const artifacts = env('ARTIFACTS');
const fixedCell = env('FIXED_CELL');
const failingCell = Number(env('FAILING_CELL'));

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'looplint-jupyterlab-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: CHROMIUM_ARGS,
});
const page = context.pages()[0] ?? (await context.newPage());
const report = {};
try {
  await page.goto(url);
  const cell = page.locator('.jp-Notebook .jp-Cell').nth(failingCell);
  const underline = cell.locator('.cm-lintRange-error');
  const started = Date.now();
  await underline.first().waitFor({ timeout: 90_000 });
  report.secondsToDiagnostic = (Date.now() - started) / 1000;
  report.underlined = await underline.allTextContents();
  await page.screenshot({ path: path.join(artifacts, '1-diagnostic.png') });

  // The diagnostic's own tooltip shows on a plain hover; jupyterlab-lsp asks the server for
  // its hover while Ctrl is held.
  const box = await underline.first().boundingBox();
  const diagnosticTip = page.locator('.cm-tooltip-hover');
  for (let attempt = 0; attempt < 20 && !(await diagnosticTip.count()); attempt++) {
    await page.mouse.move(box.x + 3 + (attempt % 5) * 3, box.y + box.height / 2, { steps: 2 });
    await page.waitForTimeout(750);
  }
  report.diagnosticTooltip = await diagnosticTip.first().innerText();
  await page.screenshot({ path: path.join(artifacts, '2-diagnostic-tooltip.png') });
  await page.keyboard.down('Control');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  const hover = page.locator('.lsp-hover');
  await hover.first().waitFor({ timeout: 10_000 }).catch(() => {});
  report.hover = (await hover.count()) ? await hover.first().innerText() : null;
  await page.screenshot({ path: path.join(artifacts, '3-hover.png') });
  await page.keyboard.up('Control');
  await page.mouse.move(5, 5);

  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(fixedCell);
  await underline.first().waitFor({ state: 'detached', timeout: 30_000 });
  report.cellAfterEdit = await cell.locator('.cm-content').innerText();
  report.underlinedAfterEdit = await page.locator('.cm-lintRange-error').allTextContents();
  await page.screenshot({ path: path.join(artifacts, '4-fixed.png') });
} catch (error) {
  await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
  throw error;
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report));
