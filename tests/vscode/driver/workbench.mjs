// A VS Code workbench served by code-server, opened in Debian's Chromium through playwright-core,
// plus the few gestures the scenarios need. Every step can leave a screenshot in ARTIFACTS.
//
// Monaco quirks this works around: Playwright's hover() and click() refuse the squiggle decoration
// and the rows of the Quick Fix menu (other layers sit on top), so the mouse is moved to the
// squiggle's coordinates and the focused menu row is chosen with Enter.
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

/** Reads a required environment variable (the pytest wrapper sets them). */
export function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** Starts Debian's Chromium headless with a fresh profile (so no editor state carries over). */
export async function launchChromium() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'looplint-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { page, close };
}

export class Workbench {
  static async open(url, artifacts) {
    fs.mkdirSync(artifacts, { recursive: true });
    const { page, close } = await launchChromium();
    const workbench = new Workbench(page, close, artifacts);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return workbench;
  }

  constructor(page, close, artifacts) {
    this.page = page;
    this.close = close;
    this.artifacts = artifacts;
    this.shots = 0;
    this.started = Date.now();
  }

  log(message) {
    console.log(`[${((Date.now() - this.started) / 1000).toFixed(1)}s] ${message}`);
  }

  async screenshot(name) {
    this.shots += 1;
    const file = path.join(this.artifacts, `${String(this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    this.log(`screenshot ${file}`);
  }

  /** Opens a workspace file from the Explorer (which lists it once the remote connection is up). */
  async openFile(name) {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
    await row.first().waitFor({ timeout: 60_000 });
    await row.first().dblclick();
    await this.page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: 30_000 });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
    this.log(`opened ${name}`);
  }

  /** The editor's text, as rendered (Monaco shows non-breaking spaces for indentation). */
  async editorText() {
    const text = await this.page.locator('.monaco-editor .view-lines').first().innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  squiggles(severity = 'error') {
    return this.page.locator(`.monaco-editor .squiggly-${severity}`);
  }

  /** Opens the Problems panel and returns its rows' text once a row mentions `text`. */
  async problems(text) {
    await this.page.keyboard.press('Control+Shift+M');
    const row = this.page.locator('.markers-panel .monaco-list-row', { hasText: text });
    await row.first().waitFor({ timeout: 30_000 });
    return (await this.page.locator('.markers-panel').first().innerText()).replace(/\s+/g, ' ');
  }

  /** Puts the cursor on the first squiggle by clicking its middle. */
  async clickSquiggle(severity = 'error') {
    const box = await this.squiggles(severity).first().boundingBox();
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 - 4);
  }

  /** Opens the Quick Fix menu (Ctrl+.) and returns the text of its focused row and of all rows. */
  async openQuickFixMenu(expectedTitle) {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row');
    await rows.filter({ hasText: expectedTitle }).first().waitFor({ timeout: 15_000 });
    const focused = await this.page.locator('.action-widget .monaco-list-row.focused').first().innerText();
    return { focused, all: await rows.allInnerTexts() };
  }

  /**
   * The text of every looplint notification, once the first is shown and others have had time
   * to follow (a repeated message would arrive within a few seconds).
   */
  async looplintNotifications() {
    const toasts = this.page.locator('.notification-toast', { hasText: 'looplint' });
    await toasts.first().waitFor({ timeout: 60_000 });
    await this.page.waitForTimeout(4_000);
    const texts = await toasts.allInnerTexts();
    this.log(`notifications: ${JSON.stringify(texts)}`);
    await this.screenshot('notification');
    return texts;
  }

  /** Runs a command from the Command Palette by its title. */
  async runCommand(title) {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
  }
}

/** Runs a scenario against a workbench, prints PASSED/FAILED, and sets the exit code for pytest. */
export async function runScenario(name, scenario) {
  const workbench = await Workbench.open(env('WORKBENCH_URL'), env('ARTIFACTS'));
  try {
    await scenario(workbench);
    workbench.log(`${name}: PASSED`);
  } catch (error) {
    workbench.log(`${name}: FAILED: ${error.stack ?? error}`);
    await workbench.screenshot('failure').catch(() => undefined);
    process.exitCode = 1;
  } finally {
    await workbench.close();
  }
}
