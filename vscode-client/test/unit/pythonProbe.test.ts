import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it, TestContext } from 'node:test';
import { interpreterProblem, isUsable, parseProbeOutput, probeInterpreter } from '../../src/pythonProbe';

const PYENV_VERSIONS = path.join(process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv'), 'versions');
const cwd = os.tmpdir();

/** A real interpreter of the given minor version from pyenv; required under CI, else the test is skipped. */
function pyenvPython(t: TestContext, minor: string): string | undefined {
  const version = fs.existsSync(PYENV_VERSIONS)
    ? fs.readdirSync(PYENV_VERSIONS).find((name) => name.startsWith(`${minor}.`))
    : undefined;
  if (version !== undefined) {
    return path.join(PYENV_VERSIONS, version, 'bin', 'python');
  }
  assert.ok(!process.env.CI, `Python ${minor} from pyenv is required under CI (looked in ${PYENV_VERSIONS})`);
  t.skip(`no Python ${minor} in ${PYENV_VERSIONS}`);
  return undefined;
}

describe('probeInterpreter with real interpreters', () => {
  it('accepts Python 3.10', async (t) => {
    const python = pyenvPython(t, '3.10');
    if (python === undefined) return;
    assert.ok(isUsable(await probeInterpreter(python, cwd)));
  });

  it('reports Python 3.9 as too old, naming both versions', async (t) => {
    const python = pyenvPython(t, '3.9');
    if (python === undefined) return;
    const probe = await probeInterpreter(python, cwd);
    assert.equal(isUsable(probe), false);
    assert.match(interpreterProblem(python, probe), /^looplint needs Python 3\.10 or newer, but ".*" is Python 3\.9\.\d+\.$/);
  });

  it('reports Python 2.7 by its version rather than as a crash', async (t) => {
    const python = pyenvPython(t, '2.7');
    if (python === undefined) return;
    assert.match(interpreterProblem(python, await probeInterpreter(python, cwd)), /is Python 2\.7\.\d+\.$/);
  });

  it('reports an interpreter that does not exist', async () => {
    const probe = await probeInterpreter('/nonexistent/python3', cwd);
    assert.equal(interpreterProblem('/nonexistent/python3', probe), 'looplint needs Python 3.10 or newer, but "/nonexistent/python3" was not found.');
  });

  it('reports a program that is not Python', async () => {
    const problem = interpreterProblem('/bin/false', await probeInterpreter('/bin/false', cwd));
    assert.match(problem, /^looplint needs Python 3\.10 or newer, but "\/bin\/false" could not be run/);
  });
});

describe('parseProbeOutput', () => {
  it('reads the version and the looplint installed in the environment', () => {
    const probe = parseProbeOutput('{"version": [3, 12, 1], "executable": "/v/bin/python", "looplint": "0.1.0"}\n');
    assert.deepEqual(probe, { kind: 'found', version: [3, 12, 1], executable: '/v/bin/python', looplintVersion: '0.1.0' });
  });

  it('treats anything else as an interpreter that cannot run the probe', () => {
    assert.equal(parseProbeOutput('Hello\n').kind, 'broken');
  });
});

describe('isUsable', () => {
  const found = (version: [number, number, number]) =>
    ({ kind: 'found', version, executable: '/py', looplintVersion: null }) as const;

  it('draws the line at Python 3.10.0', () => {
    assert.equal(isUsable(found([3, 10, 0])), true);
    assert.equal(isUsable(found([3, 9, 99])), false);
  });

  it('accepts a future major version', () => {
    assert.equal(isUsable(found([4, 0, 0])), true);
  });

  it('rejects an interpreter that was not found', () => {
    assert.equal(isUsable({ kind: 'missing', detail: 'python3 was not found' }), false);
  });
});
