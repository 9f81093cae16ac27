import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ESLint } from 'eslint';

import { type Configuration, ConfigurationError, EMPTY_CONFIGURATION, parseConfiguration } from '../../analysis/configuration.js';
import { InputError } from './source.js';

/** A file's configuration, and where it came from (`settings.disposable of eslint.config.js`), for the preflight. */
export interface FileConfiguration {
  readonly configuration: Configuration;
  readonly source: string;
}

/**
 * The configuration of a file: the `--settings <file.json>` given, or else `settings.disposable`
 * of the ESLint config that ESLint itself uses for the file, so that the codemod and
 * `eslint --fix` see the same resources. Throws an InputError naming the wrong key.
 */
export async function configurationFor(filePath: string, settingsFile: string | undefined): Promise<FileConfiguration> {
  if (settingsFile !== undefined) return { configuration: readSettingsFile(settingsFile), source: `--settings ${settingsFile}` };
  return configurationFromEslint(filePath);
}

const settingsFiles = new Map<string, Configuration>();

/** `--settings <file.json>`: JSON holding what `settings.disposable` would hold in an ESLint config. */
export function readSettingsFile(file: string): Configuration {
  const absolute = path.resolve(file);
  const cached = settingsFiles.get(absolute);
  if (cached) return cached;
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(absolute, 'utf8'));
  } catch (error) {
    throw new InputError(`--settings ${file}: ${(error as Error).message}`);
  }
  const configuration = parsed(value, `--settings ${file}`);
  settingsFiles.set(absolute, configuration);
  return configuration;
}

let eslint: Promise<ESLint | undefined> | undefined;
/** Per `settings.disposable` object: ESLint computes one config object per set of matching blocks. */
const parsedSettings = new WeakMap<object, Configuration>();

/**
 * ESLint 10 looks the config up from the file's folder (ESLint 9 from the working directory, as
 * its own CLI does) and caches it per config file. A file no config covers, or one its config
 * ignores or leaves outside its `files`, gets the defaults.
 */
async function configurationFromEslint(filePath: string): Promise<FileConfiguration> {
  const absolute = path.resolve(filePath);
  // Without ESLint installed there is no ESLint config either, as for a project without one.
  eslint ??= import('eslint').then(
    ({ ESLint: ESLintClass }) => new ESLintClass({ cwd: process.cwd() }),
    (error: unknown) => {
      if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
      throw error;
    },
  );
  let configFile: string | undefined;
  let config: { settings?: Record<string, unknown> } | undefined;
  try {
    const instance = await eslint;
    if (!instance) return { configuration: EMPTY_CONFIGURATION, source: 'ESLint is not installed' };
    configFile = await instance.findConfigFile(absolute);
    if (configFile === undefined) return { configuration: EMPTY_CONFIGURATION, source: 'no ESLint config found' };
    // ESLint ignores `**/node_modules/` by default, so the answer is known without loading the
    // config, which costs a worker about a second (a vendored tree under node_modules, a cache).
    if (path.relative(path.dirname(configFile), absolute).split(path.sep).includes('node_modules')) {
      return { configuration: EMPTY_CONFIGURATION, source: `ignored by ${relative(configFile)} (node_modules)` };
    }
    config = (await instance.calculateConfigForFile(absolute)) as typeof config;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw new InputError(`cannot read the ESLint config for ${relative(absolute)}: ${message}; fix it, or pass --settings <file.json>`);
  }
  const where = relative(configFile);
  if (!config) return { configuration: EMPTY_CONFIGURATION, source: `ignored by ${where}` };
  const value = config.settings?.['disposable'];
  if (value === undefined) return { configuration: EMPTY_CONFIGURATION, source: `${where}, without settings.disposable` };
  let configuration = typeof value === 'object' && value !== null ? parsedSettings.get(value) : undefined;
  if (!configuration) {
    configuration = parsed(value, where);
    if (typeof value === 'object' && value !== null) parsedSettings.set(value, configuration);
  }
  return { configuration, source: `settings.disposable of ${where}` };
}

function parsed(value: unknown, source: string): Configuration {
  try {
    return parseConfiguration(value, 'settings.disposable');
  } catch (error) {
    if (error instanceof ConfigurationError) throw new InputError(`${source}: ${error.message}`);
    throw error;
  }
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
