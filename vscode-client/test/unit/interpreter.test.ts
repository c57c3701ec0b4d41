import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseInterpreter, expandVariables, remedyFor } from '../../src/interpreter';

describe('chooseInterpreter', () => {
  it('prefers the looplint.interpreter setting over the Python extension', () => {
    const choice = chooseInterpreter({ configured: '/opt/py/bin/python', pythonExtension: '/venv/bin/python' });
    assert.deepEqual(choice, { path: '/opt/py/bin/python', source: 'setting' });
  });

  it("uses the Python extension's active interpreter when the setting is empty", () => {
    const choice = chooseInterpreter({ configured: '  ', pythonExtension: '/venv/bin/python' });
    assert.deepEqual(choice, { path: '/venv/bin/python', source: 'pythonExtension' });
  });

  it('falls back to python3 on PATH when nothing is configured', () => {
    assert.deepEqual(chooseInterpreter({ configured: '' }), { path: 'python3', source: 'path' });
  });

  it('expands variables in the configured path', () => {
    const choice = chooseInterpreter({ configured: '${workspaceFolder}/.venv/bin/python', workspaceFolder: '/proj' });
    assert.equal(choice.path, '/proj/.venv/bin/python');
  });
});

describe('expandVariables', () => {
  const context = { workspaceFolder: '/proj', env: { PYENV_ROOT: '/root/.pyenv' }, home: '/home/ada' };

  it('expands ${env:NAME}', () => {
    assert.equal(expandVariables('${env:PYENV_ROOT}/shims/python3', context), '/root/.pyenv/shims/python3');
  });

  it('expands an unset environment variable to nothing', () => {
    assert.equal(expandVariables('${env:NOPE}/python', context), '/python');
  });

  it('expands a leading ~ to the home folder', () => {
    assert.equal(expandVariables('~/venvs/a/bin/python', context), '/home/ada/venvs/a/bin/python');
  });

  it('keeps ${workspaceFolder} when there is no workspace folder', () => {
    assert.equal(expandVariables('${workspaceFolder}/python', { env: {} }), '${workspaceFolder}/python');
  });

  it('leaves a ~ inside the path alone', () => {
    assert.equal(expandVariables('/data/~old/python', context), '/data/~old/python');
  });
});

describe('remedyFor', () => {
  it('points at the setting when the setting chose the interpreter', () => {
    assert.match(remedyFor('setting'), /"looplint\.interpreter" setting/);
  });

  it("points at the Python extension's picker when it chose the interpreter", () => {
    assert.match(remedyFor('pythonExtension'), /Python: Select Interpreter/);
  });

  it('asks for an install when python3 on PATH was used', () => {
    assert.match(remedyFor('path'), /^Install Python 3\.10 or newer/);
  });
});
