// Scenario: a LOOP101 finding shows as a squiggle, in the hover and in the Problems panel; Ctrl+.
// focuses the preferred fix; Enter applies it; Ctrl+S saves it and the problem goes away.
// Inputs (environment): WORKBENCH_URL, ARTIFACTS, FILE, LINE (1-based), FIX_TITLE.
import assert from 'node:assert/strict';
import { env, runScenario } from './workbench.mjs';

const file = env('FILE');
const line = env('LINE');
const fixTitle = env('FIX_TITLE');

await runScenario('quick fix', async (workbench) => {
  const { page } = workbench;
  await workbench.openFile(file);
  await workbench.squiggles().first().waitFor({ timeout: 60_000 });
  workbench.log('squiggle shown');
  await workbench.screenshot('squiggle');

  const box = await workbench.squiggles().first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
  await page.locator('.monaco-hover', { hasText: 'LOOP101' }).first().waitFor({ timeout: 15_000 });
  await workbench.screenshot('hover');
  await page.mouse.move(5, 790);
  await page.keyboard.press('Escape');

  const problems = await workbench.problems('LOOP101');
  workbench.log(`Problems panel: ${problems}`);
  assert.match(problems, new RegExp(`LOOP101\\)? \\[Ln ${line}, Col \\d+\\]`));
  await workbench.screenshot('problems-panel');

  await workbench.clickSquiggle();
  const menu = await workbench.openQuickFixMenu(fixTitle);
  workbench.log(`Quick Fix menu: ${menu.all.join(' | ')}`);
  assert.ok(menu.focused.includes(fixTitle), `the focused row is "${menu.focused}", not the preferred fix`);
  await workbench.screenshot('quick-fix-menu');

  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: 'await fetch()' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
  await workbench.squiggles().first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('.markers-panel', { hasText: 'No problems have been detected' }).first().waitFor({ timeout: 30_000 });
  workbench.log('fix applied and saved; no problems left');
  await workbench.screenshot('fixed-and-saved');
});
