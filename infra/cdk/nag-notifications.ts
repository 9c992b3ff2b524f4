/**
 * cdk-nag (AwsSolutions) findings accepted for the notification resources, each acknowledged on
 * its own construct with the reason (as nag-suppressions.ts does for the rest of the stack).
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Notifications } from './constructs/notifications';
import { NODE22_REASON } from './nag-suppressions';

const ack = (scope: IConstruct, id: string, reason: string): void => Validations.of(scope).acknowledge({ id, reason });

export const acknowledgeNotificationFindings = (notifications: Notifications): void => {
  for (const handler of [notifications.notifier, notifications.sesEvents, notifications.digest])
    ack(handler.fn, 'AwsSolutions-L1', NODE22_REASON);
  ack(
    notifications.failures,
    'AwsSolutions-SQS3',
    'This queue is itself the dead-letter queue of the notifier stream mapping and of the SES event rule; an alarm fires on its first message and an operator reads it.',
  );
  if (notifications.webhookSecret)
    ack(
      notifications.webhookSecret,
      'AwsSolutions-SMG4',
      'The webhook signing key is shared with the receiver, which must be updated in the same step; automatic rotation would break every delivery until then. It is rotated by hand (README, Notifications: Deployed).',
    );
};
