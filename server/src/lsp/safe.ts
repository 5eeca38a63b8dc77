// A handler that throws must never take the server down: the error goes to the client's
// output channel and the request gets an empty answer.

import type { Connection } from 'vscode-languageserver/node';

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export function safe<A extends unknown[], R>(
  connection: Connection,
  name: string,
  fallback: R,
  fn: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      connection.console.error(`${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}

/** For notifications and timers: log and go on. */
export function guard<A extends unknown[]>(
  connection: Connection,
  name: string,
  fn: (...args: A) => void | Promise<void>,
): (...args: A) => void {
  return (...args: A) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch((e) => connection.console.error(`${name} failed: ${describeError(e)}`));
    } catch (e) {
      connection.console.error(`${name} failed: ${describeError(e)}`);
    }
  };
}
