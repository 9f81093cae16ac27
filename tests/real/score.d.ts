// Types of score.js for the vitest test (the repository's tsconfig has no allowJs).
export interface Site {
  file: string;
  line: number;
  rule: string;
  text: string;
  hash: string;
}
export interface Report extends Site {
  column: number;
  messageId: string;
  message: string;
}
export interface Label extends Site {
  code: 'production' | 'test';
  reported: boolean;
  verdict: 'leak' | 'released' | 'handed-off' | 'not-a-resource' | 'valid' | 'noise';
  pattern?: string;
  note: string;
}
export interface ScoreRow {
  repo: string;
  code: 'production' | 'test';
  rule: string;
  reports: number;
  tp: number;
  fp: number;
  fn: number | undefined;
  unlabeled: number;
  precision: number | undefined;
  recall: number | undefined;
}
export interface RepositoryResult {
  name: string;
  files: number;
  fatal: string[];
  reports: Report[];
  labels: Label[];
  millis: number;
  rows: ScoreRow[];
  unlabeled: Report[];
  falsePositives: { report: Report; label: Label }[];
  falseNegatives: Label[];
  unmatchedLabels: Label[];
}
export const LINE_WINDOW: number;
export const REPOSITORY_NAMES: string[];
export function loadLabels(name: string): Label[];
export function matchReports(
  reports: readonly Report[],
  labels: readonly Label[],
): { pairs: { report: Report; label: Label }[]; unlabeled: Report[]; unmatchedLabels: Label[] };
export function score(
  repoName: string,
  reports: readonly Report[],
  labels: readonly Label[],
): Pick<RepositoryResult, 'rows' | 'unlabeled' | 'falsePositives' | 'falseNegatives' | 'unmatchedLabels'>;
export function runRepository(name: string, options?: { log?: (line: string) => void }): Promise<RepositoryResult | { name: string; missing: string }>;
export function totalRows(rows: readonly ScoreRow[]): ScoreRow[];
export function formatTable(rows: readonly ScoreRow[]): string;
