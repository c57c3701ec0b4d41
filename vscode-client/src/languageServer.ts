/**
 * The looplint language server's lifecycle: choose and check the interpreter, start the client
 * with the settings of every workspace folder, stop it, and restart it one change at a time.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  State,
  StreamInfo,
} from 'vscode-languageclient/node';
import { chooseInterpreter, describeSource, InterpreterChoice, remedyFor } from './interpreter';
import { activeInterpreter } from './pythonExtension';
import { interpreterProblem, isUsable, probeInterpreter } from './pythonProbe';
import { ImportStrategy, LaunchPlan, planLaunch } from './serverLaunch';
import { toInitializationOptions, toServerSettings } from './serverSettings';
import { ServerStatusItem } from './statusBar';

export const CLIENT_ID = 'looplint';
const CONFIG_SECTION = 'looplint';
const RESTART_DELAY_MS = 250;
/** The folder of the extension's global storage that holds the bundled server's bytecode. */
const BYTECODE_FOLDER = 'bytecode';
/** How long a stopped server may take to exit before it is killed. */
const EXIT_GRACE_MS = 2_000;

/** What the running server was started with (shown in the status bar, returned by the extension's API). */
export interface ServerStart {
  interpreter: string;
  interpreterSource: InterpreterChoice['source'];
  pythonVersion: string;
  copy: LaunchPlan['copy'];
  startedAt: Date;
}

export class LooplintServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private serverProcess: ChildProcess | undefined;
  private lifecycle: Promise<void> = Promise.resolve();
  private pendingRestart: NodeJS.Timeout | undefined;
  private lastProblemShown: string | undefined;
  private readonly started = new vscode.EventEmitter<ServerStart>();
  /** Fires each time a server has started and finished its initialize handshake. */
  readonly onDidStart = this.started.event;
  current: ServerStart | undefined;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly status: ServerStatusItem,
  ) {}

  /** The running client, if any, for requests such as the fix-all command. */
  get runningClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** Stops the server (if any) and starts a new one; overlapping calls run one after the other. */
  restart(reason: string): Promise<void> {
    this.lifecycle = this.lifecycle
      .then(() => this.stop())
      .then(() => this.start(reason))
      .catch((error: unknown) => this.fail(`could not start the server: ${String(error)}`));
    return this.lifecycle;
  }

  /** Restarts after a short pause, so that a burst of setting changes causes one restart. */
  scheduleRestart(reason: string): void {
    clearTimeout(this.pendingRestart);
    this.pendingRestart = setTimeout(() => void this.restart(reason), RESTART_DELAY_MS);
  }

  async dispose(): Promise<void> {
    clearTimeout(this.pendingRestart);
    this.started.dispose();
    await this.stop();
  }

  log(message: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] ${message}`);
  }

  private async start(reason: string): Promise<void> {
    const scope = vscode.workspace.workspaceFolders?.[0]?.uri;
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
    this.log(`starting the server (${reason})`);
    if (!config.get<boolean>('enable', true)) {
      this.log('looplint.enable is false: not starting the server');
      this.status.show({ kind: 'disabled' });
      return;
    }
    this.status.show({ kind: 'starting' });

    const choice = await this.chooseInterpreter(config, scope);
    this.log(`interpreter: ${choice.path} (from ${describeSource(choice.source)})`);
    const probe = await probeInterpreter(choice.path, this.extension.extensionPath);
    if (!isUsable(probe)) {
      this.fail(interpreterProblem(choice.path, probe), choice);
      return;
    }
    const pythonVersion = probe.version.join('.');
    this.log(`${probe.executable} is Python ${pythonVersion}; looplint installed there: ${probe.looplintVersion ?? 'no'}`);

    const plan = planLaunch({
      interpreter: choice.path,
      importStrategy: config.get<ImportStrategy>('importStrategy', 'useBundled'),
      extraArgs: config.get<string[]>('args', []),
      environmentLooplint: probe.looplintVersion,
      extensionDir: this.extension.extensionPath,
      bundledLibs: this.extension.asAbsolutePath('bundled/libs'),
      bytecodeCache: vscode.Uri.joinPath(this.extension.globalStorageUri, BYTECODE_FOLDER).fsPath,
      env: process.env,
    });
    if (plan.note) {
      this.log(plan.note);
    }
    this.log(`running: ${plan.command} ${plan.args.join(' ')} (looplint from the ${plan.copy} copy)`);

    const client = new LanguageClient(CLIENT_ID, 'looplint', () => this.spawnServer(plan), this.clientOptions());
    client.onDidChangeState((change) => {
      if (change.newState === State.Stopped && this.client === client) {
        this.status.show({ kind: 'failed', reason: 'The server stopped.' });
      }
    });
    this.client = client;
    await client.start();
    this.lastProblemShown = undefined;
    this.current = {
      interpreter: probe.executable,
      interpreterSource: choice.source,
      pythonVersion,
      copy: plan.copy,
      startedAt: new Date(),
    };
    const serverVersion = client.initializeResult?.serverInfo?.version ?? 'unknown version';
    this.status.show({
      kind: 'running',
      detail: `looplint ${serverVersion} on Python ${pythonVersion}, ${plan.copy} copy`,
    });
    this.log('server running');
    this.started.fire(this.current);
  }

  private async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.current = undefined;
    if (client === undefined) {
      return;
    }
    const serverProcess = this.serverProcess;
    try {
      await client.stop();
    } catch (error) {
      this.log(`stopping the server failed: ${String(error)}`);
    }
    if (serverProcess !== undefined && serverProcess.exitCode === null && serverProcess.signalCode === null) {
      setTimeout(() => serverProcess.exitCode === null && serverProcess.kill(), EXIT_GRACE_MS).unref();
    }
  }

  /**
   * Starts `looplint server` and gives the client only its pipes. vscode-languageclient 9 logs
   * every exit of a process it started as an error, even the clean exit (code 0) that its own
   * shutdown asks for on each restart; starting the process here keeps a clean stop quiet and
   * still reports a crash. The server's stderr goes to the output channel, as the client's would.
   */
  private spawnServer(plan: LaunchPlan): Promise<StreamInfo> {
    return new Promise((resolve, reject) => {
      const child = spawn(plan.command, plan.args, { cwd: plan.cwd, env: plan.env, stdio: 'pipe' });
      child.once('error', reject);
      child.once('spawn', () => {
        this.serverProcess = child;
        child.stderr.on('data', (data: Buffer) => this.output.append(data.toString()));
        child.on('exit', (code, signal) => {
          if (code !== 0) {
            this.log(`the server exited with ${signal === null ? `code ${code}` : `signal ${signal}`}`);
          }
        });
        resolve({ reader: child.stdout, writer: child.stdin });
      });
    });
  }

  private async chooseInterpreter(
    config: vscode.WorkspaceConfiguration,
    scope: vscode.Uri | undefined,
  ): Promise<InterpreterChoice> {
    const configured = config.get<string>('interpreter', '');
    let pythonExtension: string | undefined;
    if (configured.trim() === '') {
      try {
        pythonExtension = await activeInterpreter(scope);
      } catch (error) {
        this.log(`the Python extension did not answer (${String(error)}); ignoring it`);
      }
    }
    return chooseInterpreter({ configured, pythonExtension, workspaceFolder: scope?.fsPath });
  }

  private clientOptions(): LanguageClientOptions {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      uri: folder.uri.toString(),
      config: vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri),
    }));
    return {
      documentSelector: [
        { scheme: 'file', language: 'python' },
        { scheme: 'untitled', language: 'python' },
        { notebook: 'jupyter-notebook', language: 'python' },
        { notebook: 'interactive', language: 'python' },
      ],
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: toInitializationOptions(folders, vscode.workspace.getConfiguration(CONFIG_SECTION)),
      middleware: {
        workspace: {
          // The server pulls the `looplint` section; answer in the same shape as initializationOptions.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) {
              return answers;
            }
            return params.items.map((item, index) =>
              item.section === CONFIG_SECTION
                ? toServerSettings(
                    vscode.workspace.getConfiguration(
                      CONFIG_SECTION,
                      item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined,
                    ),
                  )
                : answers[index],
            );
          },
        },
      },
    };
  }

  /** Shows why the server is not running: in the log always, as a notification once per distinct reason. */
  private fail(problem: string, choice?: InterpreterChoice): void {
    this.log(problem);
    this.status.show({ kind: 'failed', reason: problem });
    if (problem === this.lastProblemShown) {
      return;
    }
    this.lastProblemShown = problem;
    const remedy = choice === undefined ? 'See the looplint logs for details.' : remedyFor(choice.source);
    void vscode.window.showErrorMessage(`${problem} ${remedy}`, 'Open Settings', 'Show Logs').then((picked) => {
      if (picked === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'looplint.interpreter');
      } else if (picked === 'Show Logs') {
        this.output.show();
      }
    });
  }
}
