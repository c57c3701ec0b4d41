// Scenario: looplint.interpreter names a Python that is too old. The user sees one notification
// that says what is wrong and what to do, and the status bar item shows the failure.
// Inputs (environment): WORKBENCH_URL, ARTIFACTS, FILE, EXPECTED_MESSAGE.
import assert from 'node:assert/strict';
import { env, runScenario } from './workbench.mjs';

const file = env('FILE');
const expectedMessage = env('EXPECTED_MESSAGE');

await runScenario('too old Python', async (workbench) => {
  const { page } = workbench;
  await workbench.openFile(file);
  const toasts = page.locator('.notification-toast', { hasText: 'looplint' });
  await toasts.first().waitFor({ timeout: 60_000 });
  const status = page.locator('.statusbar-item', { hasText: 'looplint' }).filter({ has: page.locator('.codicon-error') });
  await status.first().waitFor({ timeout: 15_000 });
  // Give a repeated start or a crashing client time to add more notifications before counting.
  await page.waitForTimeout(4_000);
  const texts = await toasts.allInnerTexts();
  workbench.log(`notifications: ${JSON.stringify(texts)}`);
  await workbench.screenshot('notification');
  assert.equal(texts.length, 1, 'exactly one looplint notification');
  assert.ok(texts[0].includes(expectedMessage), `notification says: ${texts[0]}`);
  assert.match(texts[0], /looplint\.interpreter/);
});
