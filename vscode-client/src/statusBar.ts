/**
 * The status bar item that shows whether the looplint server runs, and why not when it does not.
 * Clicking it opens the logs, where every decision the extension made is written down.
 */
import * as vscode from 'vscode';

export type ServerState =
  | { kind: 'starting' }
  | { kind: 'running'; detail: string }
  | { kind: 'disabled' }
  | { kind: 'failed'; reason: string };

export class ServerStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(showLogsCommand: string) {
    this.item = vscode.window.createStatusBarItem('looplint.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'looplint';
    this.item.command = showLogsCommand;
  }

  show(state: ServerState): void {
    this.item.backgroundColor = undefined;
    switch (state.kind) {
      case 'starting':
        this.item.text = '$(sync~spin) looplint';
        this.item.tooltip = 'looplint: starting the server';
        break;
      case 'running':
        this.item.text = '$(check) looplint';
        this.item.tooltip = `looplint: running (${state.detail})`;
        break;
      case 'disabled':
        this.item.text = '$(circle-slash) looplint';
        this.item.tooltip = 'looplint: disabled by the looplint.enable setting';
        break;
      case 'failed':
        this.item.text = '$(error) looplint';
        this.item.tooltip = `looplint: not running. ${state.reason} Click for the logs.`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
