/** The request body, read up to API Gateway's payload limit; past it the caller answers 413. */
import type { IncomingMessage } from 'node:http';

/** API Gateway's payload limit. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export const readBody = (req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> =>
  new Promise((resolve, reject) => {
    // A declared length over the limit is refused before a byte is read, as API Gateway does.
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on('error', reject);
  });
