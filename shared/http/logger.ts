/**
 * Structured logs: one JSON object per line. Deployed, the functions use Lambda's native JSON log
 * format, which adds the timestamp, level and request id to every line at no bundle cost (the
 * Powertools Logger added about 20 KiB to every function). Never log request bodies, emails, IPs
 * or tokens.
 */
type Fields = Record<string, unknown>;

const serialise = (value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;

const write = (level: 'ERROR' | 'WARN' | 'INFO', message: string, fields: Fields): void => {
  const entry = {
    level,
    service: process.env.SERVICE_NAME ?? 'parley',
    message,
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, serialise(v)])),
  };
  (level === 'ERROR' ? console.error : level === 'WARN' ? console.warn : console.info)(JSON.stringify(entry));
};

export const logger = {
  error: (message: string, fields: Fields = {}) => write('ERROR', message, fields),
  warn: (message: string, fields: Fields = {}) => write('WARN', message, fields),
  info: (message: string, fields: Fields = {}) => write('INFO', message, fields),
};
