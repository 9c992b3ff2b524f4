/**
 * SES bounce and complaint events (from SNS or EventBridge) stop every subscription of the
 * address and record why. Transient (soft) bounces change nothing. Only counts are logged.
 */
import { stopSubscriber } from '../store/notification-subscribers';
import type { NotifierDeps } from './notifier-deps';
import { emailHash } from './reply-notifications';

interface SesEventBody {
  readonly eventType?: string;
  readonly notificationType?: string;
  readonly bounce?: { readonly bounceType?: string; readonly bouncedRecipients?: readonly { emailAddress: string }[] };
  readonly complaint?: { readonly complainedRecipients?: readonly { emailAddress: string }[] };
}

/** SNS (`Records[].Sns.Message`, a JSON string) or EventBridge (`detail`). */
export type SesEventEnvelope =
  { readonly Records: readonly { readonly Sns: { readonly Message: string } }[] } | { readonly detail: SesEventBody };

const bodies = (envelope: SesEventEnvelope): SesEventBody[] =>
  'Records' in envelope
    ? envelope.Records.map((record) => JSON.parse(record.Sns.Message) as SesEventBody)
    : [envelope.detail];

export const stopsFor = (body: SesEventBody): { readonly emails: string[]; readonly reason: string } | null => {
  const type = body.eventType ?? body.notificationType;
  if (type === 'Bounce' && body.bounce?.bounceType === 'Permanent')
    return { emails: (body.bounce.bouncedRecipients ?? []).map((r) => r.emailAddress), reason: 'bounce:Permanent' };
  if (type === 'Complaint')
    return { emails: (body.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress), reason: 'complaint' };
  return null;
};

export const handleSesEvents = async (envelope: SesEventEnvelope, deps: NotifierDeps): Promise<{ stopped: number }> => {
  const secret = await deps.secret();
  let stopped = 0;
  for (const body of bodies(envelope)) {
    const stop = stopsFor(body);
    if (!stop) continue;
    for (const email of stop.emails) {
      if (await stopSubscriber(emailHash(secret, email), deps.now().toISOString(), stop.reason)) stopped += 1;
    }
  }
  deps.log(`ses events: ${stopped} subscription(s) stopped`);
  return { stopped };
};
