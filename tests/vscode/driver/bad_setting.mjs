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
  // Messages sent for the other routes of the same setting would arrive while these are counted.
  const texts = await workbench.looplintNotifications();
  assert.equal(texts.length, 1, 'exactly one looplint notification');
  assert.ok(texts[0].includes(expectedMessage), `notification says: ${texts[0]}`);

  await workbench.runCommand('looplint: Restart Server');
  // Let the new server start before the window closes; the test checks the log says it did.
  await page.waitForTimeout(10_000);
  await workbench.squiggles().first().waitFor({ timeout: 30_000 });
  await workbench.screenshot('restarted');
});
