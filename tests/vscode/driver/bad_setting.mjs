// Scenario: looplint.select names a rule that does not exist. The user sees one notification that
// names the setting and its folder, the other settings still apply (the finding is shown), and
// the Restart Server command restarts the server (the test then reads the looplint output).
// Inputs (environment): WORKBENCH_URL, ARTIFACTS, FILE, EXPECTED_MESSAGE.
import assert from 'node:assert/strict';
import { env, runScenario } from './workbench.mjs';

const file = env('FILE');
const expectedMessage = env('EXPECTED_MESSAGE');

await runScenario('bad setting', async (workbench) => {
  const { page } = workbench;
  await workbench.openFile(file);
  await workbench.squiggles().first().waitFor({ timeout: 60_000 });
  const toasts = page.locator('.notification-toast', { hasText: 'looplint' });
  await toasts.first().waitFor({ timeout: 30_000 });
  // Give messages sent for the other routes of the same setting time to arrive before counting.
  await page.waitForTimeout(4_000);
  const texts = await toasts.allInnerTexts();
  workbench.log(`notifications: ${JSON.stringify(texts)}`);
  await workbench.screenshot('notification');
  assert.equal(texts.length, 1, 'exactly one looplint notification');
  assert.ok(texts[0].includes(expectedMessage), `notification says: ${texts[0]}`);

  await workbench.runCommand('looplint: Restart Server');
  // Let the new server start before the window closes; the test checks the log says it did.
  await page.waitForTimeout(10_000);
  await workbench.squiggles().first().waitFor({ timeout: 30_000 });
  await workbench.screenshot('restarted');
});
