import path from 'node:path';

/**
 * What the content tools found wrong in a source: the file and line, what is wrong and what to do.
 * Content writers read these, so each says both, in plain words.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** A stable name of the check, e.g. `translation-missing`; machine-readable output keys on it. */
  rule: string;
  severity: Severity;
  /** Absolute path of the file the problem is in. */
  file: string;
  /** 1-based line, when the problem is at a place in a text file. */
  line?: number;
  message: string;
  fix: string;
}

/** Thrown when sources cannot be read at all (bad YAML, a missing file): every problem found so far. */
export class SourceError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => formatProblem(p)).join('\n'));
  }
}

/** `file:line: error [rule] message. What to do: fix` with the file relative to `root`. */
export function formatProblem(problem: Problem, root = process.cwd()): string {
  const where = `${path.relative(root, problem.file) || problem.file}${problem.line ? `:${problem.line}` : ''}`;
  return `${where}: ${problem.severity} [${problem.rule}] ${problem.message}. What to do: ${problem.fix}`;
}

export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  return {
    error: problems.filter((p) => p.severity === 'error').length,
    warning: problems.filter((p) => p.severity === 'warning').length,
  };
}
