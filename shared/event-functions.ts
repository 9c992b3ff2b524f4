/**
 * The Lambda functions that answer events rather than HTTP requests. Routes are declared in
 * shared/routes/; these are the only other entries in functions/, and the CDK constructs that wire
 * each to its trigger (the table's stream, SES's bounce and complaint events, a schedule) name them from here.
 * The alarms (infra/cdk/constructs/alarms.ts) watch every function of this list.
 */
export interface EventFunction {
  readonly name: string;
  readonly entry: string;
  readonly trigger: string;
  /**
   * `stream`: Lambda polls a stream for it (an event source mapping), so it can fall behind, which
   * its IteratorAge shows; `async`: EventBridge invokes it, retried by Lambda.
   */
  readonly invocation: 'stream' | 'async';
}

export const EVENT_FUNCTIONS = [
  {
    name: 'Notifier',
    entry: 'functions/notifier.ts',
    trigger: "the table's stream, filtered to comment changes",
    invocation: 'stream',
  },
  {
    name: 'SesEvents',
    entry: 'functions/ses-events.ts',
    trigger: 'SES bounce and complaint events',
    invocation: 'async',
  },
  { name: 'Digest', entry: 'functions/notify-digest.ts', trigger: 'a schedule, every minute', invocation: 'async' },
  {
    name: 'HeldExpiry',
    entry: 'functions/held-expiry.ts',
    trigger: "the table's stream, filtered to TTL's deletions of comments",
    invocation: 'stream',
  },
] as const satisfies readonly EventFunction[];

export type EventFunctionName = (typeof EVENT_FUNCTIONS)[number]['name'];

export const eventFunction = (name: EventFunctionName): EventFunction => {
  const found = EVENT_FUNCTIONS.find((fn) => fn.name === name);
  if (!found) throw new Error(`No event function ${name}`);
  return found;
};
