import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationReader, toInitializationOptions, toServerSettings } from '../../src/serverSettings';

/** A configuration section as VS Code returns it: every key present, defaults where unset. */
function section(values: Record<string, unknown>): ConfigurationReader {
  const defaults: Record<string, unknown> = {
    enable: true,
    interpreter: '',
    importStrategy: 'useBundled',
    args: [],
    logLevel: 'warning',
    select: [],
    ignore: [],
    severity: {},
    extendLoopStarters: [],
    exclude: [],
    syntaxErrors: false,
    maxFileSizeMb: null,
  };
  const merged = { ...defaults, ...values };
  return { get: <T>(key: string) => merged[key] as T | undefined };
}

describe('toServerSettings', () => {
  it('sends only enable and logLevel when nothing else is set, so pyproject.toml decides', () => {
    assert.deepEqual(toServerSettings(section({})), { enable: true, logLevel: 'warning' });
  });

  it('passes rule selection, severities, loop starters and excludes under the server key names', () => {
    const settings = toServerSettings(
      section({
        select: ['LOOP1'],
        ignore: ['LOOP102'],
        severity: { LOOP101: 'warning' },
        extendLoopStarters: ['myproj.run_sync'],
        exclude: ['build/'],
      }),
    );
    assert.deepEqual(settings, {
      enable: true,
      logLevel: 'warning',
      select: ['LOOP1'],
      ignore: ['LOOP102'],
      severity: { LOOP101: 'warning' },
      extendLoopStarters: ['myproj.run_sync'],
      exclude: ['build/'],
    });
  });

  it('sends syntaxErrors only when turned on, and a positive size limit', () => {
    assert.deepEqual(toServerSettings(section({ syntaxErrors: true, maxFileSizeMb: 5 })), {
      enable: true,
      logLevel: 'warning',
      syntaxErrors: true,
      maxFileSizeMb: 5,
    });
    assert.deepEqual(toServerSettings(section({ maxFileSizeMb: 0 })), { enable: true, logLevel: 'warning' });
  });

  it('does not send extension-only settings to the server', () => {
    const settings = toServerSettings(section({ interpreter: '/usr/bin/python3', args: ['--log-file', 'x'] }));
    assert.deepEqual(Object.keys(settings).sort(), ['enable', 'logLevel']);
  });

  it('drops blank and non-string list entries', () => {
    assert.deepEqual(toServerSettings(section({ select: ['LOOP101', '', 7, ' '] })).select, ['LOOP101']);
  });

  it('passes an unknown severity level on for the server to report', () => {
    assert.deepEqual(toServerSettings(section({ severity: { LOOP102: 'loud' } })).severity, { LOOP102: 'loud' });
  });

  it('replaces an unknown log level with the default', () => {
    assert.equal(toServerSettings(section({ logLevel: 'chatty' })).logLevel, 'warning');
  });

  it('reports enable: false', () => {
    assert.equal(toServerSettings(section({ enable: false })).enable, false);
  });
});

describe('toInitializationOptions', () => {
  it('sends one settings entry per workspace folder and the global settings', () => {
    const options = toInitializationOptions(
      [
        { uri: 'file:///a', config: section({ ignore: ['LOOP402'] }) },
        { uri: 'file:///b', config: section({}) },
      ],
      section({ logLevel: 'debug' }),
    );
    assert.deepEqual(options, {
      settings: [
        { workspace: 'file:///a', enable: true, logLevel: 'warning', ignore: ['LOOP402'] },
        { workspace: 'file:///b', enable: true, logLevel: 'warning' },
      ],
      globalSettings: { enable: true, logLevel: 'debug' },
    });
  });
});
