// graphql-yoga's own log lines (its warnings, request errors it logs) written through the gateway's logger, so
// they are structured and scrubbed like every other line.
import type { Logger } from '../logger';

export interface YogaLogging {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function yogaLogging(logger: Logger): YogaLogging {
  return {
    debug: (...args) => logger.debug(args.map(String).join(' ')),
    info: (...args) => logger.info(args.map(String).join(' ')),
    warn: (...args) => logger.warn(args.map(String).join(' ')),
    error: (...args) => logger.error(args.map(String).join(' ')),
  };
}
