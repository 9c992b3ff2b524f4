/**
 * The held-count keeper of `npm start`: the local TTL sweeper every minute, and a stream poller
 * running the deployed handler over the TTL deletions it makes (see ttl-sweeper.ts).
 */
import { handleHeldExpiryEvent, isHeldExpiryRecord } from '../../shared/usecases/held-expiry';
import { startStreamPoller, type StreamPoller } from './stream-poller';
import { ttlSweeper, type TtlSweeper } from './ttl-sweeper';

export interface LocalHeldExpiry {
  readonly sweeper: TtlSweeper;
  readonly poller: StreamPoller;
  stop(): Promise<void>;
}

export const startLocalHeldExpiry = async (options: {
  endpoint: string;
  tableName: string;
  /** Milliseconds between sweeps; 0 sweeps only when asked (tests). */
  sweepEveryMs?: number;
  log?: (line: string) => void;
}): Promise<LocalHeldExpiry> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const sweeper = ttlSweeper(options.endpoint, options.tableName);
  const poller = await startStreamPoller({
    endpoint: options.endpoint,
    tableName: options.tableName,
    handler: (event) => handleHeldExpiryEvent(event, log),
    filter: isHeldExpiryRecord,
    ttlDeletions: sweeper.deleted,
    onFailure: ({ record }) => log(`held expiry: record ${record.eventID} parked in the local on-failure list`),
    log,
  });
  const every = options.sweepEveryMs ?? 60_000;
  const timer =
    every > 0
      ? setInterval(() => {
          sweeper.sweep().catch((error: unknown) => log(`ttl sweep failed: ${String(error)}`));
        }, every)
      : undefined;
  return {
    sweeper,
    poller,
    async stop() {
      if (timer) clearInterval(timer);
      await poller.stop();
    },
  };
};
