/**
 * The command line that starts `looplint server`.
 *
 * The bundled copy lives in `bundled/libs` (looplint and its pure-Python dependencies), put in
 * front of the interpreter's own packages through PYTHONPATH, so any Python >= 3.10 can run it
 * without a pip install. The process runs in the extension's folder: `python -m` puts the current
 * folder on `sys.path`, and the workspace's own modules must never be imported.
 *
 * The .vsix ships no bytecode, and the extension's folder may not be writable: the bundled copy
 * runs with PYTHONPYCACHEPREFIX in the extension's storage, so Python compiles the server's
 * modules there on the first start and every later start imports them from bytecode.
 */
export type ImportStrategy = 'useBundled' | 'fromEnvironment';

export interface LaunchInputs {
  interpreter: string;
  importStrategy: ImportStrategy;
  /** `looplint.args`: extra arguments for `looplint server`. */
  extraArgs: readonly string[];
  /** The looplint version installed in the interpreter's environment, null when there is none. */
  environmentLooplint: string | null;
  extensionDir: string;
  bundledLibs: string;
  /** Where Python keeps the bundled copy's bytecode (in the extension's global storage). */
  bytecodeCache: string;
  env: NodeJS.ProcessEnv;
}

export interface LaunchPlan {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Which looplint runs: 'bundled' or 'environment'. */
  copy: 'bundled' | 'environment';
  /** Why the plan differs from what the settings asked for, if it does. */
  note?: string;
}

/** Builds the server's command line from the settings and what the interpreter has installed. */
export function planLaunch(inputs: LaunchInputs): LaunchPlan {
  const args = ['-m', 'looplint', 'server', ...inputs.extraArgs];
  const wantsEnvironment = inputs.importStrategy === 'fromEnvironment';
  if (wantsEnvironment && inputs.environmentLooplint !== null) {
    return { command: inputs.interpreter, args, cwd: inputs.extensionDir, env: { ...inputs.env }, copy: 'environment' };
  }
  const plan: LaunchPlan = {
    command: inputs.interpreter,
    args,
    cwd: inputs.extensionDir,
    env: { ...inputs.env, PYTHONPATH: inputs.bundledLibs, PYTHONPYCACHEPREFIX: inputs.bytecodeCache },
    copy: 'bundled',
  };
  if (wantsEnvironment) {
    plan.note = `looplint is not installed for ${inputs.interpreter}; using the copy bundled with the extension`;
  }
  return plan;
}
