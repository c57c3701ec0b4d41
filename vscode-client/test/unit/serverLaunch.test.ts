import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LaunchInputs, planLaunch } from '../../src/serverLaunch';

const inputs: LaunchInputs = {
  interpreter: '/usr/bin/python3',
  importStrategy: 'useBundled',
  extraArgs: [],
  environmentLooplint: null,
  extensionDir: '/ext',
  bundledLibs: '/ext/bundled/libs',
  bytecodeCache: '/storage/bytecode',
  env: { PATH: '/usr/bin', PYTHONPATH: '/home/me/lib' },
};

describe('planLaunch', () => {
  it('runs the bundled looplint with only bundled/libs on PYTHONPATH', () => {
    const plan = planLaunch(inputs);
    assert.equal(plan.command, '/usr/bin/python3');
    assert.deepEqual(plan.args, ['-m', 'looplint', 'server']);
    assert.equal(plan.env.PYTHONPATH, '/ext/bundled/libs');
    assert.equal(plan.copy, 'bundled');
    assert.equal(plan.note, undefined);
  });

  it("keeps the bundled copy's bytecode in the extension's storage, not in its folder", () => {
    assert.equal(planLaunch(inputs).env.PYTHONPYCACHEPREFIX, '/storage/bytecode');
  });

  it("leaves the environment copy's bytecode where its interpreter keeps it", () => {
    const plan = planLaunch({ ...inputs, importStrategy: 'fromEnvironment', environmentLooplint: '0.1.0' });
    assert.equal(plan.env.PYTHONPYCACHEPREFIX, undefined);
  });

  it("runs in the extension's folder so no workspace module can be imported", () => {
    assert.equal(planLaunch(inputs).cwd, '/ext');
  });

  it('appends looplint.args after the server subcommand', () => {
    const plan = planLaunch({ ...inputs, extraArgs: ['--log-file', '/tmp/l.log'] });
    assert.deepEqual(plan.args, ['-m', 'looplint', 'server', '--log-file', '/tmp/l.log']);
  });

  it("runs the environment's looplint with fromEnvironment when it is installed there", () => {
    const plan = planLaunch({ ...inputs, importStrategy: 'fromEnvironment', environmentLooplint: '0.1.0' });
    assert.equal(plan.copy, 'environment');
    assert.equal(plan.env.PYTHONPATH, '/home/me/lib');
  });

  it('falls back to the bundled copy, saying why, when the environment has no looplint', () => {
    const plan = planLaunch({ ...inputs, importStrategy: 'fromEnvironment' });
    assert.equal(plan.copy, 'bundled');
    assert.match(plan.note ?? '', /not installed for \/usr\/bin\/python3/);
  });

  it('uses the bundled copy with useBundled even when the environment has looplint', () => {
    assert.equal(planLaunch({ ...inputs, environmentLooplint: '0.0.9' }).copy, 'bundled');
  });
});
