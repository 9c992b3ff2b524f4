/**
 * SES for the notifier: the `mailFrom` domain as an SES v2 identity signed with Easy DKIM, a
 * configuration set that keeps bounced and complaining addresses on the suppression list and
 * publishes those two events to EventBridge, and the rule that hands them to functions/ses-events.ts.
 *
 * The account-level suppression list has no CloudFormation resource; the set's own
 * `suppressionReasons` applies to every mail Parley sends, whatever the account says.
 */
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** `Name <a@b>` or `a@b` → `a@b` (the address SES compares with `ses:FromAddress`). */
export const mailAddress = (mailFrom: string): string => (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
export const mailDomain = (mailFrom: string): string => mailAddress(mailFrom).split('@')[1]!.toLowerCase();

export interface MailSendingProps {
  /** The `mailFrom` setting. */
  readonly mailFrom: string;
}

export class MailSending extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  readonly address: string;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    this.address = mailAddress(props.mailFrom);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      // Never mail an address again after a hard bounce or a complaint (this set's own list).
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    // EventBridge rather than SNS: no topic to encrypt and secure, and the rule filters on this set.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    this.identity = new ses.EmailIdentity(this, 'Domain', {
      identity: ses.Identity.domain(mailDomain(props.mailFrom)),
      configurationSet: this.configurationSet,
      dkimSigning: true,
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
    });
  }

  /** `ses:SendEmail` from this identity and set only, and only with the configured From address. */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.address } },
      }),
    );
  }

  /** Bounce and complaint events of this set go to `handler`; undeliverable events to `deadLetterQueue`. */
  routeEventsTo(handler: IFunction, deadLetterQueue: IQueue): events.Rule {
    return new events.Rule(this, 'BounceComplaintRule', {
      description: 'Parley: SES bounces and complaints stop the subscriptions of the address',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new targets.LambdaFunction(handler, { deadLetterQueue, retryAttempts: 4 })],
    });
  }

  /** The three DKIM CNAMEs as `name CNAME value` lines. */
  dkimRecords(): string[] {
    return this.identity.dkimRecords.map((record) => `${record.name} CNAME ${record.value}`);
  }
}
