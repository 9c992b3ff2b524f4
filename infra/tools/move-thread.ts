/**
 * `npm run move-thread -- FROM TO [--merge] [--deployed] [--outputs FILE] [--by NAME]`: moves every
 * comment of post id FROM to post id TO (the post's URL changed), through the same use case as
 * `POST /v1/admin/posts/move`, one chunk at a time until done. Interrupted, run it again: it resumes
 * where it stopped and moves nothing twice. Refuses a TO that has comments unless `--merge`.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { moveThreadStep } from '../../shared/usecases/move-thread';
import { useTableTarget } from './table-target';

/** Set once the first chunk is asked for: only then can a failure leave a move half-way. */
let moving = false;

const main = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      merge: { type: 'boolean', default: false },
      deployed: { type: 'boolean', default: false },
      outputs: { type: 'string' },
      by: { type: 'string' },
    },
  });
  const [from, to] = positionals;
  if (!from || !to || positionals.length > 2)
    throw new Error('Usage: npm run move-thread -- FROM TO [--merge] [--deployed] [--outputs FILE] [--by NAME]');
  const target = useTableTarget({ deployed: values.deployed, outputsFile: values.outputs });
  // The audit log names who moved the thread; from a terminal, the account running the command.
  const name = values.by ?? `cli:${userInfo().username}`;
  const by = { sub: name, email: null, username: name };
  let moved = 0;
  moving = true;
  for (;;) {
    const step = await moveThreadStep({ from, to, merge: values.merge }, by);
    moved += step.moved;
    if (step.done) break;
    if (process.stderr.isTTY) process.stderr.write(`\rmoving: ${moved} comments`);
    // Nothing moved: the indexes still list comments moved a moment ago; give them time to catch up.
    if (step.moved === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (process.stderr.isTTY) process.stderr.write('\r');
  console.log(`Moved ${moved} comments from "${from}" to "${to}" in the ${target.description}`);
};

main().catch((error: unknown) => {
  console.error(`Move stopped: ${error instanceof Error ? error.message : String(error)}`);
  // A refusal (409, 400) moved nothing; anything else may have stopped half-way.
  if (moving && !(error instanceof AppError && error.kind !== 'unavailable'))
    console.error('Run the same command again to resume; nothing moved so far is moved twice.');
  process.exit(1);
});
