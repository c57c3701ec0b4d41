/**
 * Asks an interpreter what it is before the server is started with it.
 *
 * Starting the server with a missing or too old Python fails with a traceback in a log nobody
 * reads; probing first lets the extension say, once, what is wrong and how to fix it.
 * The probe imports nothing: it reads `sys.version_info` and package metadata only.
 */
import { execFile } from 'node:child_process';

export const MINIMUM_PYTHON: readonly [number, number] = [3, 10];

// Written to run on any Python, even 2.7, so that an old interpreter is reported by its version.
const PROBE_SCRIPT = [
  'import json, sys',
  'try:',
  '    from importlib import metadata',
  '    looplint = metadata.version("looplint")',
  'except Exception:',
  '    looplint = None',
  'print(json.dumps({"version": list(sys.version_info[:3]), "executable": sys.executable, "looplint": looplint}))',
].join('\n');

export type Probe =
  | { kind: 'found'; version: [number, number, number]; executable: string; looplintVersion: string | null }
  | { kind: 'missing'; detail: string }
  | { kind: 'broken'; detail: string };

/** Runs the interpreter once with a tiny script (in `cwd`, so nothing from the workspace is importable). */
export function probeInterpreter(interpreter: string, cwd: string, timeoutMs = 15000): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(interpreter, ['-c', PROBE_SCRIPT], { cwd, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ kind: 'missing', detail: `${interpreter} was not found` });
        return;
      }
      if (error) {
        resolve({ kind: 'broken', detail: (stderr.trim() || error.message).split('\n').slice(-1)[0] });
        return;
      }
      resolve(parseProbeOutput(stdout));
    });
  });
}

/** Reads the probe's one JSON line; anything else means the interpreter cannot run the probe (e.g. Python 2). */
export function parseProbeOutput(stdout: string): Probe {
  try {
    const data = JSON.parse(stdout.trim()) as { version: number[]; executable: string; looplint: string | null };
    const [major, minor, micro] = data.version;
    return { kind: 'found', version: [major, minor, micro], executable: data.executable, looplintVersion: data.looplint };
  } catch {
    return { kind: 'broken', detail: `unexpected output: ${stdout.trim().slice(0, 200)}` };
  }
}

export type UsableProbe = Extract<Probe, { kind: 'found' }>;

/** Whether the probed interpreter can run the server. */
export function isUsable(probe: Probe): probe is UsableProbe {
  if (probe.kind !== 'found') {
    return false;
  }
  const [major, minor] = probe.version;
  const [wantMajor, wantMinor] = MINIMUM_PYTHON;
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

/** The one-line reason an interpreter that is not usable cannot run the server. */
export function interpreterProblem(interpreter: string, probe: Probe): string {
  const wanted = `Python ${MINIMUM_PYTHON.join('.')} or newer`;
  switch (probe.kind) {
    case 'missing':
      return `looplint needs ${wanted}, but "${interpreter}" was not found.`;
    case 'broken':
      return `looplint needs ${wanted}, but "${interpreter}" could not be run (${probe.detail}).`;
    case 'found':
      return `looplint needs ${wanted}, but "${interpreter}" is Python ${probe.version.join('.')}.`;
  }
}
