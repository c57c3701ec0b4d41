/**
 * Entry point of the looplint extension: wires the server lifecycle to commands, settings and
 * the Python extension's interpreter choice.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { LooplintServer, ServerStart } from './languageServer';
import { onDidChangeActiveInterpreter } from './pythonExtension';
import { ServerStatusItem } from './statusBar';

const SHOW_LOGS_COMMAND = 'looplint.showLogs';
const SERVER_FIX_ALL_COMMAND = 'looplint.applyFixAll';

/** Settings read when the server starts; changing one restarts it (trace.server is applied live). */
const SERVER_SETTINGS = [
  'enable',
  'interpreter',
  'importStrategy',
  'args',
  'logLevel',
  'select',
  'ignore',
  'severity',
  'extendLoopStarters',
  'exclude',
  'syntaxErrors',
  'maxFileSizeMb',
].map((key) => `looplint.${key}`);

/** What the extension returns from `activate`, for other extensions and for its own tests. */
export interface LooplintApi {
  readonly onDidStartServer: vscode.Event<ServerStart>;
  readonly currentServer: ServerStart | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<LooplintApi> {
  const output = vscode.window.createOutputChannel('looplint');
  const status = new ServerStatusItem(SHOW_LOGS_COMMAND);
  const server = new LooplintServer(context, output, status);
  context.subscriptions.push(
    output,
    status,
    server,
    vscode.commands.registerCommand('looplint.restart', () => server.restart('requested with the Restart Server command')),
    vscode.commands.registerCommand(SHOW_LOGS_COMMAND, () => output.show()),
    vscode.commands.registerCommand('looplint.fixAll', () => fixAllInActiveEditor(server)),
    vscode.workspace.onDidChangeConfiguration((change) => {
      const changed = SERVER_SETTINGS.filter((key) => change.affectsConfiguration(key));
      if (changed.length > 0) {
        server.scheduleRestart(`${changed.join(', ')} changed`);
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => server.scheduleRestart('workspace folders changed')),
  );
  onDidChangeActiveInterpreter(() => server.scheduleRestart('the Python extension selected another interpreter')).then(
    (subscription) => context.subscriptions.push(subscription),
    (error: unknown) => server.log(`cannot follow the Python extension's interpreter: ${String(error)}`),
  );
  void server.restart('extension activated');
  return {
    onDidStartServer: server.onDidStart,
    get currentServer() {
      return server.current;
    },
  };
}

/** Applies every safe fix to the active Python file, through the server's own fix-all command. */
async function fixAllInActiveEditor(server: LooplintServer): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const client = server.runningClient;
  if (document === undefined || document.languageId !== 'python') {
    void vscode.window.showInformationMessage('looplint: open a Python file to fix.');
    return;
  }
  if (client === undefined) {
    void vscode.window.showWarningMessage('looplint: the server is not running; see looplint: Show Logs.');
    return;
  }
  await client.sendRequest(ExecuteCommandRequest.type, {
    command: SERVER_FIX_ALL_COMMAND,
    arguments: [client.code2ProtocolConverter.asUri(document.uri)],
  });
}
