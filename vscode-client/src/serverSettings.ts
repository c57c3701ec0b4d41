/**
 * The settings the looplint server understands, built from the `looplint.*` configuration.
 *
 * The server receives them twice: as `initializationOptions` when it starts, and whenever it
 * asks for the `looplint` configuration section. Both go through `toServerSettings` so the server
 * sees one shape. Empty lists and maps are left out: "not set here" lets `[tool.looplint]` in the
 * project's pyproject.toml decide instead of overriding it with nothing.
 */

/** The part of `vscode.WorkspaceConfiguration` this module reads (a plain object in unit tests). */
export interface ConfigurationReader {
  get<T>(key: string): T | undefined;
}

export type LogLevel = 'error' | 'warning' | 'info' | 'debug';

export interface ServerSettings {
  enable: boolean;
  logLevel: LogLevel;
  select?: string[];
  ignore?: string[];
  severity?: Record<string, string>;
  extendLoopStarters?: string[];
  exclude?: string[];
  syntaxErrors?: boolean;
  maxFileSizeMb?: number;
}

/** One entry of `initializationOptions.settings`: the settings of one workspace folder. */
export interface WorkspaceFolderSettings extends ServerSettings {
  workspace: string;
}

export interface InitializationOptions {
  settings: WorkspaceFolderSettings[];
  globalSettings: ServerSettings;
}

const LOG_LEVELS: readonly LogLevel[] = ['error', 'warning', 'info', 'debug'];

/** Maps the `looplint` configuration section to the server's settings. */
export function toServerSettings(config: ConfigurationReader): ServerSettings {
  const settings: ServerSettings = {
    enable: config.get<boolean>('enable') !== false,
    logLevel: oneOf(config.get<string>('logLevel'), LOG_LEVELS, 'warning'),
  };
  const lists = ['select', 'ignore', 'extendLoopStarters', 'exclude'] as const;
  for (const key of lists) {
    const values = stringList(config.get<unknown>(key));
    if (values.length > 0) {
      settings[key] = values;
    }
  }
  const severity = severityMap(config.get<unknown>('severity'));
  if (Object.keys(severity).length > 0) {
    settings.severity = severity;
  }
  if (config.get<unknown>('syntaxErrors') === true) {
    settings.syntaxErrors = true;
  }
  const maxFileSizeMb = config.get<unknown>('maxFileSizeMb');
  if (typeof maxFileSizeMb === 'number' && maxFileSizeMb > 0) {
    settings.maxFileSizeMb = maxFileSizeMb;
  }
  return settings;
}

/** Builds `{settings, globalSettings}`: one entry per workspace folder, plus the user-wide defaults. */
export function toInitializationOptions(
  folders: readonly { uri: string; config: ConfigurationReader }[],
  globalConfig: ConfigurationReader,
): InitializationOptions {
  return {
    settings: folders.map((folder) => ({ workspace: folder.uri, ...toServerSettings(folder.config) })),
    globalSettings: toServerSettings(globalConfig),
  };
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

/**
 * Keeps the string-valued entries. Unknown levels are passed on on purpose: the server validates
 * them and reports one message naming the setting, which says more than a silent drop here.
 */
function severityMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return result;
  }
  for (const [code, level] of Object.entries(value)) {
    if (typeof level === 'string') {
      result[code.trim()] = level;
    }
  }
  return result;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}
