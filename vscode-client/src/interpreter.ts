/**
 * Which Python runs the looplint server.
 *
 * Order: the `looplint.interpreter` setting, then the active environment of the Python extension
 * (when it is installed), then `python3` on PATH. The first one that is set wins even if it turns
 * out to be unusable: silently running another Python than the one the user chose would hide
 * the mistake. `interpreterProblem` then explains what is wrong.
 */
import * as os from 'node:os';
import * as path from 'node:path';

export type InterpreterSource = 'setting' | 'pythonExtension' | 'path';

export interface InterpreterChoice {
  path: string;
  source: InterpreterSource;
}

export interface InterpreterCandidates {
  /** The value of `looplint.interpreter` ('' when unset). */
  configured: string;
  /** The Python extension's active interpreter for the workspace, when that extension is present. */
  pythonExtension?: string;
  /** Context for `${workspaceFolder}`, `${env:NAME}` and `~` in the configured value. */
  workspaceFolder?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export const DEFAULT_INTERPRETER = 'python3';

/** Picks the interpreter by the documented order. */
export function chooseInterpreter(candidates: InterpreterCandidates): InterpreterChoice {
  const configured = candidates.configured.trim();
  if (configured !== '') {
    return { path: expandVariables(configured, candidates), source: 'setting' };
  }
  if (candidates.pythonExtension) {
    return { path: candidates.pythonExtension, source: 'pythonExtension' };
  }
  return { path: DEFAULT_INTERPRETER, source: 'path' };
}

/** Expands the variables VS Code users expect in path settings. Unknown variables are kept as typed. */
export function expandVariables(
  value: string,
  context: Pick<InterpreterCandidates, 'workspaceFolder' | 'env' | 'home'>,
): string {
  const env = context.env ?? process.env;
  const home = context.home ?? os.homedir();
  let expanded = value.replace(/\$\{(workspaceFolder|env:([^}]+))\}/g, (whole, name: string, envName?: string) => {
    if (name === 'workspaceFolder') {
      return context.workspaceFolder ?? whole;
    }
    return env[envName ?? ''] ?? '';
  });
  if (expanded === '~' || expanded.startsWith('~/')) {
    expanded = path.join(home, expanded.slice(1));
  }
  return expanded;
}

/** What to do about an unusable interpreter, depending on where it came from. */
export function remedyFor(source: InterpreterSource): string {
  switch (source) {
    case 'setting':
      return 'Point the "looplint.interpreter" setting at Python 3.10 or newer.';
    case 'pythonExtension':
      return 'Select Python 3.10 or newer with "Python: Select Interpreter", or set "looplint.interpreter".';
    case 'path':
      return `Install Python 3.10 or newer and set "looplint.interpreter" to it (or put it on PATH as ${DEFAULT_INTERPRETER}).`;
  }
}

/** Where the choice came from, in words for logs and notifications. */
export function describeSource(source: InterpreterSource): string {
  switch (source) {
    case 'setting':
      return 'the looplint.interpreter setting';
    case 'pythonExtension':
      return "the Python extension's selected interpreter";
    case 'path':
      return `${DEFAULT_INTERPRETER} on PATH`;
  }
}
