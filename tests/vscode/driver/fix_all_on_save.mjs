// Scenario: with "editor.codeActionsOnSave": {"source.fixAll.looplint": "explicit"} in the
// workspace settings, Ctrl+S applies every safe fix and the squiggles go away.
// Inputs (environment): WORKBENCH_URL, ARTIFACTS, FILE.
import { env, runScenario } from './workbench.mjs';

const file = env('FILE');

await runScenario('fix all on save', async (workbench) => {
  const { page } = workbench;
  await workbench.openFile(file);
  await workbench.squiggles().first().waitFor({ timeout: 60_000 });
  await workbench.problems('LOOP101');
  await page.locator('.monaco-editor .view-lines').first().click();
  await workbench.screenshot('before-save');

  await page.keyboard.press('Control+S');
  await page.locator('.monaco-editor .view-line', { hasText: 'await fetch()' }).first().waitFor({ timeout: 30_000 });
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
  await workbench.squiggles().first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('.markers-panel', { hasText: 'No problems have been detected' }).first().waitFor({ timeout: 30_000 });
  workbench.log('fixed on save; no problems left');
  await workbench.screenshot('after-save');
});
