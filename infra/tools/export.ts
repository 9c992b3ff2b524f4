/**
 * `npm run export -- [--out FILE] [--public] [--deployed]`: every post, comment (status, parent,
 * dates, moderation history) and lock as Parley's export JSON (docs/export-format.md). `--public`
 * leaves out everything personal and every comment that is not public.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildExport, serializeExport } from '../../shared/migration/parley-export';
import { readEverything } from '../../shared/store/export-reads';
import { useTableTarget } from './table-target';

export const exportTable = async (options: { public: boolean }): Promise<string> => {
  const { posts, comments } = await readEverything();
  return serializeExport(buildExport(posts, comments, options));
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      public: { type: 'boolean', default: false },
      deployed: { type: 'boolean', default: false },
      outputs: { type: 'string' },
    },
  });
  const target = useTableTarget({ deployed: values.deployed, outputsFile: values.outputs });
  const text = await exportTable({ public: values.public });
  if (values.out) {
    writeFileSync(values.out, text);
    console.error(`Exported the ${target.description} to ${values.out}`);
  } else process.stdout.write(text);
};

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
