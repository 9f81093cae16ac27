import type { Configuration } from '../../analysis/configuration.js';
import { configurationFor } from '../shared/settings.js';
import type { Check } from './preflight.js';

export interface RunSettings {
  readonly byFile: ReadonlyMap<string, Configuration>;
  /** One preflight line per source of settings, with how many files it configures. */
  readonly checks: readonly Check[];
}

/**
 * Every file's configuration, looked up before anything is written: a wrong key then stops the
 * whole run (the InputError `configurationFor` throws) instead of failing file after file.
 */
export async function resolveSettings(files: readonly string[], settingsFile: string | undefined): Promise<RunSettings> {
  const byFile = new Map<string, Configuration>();
  const bySource = new Map<string, number>();
  for (const file of files) {
    const { configuration, source } = await configurationFor(file, settingsFile);
    byFile.set(file, configuration);
    const line = `${source} (${describe(configuration)})`;
    bySource.set(line, (bySource.get(line) ?? 0) + 1);
  }
  const checks = [...bySource].map(([line, count]) => ({ ok: true, message: `settings for ${String(count)} file(s): ${line}` }));
  return { byFile, checks };
}

function describe(configuration: Configuration): string {
  const lists = Object.entries(configuration).filter(([, list]) => (list as readonly unknown[]).length > 0);
  if (lists.length === 0) return 'the built-in defaults';
  return `${lists.map(([key, list]) => `${key}: ${String((list as readonly unknown[]).length)}`).join(', ')}, on top of the built-in defaults`;
}
