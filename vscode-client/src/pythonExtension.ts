/**
 * The interpreter the user picked in the Python extension (ms-python.python), when it is installed.
 *
 * The extension is optional: without it looplint falls back to `python3` on PATH, so every call
 * here answers "nothing" instead of failing when it is absent.
 */
import { PVSC_EXTENSION_ID, PythonExtension } from '@vscode/python-extension';
import * as vscode from 'vscode';

function isInstalled(): boolean {
  return vscode.extensions.getExtension(PVSC_EXTENSION_ID) !== undefined;
}

/** The executable of the active environment for `resource`, or undefined when there is none. */
export async function activeInterpreter(resource: vscode.Uri | undefined): Promise<string | undefined> {
  if (!isInstalled()) {
    return undefined;
  }
  const api = await PythonExtension.api();
  const environment = await api.environments.resolveEnvironment(api.environments.getActiveEnvironmentPath(resource));
  return environment?.executable.uri?.fsPath;
}

/** Calls `listener` when the user selects another interpreter in the Python extension. */
export async function onDidChangeActiveInterpreter(listener: () => void): Promise<vscode.Disposable> {
  if (!isInstalled()) {
    return new vscode.Disposable(() => undefined);
  }
  const api = await PythonExtension.api();
  return api.environments.onDidChangeActiveEnvironmentPath(listener);
}
