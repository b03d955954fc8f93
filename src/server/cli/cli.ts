import type { RequestContext } from '../core/actor.js';

/** The context of a command-line write: no actor (the system), tagged in the audit row's request id. */
export const cliContext = (command: string): RequestContext => ({ actor: null, ip: null, requestId: `cli:${command}` });

/** A database URL with its password masked, for printing. */
export const redactUrl = (url: string) => url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');

/**
 * Runs a CLI body that prints through `out` and returns its exit code; any error prints one Chinese
 * line (plus the message) on stderr and exits 1.
 */
const out = (line: string) => void process.stdout.write(`${line}\n`);

export function runCli(body: (out: (line: string) => void) => Promise<number>) {
  body(out).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const details = (
        err as { details?: { errors?: { sheet?: string; row?: number; column?: string; message: string }[] } }
      )?.details;
      process.stderr.write(`失败 / failed: ${err instanceof Error ? err.message : String(err)}\n`);
      for (const e of details?.errors ?? [])
        process.stderr.write(
          `  工作表“${e.sheet ?? ''}”第 ${e.row ?? '?'} 行${e.column ? `“${e.column}”列` : ''}：${e.message}\n`,
        );
      process.exit(1);
    },
  );
}
