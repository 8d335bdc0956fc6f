// Structured JSON logs (pino) with secrets censored by path and, for free text, by pattern.
import { pino, type DestinationStream, type Logger } from 'pino';
import { REDACT_PATHS, redactText } from './redact';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Extra literal secrets (API key, webhook secret) scrubbed from every message. */
  secrets?: readonly string[];
  /** Tests capture logs by passing a stream. */
  destination?: DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const secrets = opts.secrets ?? [];
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: {
        // Messages are free text (upstream error messages can echo input): scrub them too.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactText(a, secrets) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination,
  );
}
