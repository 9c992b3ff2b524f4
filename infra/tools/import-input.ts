/**
 * Opens an export file for the importer: plain, gzip (by its magic bytes) or a Google Takeout zip,
 * whose Blogger `feed.atom` is streamed out of the archive. Zip entries under `__MACOSX/` are
 * ignored and any entry whose path escapes the archive (`..`, absolute) refuses the whole file.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';

const magic = async (file: string): Promise<Buffer> => {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer;
  } finally {
    await handle.close();
  }
};

export const escapesArchive = (name: string): boolean =>
  name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..');

/** The stream of the archive's first `feed.atom` (Takeout: Takeout/Blogger/Blogs/<blog>/feed.atom). */
const feedFromZip = (file: string): Promise<Readable> =>
  new Promise((resolve, reject) => {
    // autoClose off: the archive must stay open after its listing ends, until the feed is read.
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('Cannot open the zip'));
      let found: yauzl.Entry | undefined;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (escapesArchive(entry.fileName)) {
          zip.close();
          return reject(new Error(`Refusing the zip: entry "${entry.fileName}" escapes the archive`));
        }
        if (!entry.fileName.startsWith('__MACOSX/') && path.posix.basename(entry.fileName) === 'feed.atom')
          found ??= entry;
        zip.readEntry();
      });
      zip.on('end', () => {
        if (!found) return reject(new Error('No feed.atom in this zip (expected a Blogger Takeout archive)'));
        zip.openReadStream(found, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          stream.on('close', () => zip.close());
          resolve(stream);
        });
      });
      // yauzl itself refuses absolute and `..` paths before emitting them.
      zip.on('error', (zipError: Error) => reject(new Error(`Refusing the zip: ${zipError.message}`)));
      zip.readEntry();
    });
  });

/** A fresh stream of the file's text each call (Blogger is read once; detection reads the start). */
export const openText = async (file: string): Promise<Readable> => {
  const head = await magic(file);
  let stream: Readable;
  if (head[0] === 0x1f && head[1] === 0x8b) stream = createReadStream(file).pipe(createGunzip());
  else if (head.toString('latin1') === 'PK\u0003\u0004') stream = await feedFromZip(file);
  else stream = createReadStream(file);
  stream.setEncoding('utf8');
  return stream;
};

/** The first `bytes` characters of the file's text, for format detection. */
export const sniff = async (file: string, chars = 65536): Promise<string> => {
  const stream = await openText(file);
  let text = '';
  for await (const chunk of stream) {
    text += chunk as string;
    if (text.length >= chars) break;
  }
  stream.destroy();
  return text;
};

export const readAllText = async (file: string): Promise<string> => {
  let text = '';
  for await (const chunk of await openText(file)) text += chunk as string;
  return text;
};
