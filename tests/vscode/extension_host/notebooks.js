// Specification of the installed looplint extension on Jupyter notebooks, run inside the real
// VS Code extension host (by driver/extension_host.mjs).
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { waitFor, diagnosticsWithCode, writeWorkspaceFile, runTests } = require('./harness');

const tests = {
  async 'checks notebook cells (LOOP301 at the top level of a cell)'() {
    const notebook = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# demo'] },
        {
          cell_type: 'code',
          execution_count: null,
          metadata: {},
          outputs: [],
          source: ['import asyncio\n', '\n', 'async def fetch():\n', '    return 42\n', '\n', 'asyncio.run(fetch())\n'],
        },
      ],
      metadata: { language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const uri = await writeWorkspaceFile('demo.ipynb', JSON.stringify(notebook, null, 1));
    const document = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(document);
    const cell = document.cellAt(1).document;
    const [diagnostic] = await waitFor('a LOOP301 diagnostic in the code cell', () => {
      const found = diagnosticsWithCode(cell.uri, 'LOOP301');
      return found.length && found;
    }, 20_000);
    assert.equal(diagnostic.range.start.line, 5);
  },
};

exports.run = () => runTests(tests);
