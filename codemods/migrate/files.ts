import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const TYPESCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];
const JAVASCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx'];
/** Build output and dependencies: never migrated, even when not ignored by git. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.turbo']);

export interface FileSelection {
  readonly allowJs: boolean;
  /** Folders to leave out besides the usual ones (the tsconfig's outDir). */
  readonly outDirs: readonly string[];
}

/**
 * The files to migrate under the given paths: TypeScript sources (and JavaScript where the
 * tsconfig allows it), without node_modules, build output, or what .gitignore ignores. A file
 * named explicitly is taken as it is (its extension still has to fit).
 */
export function collectFiles(paths: readonly string[], selection: FileSelection): string[] {
  const extensions = selection.allowJs ? [...TYPESCRIPT_EXTENSIONS, ...JAVASCRIPT_EXTENSIONS] : TYPESCRIPT_EXTENSIONS;
  const outDirs = selection.outDirs.map((dir) => path.resolve(dir) + path.sep);
  const wanted = (file: string): boolean => {
    const absolute = path.resolve(file);
    if (!extensions.includes(path.extname(file).toLowerCase()) || file.endsWith('.d.ts')) return false;
    if (outDirs.some((dir) => absolute.startsWith(dir))) return false;
    return !absolute.split(path.sep).some((part) => SKIPPED_FOLDERS.has(part));
  };
  const files = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    const stat = fs.lstatSync(absolute, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${given}: no such file or folder`);
    if (!stat.isDirectory()) {
      if (extensions.includes(path.extname(absolute).toLowerCase())) files.add(absolute);
      continue;
    }
    for (const file of gitFiles(absolute) ?? walk(absolute)) if (wanted(file)) files.add(file);
  }
  return [...files].sort();
}

/** Tracked and untracked-but-not-ignored files, when the folder is in a git work tree. */
function gitFiles(folder: string): string[] | undefined {
  try {
    const output = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return output
      .split('\0')
      .filter(Boolean)
      .map((file) => path.join(folder, file))
      .filter((file) => fs.existsSync(file) || fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined);
  } catch {
    return undefined;
  }
}

function walk(folder: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) files.push(...walk(full));
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      // Symbolic links are listed so that the run can say it did not follow them.
      files.push(full);
    }
  }
  return files;
}

/**
 * Uncommitted changes under the paths, each path asked in its own folder (the paths may sit in
 * different work trees, or some in none); undefined when none is in a git work tree.
 */
export function uncommittedChanges(paths: readonly string[]): string[] | undefined {
  let changes: string[] | undefined;
  for (const given of paths) {
    const absolute = path.resolve(given);
    const cwd = fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
    let output: string;
    try {
      execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd, stdio: 'ignore' });
      output = execFileSync('git', ['status', '--porcelain', '--', absolute], { cwd, encoding: 'utf8' });
    } catch {
      continue;
    }
    changes = [...(changes ?? []), ...output.split('\n').filter(Boolean)];
  }
  return changes;
}
