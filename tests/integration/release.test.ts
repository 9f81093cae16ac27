// The release habit (docs/releasing.md) leaves CHANGELOG.md in a shape that can be checked: an
// `## Unreleased` section on top, then released versions, newest first, each with its date and
// link, the newest one being package.json's version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT } from './support.js';

const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
const releasing = readFileSync(join(ROOT, 'docs', 'releasing.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

const sections = [...changelog.matchAll(/^## (.*)$/gm)].map((match) => match[1] ?? '');
const RELEASED = /^\[(\d+\.\d+\.\d+(?:-[\w.]+)?)\] - (\d{4}-\d{2}-\d{2})$/;

function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = a.split('-', 2);
  const [coreB = '', preB] = b.split('-', 2);
  const partsA = coreA.split('.').map(Number);
  const partsB = coreB.split('.').map(Number);
  for (let index = 0; index < 3; index++) {
    const difference = (partsA[index] ?? 0) - (partsB[index] ?? 0);
    if (difference !== 0) return difference;
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA.localeCompare(preB, 'en', { numeric: true });
}

describe('CHANGELOG.md follows docs/releasing.md', () => {
  it('opens with an `## Unreleased` section', () => {
    expect(sections[0]).toBe('Unreleased');
    expect(sections.filter((section) => section === 'Unreleased')).toHaveLength(1);
  });

  it('has only `## [X.Y.Z] - YYYY-MM-DD` sections after it, newest first, each with its link', () => {
    const released = sections.slice(1);
    for (const section of released) expect(section).toMatch(RELEASED);
    const versions = released.map((section) => RELEASED.exec(section)?.[1] ?? '');
    expect([...versions].sort((a, b) => compareVersions(b, a))).toEqual(versions);
    for (const version of versions) expect(changelog).toMatch(new RegExp(`^\\[${version.replace(/\./g, '\\.')}\\]: https://`, 'm'));
  });

  it('names package.json’s version as the newest release, once there is one', () => {
    const newest = RELEASED.exec(sections[1] ?? '')?.[1];
    if (newest !== undefined) expect(packageJson.version).toBe(newest);
    else expect(changelog).toContain('Nothing has been released yet.');
  });

  it('points at docs/releasing.md, whose npm scripts exist', () => {
    expect(changelog).toContain('(docs/releasing.md)');
    expect(releasing).toContain('npm pack --dry-run');
    for (const [, script] of releasing.matchAll(/npm run (\w[\w:-]*)/g)) expect(packageJson.scripts).toHaveProperty(script ?? '');
    expect(packageJson.scripts).toHaveProperty('test');
    expect(packageJson.scripts).toHaveProperty('prepare');
  });
});
