/**
 * API Gateway's limit on the request line and header values together (10240 bytes, an HTTP API
 * quota that cannot be raised). Node accepts up to 16 KiB, so without this check the stand-in
 * would take requests the deployed API never passes on, e.g. a 12 KB Cookie header.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_HEADER_BYTES = 10240;

/** The header that pushes the request over the limit (the largest), or undefined within it. */
export const oversizedHeader = (req: IncomingMessage, target: string, limit = MAX_HEADER_BYTES) => {
  let total = Buffer.byteLength(`${req.method ?? ''} ${target} HTTP/${req.httpVersion}`);
  let largest = { name: '', bytes: -1 };
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    const bytes = Buffer.byteLength(req.rawHeaders[i + 1] ?? '');
    total += bytes;
    if (bytes > largest.bytes) largest = { name, bytes };
  }
  return total > limit ? { name: largest.name, total } : undefined;
};
