// Runs a test module inside the real VS Code extension host. The workbench loads the extension
// from EXTENSION_DIR and the module from TESTS through its `payload` URL parameter, calls the
// module's run(), and reports the outcome through window.codeAutomationExit (0 = passed).
// Inputs (environment): CODE_SERVER_ORIGIN, WORKSPACE, EXTENSION_DIR, TESTS, ARTIFACTS.
import fs from 'node:fs';
import path from 'node:path';
import { env, launchChromium } from './workbench.mjs';

const origin = new URL(env('CODE_SERVER_ORIGIN'));
const remote = (file) => `vscode-remote://${origin.host}${file}`;
const payload = [
  ['extensionDevelopmentPath', remote(env('EXTENSION_DIR'))],
  ['extensionTestsPath', remote(env('TESTS'))],
];
const url = `${origin.origin}/?folder=${env('WORKSPACE')}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const { page, close } = await launchChromium();
// The extension host's console output is forwarded to the page's console.
page.on('console', (message) => {
  const text = message.text();
  const start = text.indexOf('[looplint-test]');
  if (start >= 0) console.log(text.slice(start));
});
const exitCode = await new Promise((resolve) => {
  const timer = setTimeout(() => resolve('timeout after 120 s'), 120_000);
  page
    .exposeFunction('codeAutomationExit', (code) => {
      clearTimeout(timer);
      resolve(code);
    })
    .then(() => page.goto(url));
});
fs.mkdirSync(env('ARTIFACTS'), { recursive: true });
await page.screenshot({ path: path.join(env('ARTIFACTS'), 'extension-host-end.png') });
console.log(`extension host tests: exit code ${exitCode}`);
await close();
process.exitCode = exitCode === 0 ? 0 : 1;
