// The bundled server's first start, run inside the real VS Code extension host (by
// driver/extension_host.mjs): it must start and report, so that test_vscode_extension_host.py can
// then look at where Python left the bytecode it compiled.
const { waitFor, diagnosticsWithCode, writeWorkspaceFile, runTests } = require('./harness');
const vscode = require('vscode');

const tests = {
  async 'the bundled server starts and reports LOOP101'() {
    const text = 'import asyncio\n\n\nasync def main():\n    asyncio.run(main())\n';
    const uri = await writeWorkspaceFile('first_start.py', text);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('a LOOP101 diagnostic', () => diagnosticsWithCode(uri, 'LOOP101').length);
  },
};

exports.run = () => runTests(tests);
