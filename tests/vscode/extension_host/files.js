// Specification of the installed looplint extension on Python files, run inside the real VS Code
// extension host (by driver/extension_host.mjs). It talks to the real `looplint server` through
// the `vscode` API only; each test writes the file it needs into the workspace folder.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { EXTENSION_ID, log, waitFor, diagnosticsWithCode, writeWorkspaceFile, runTests } = require('./harness');

const SAMPLE = [
  'import asyncio',
  '',
  '',
  'async def fetch():',
  '    await asyncio.sleep(0)',
  '    return 42',
  '',
  '',
  'async def main():',
  '    return asyncio.run(fetch())',
  '',
].join('\n');
const FINDING_LINE = 9; // 0-based line of asyncio.run(fetch())
const FIX_TITLE = 'looplint (LOOP101): Replace with `await fetch()`';

function loop101(uri) {
  return diagnosticsWithCode(uri, 'LOOP101');
}

async function openSample(name) {
  const uri = await writeWorkspaceFile(name, SAMPLE);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return { uri, document };
}

async function revertActiveEditor() {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

const tests = {
  async 'reports LOOP101 as an error on the asyncio.run line, with the rule as code'() {
    const { uri } = await openSample('diagnostics.py');
    const [diagnostic] = await waitFor('a LOOP101 diagnostic', () => loop101(uri).length && loop101(uri));
    assert.equal(diagnostic.range.start.line, FINDING_LINE);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'looplint');
  },

  async 'offers the await fix as the preferred quick fix, next to choice actions'() {
    const { uri } = await openSample('quick_fix.py');
    const [diagnostic] = await waitFor('a LOOP101 diagnostic', () => loop101(uri).length && loop101(uri));
    const actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    log(`quick fixes: ${actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ')}`);
    const preferred = actions.filter((action) => action.isPreferred);
    assert.deepEqual(preferred.map((action) => action.title), [FIX_TITLE]);
    assert.ok(actions.length > 1, 'choice actions (at least "disable for this line") are offered too');
    assert.ok(await vscode.workspace.applyEdit(preferred[0].edit));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.lineAt(FINDING_LINE).text, '    return await fetch()');
    await waitFor('the finding to go away', () => loop101(uri).length === 0);
    await revertActiveEditor();
  },

  async 'offers source.fixAll.looplint for the whole file'() {
    const { uri, document } = await openSample('fix_all_action.py');
    await waitFor('a LOOP101 diagnostic', () => loop101(uri).length);
    const wholeFile = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      uri,
      wholeFile,
      'source.fixAll.looplint',
    );
    assert.deepEqual(actions.map((action) => action.kind?.value), ['source.fixAll.looplint']);
  },

  async 'the Fix All command applies the safe fixes to the active file'() {
    const { uri, document } = await openSample('fix_all_command.py');
    await waitFor('a LOOP101 diagnostic', () => loop101(uri).length);
    await vscode.commands.executeCommand('looplint.fixAll');
    await waitFor('the fix', () => document.lineAt(FINDING_LINE).text === '    return await fetch()');
    await revertActiveEditor();
  },

  async 'restarts the server when a server setting changes, and the new setting applies'() {
    const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
    const { uri } = await openSample('restart.py');
    const before = await waitFor('a running server', () => api.currentServer);
    await waitFor('a LOOP101 error', () => loop101(uri).length);
    const config = vscode.workspace.getConfiguration('looplint');
    const restarted = new Promise((resolve) => {
      const subscription = api.onDidStartServer((start) => {
        subscription.dispose();
        resolve(start);
      });
    });
    await config.update('severity', { LOOP101: 'warning' }, vscode.ConfigurationTarget.Workspace);
    try {
      const after = await Promise.race([restarted, waitFor('never', () => false, 30_000)]);
      assert.ok(after.startedAt > before.startedAt, 'a new server was started');
      await waitFor('LOOP101 as a warning', () =>
        loop101(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Warning),
      );
    } finally {
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  },

};

exports.run = () => runTests(tests);
