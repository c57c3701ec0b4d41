// Shared by the specifications that run inside the VS Code extension host (see files.js and
// notebooks.js): waiting on observable state, reading diagnostics, writing workspace files,
// and running named tests with one line of output each.
const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'looplint.looplint';

function log(message) {
  console.log(`[looplint-test] ${message}`);
}

async function waitFor(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function codeOf(diagnostic) {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

function diagnosticsWithCode(uri, code) {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);
}

async function writeWorkspaceFile(name, text) {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  return uri;
}

/** Runs every test, logs "ok"/"not ok" for each, and rejects (exit code 1) if any failed. */
async function runTests(tests) {
  assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is installed`);
  const failures = [];
  for (const [name, test] of Object.entries(tests)) {
    const started = Date.now();
    try {
      await test();
      log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures.push(name);
      log(`not ok - ${name}: ${error.stack ?? error}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} failed: ${failures.join('; ')}`);
  }
  log('all passed');
}

module.exports = { EXTENSION_ID, log, waitFor, diagnosticsWithCode, writeWorkspaceFile, runTests };
