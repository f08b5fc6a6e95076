/** Exit codes of the CLI (issue 2): 0 done, 1 done with data issues reported, 2 unusable input. */
export const EXIT = { done: 0, doneWithIssues: 1, unusable: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where the CLI speaks; tests capture it. */
export interface Output {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleOutput: Output = {
  info: (m) => process.stdout.write(`${m}\n`),
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m) => process.stderr.write(`error: ${m}\n`),
};
