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
  // A repeated start or a crashing client would add more notifications while these are counted.
  const texts = await workbench.looplintNotifications();
  const status = page.locator('.statusbar-item', { hasText: 'looplint' }).filter({ has: page.locator('.codicon-error') });
  await status.first().waitFor({ timeout: 15_000 });
  assert.equal(texts.length, 1, 'exactly one looplint notification');
  assert.ok(texts[0].includes(expectedMessage), `notification says: ${texts[0]}`);
  assert.match(texts[0], /looplint\.interpreter/);
});
