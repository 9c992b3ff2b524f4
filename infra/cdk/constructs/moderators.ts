/**
 * Who may moderate: a Cognito user pool nobody can sign up to (moderators are invited with
 * `npm run moderator -- add`), a `moderators` group and a public app client for the tooling.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The group the handlers look for in the token's `cognito:groups` claim. */
import { MODERATORS_GROUP } from '../../../shared/http/require-moderator';

export interface ModeratorsProps {
  readonly removalPolicy: RemovalPolicy;
  /** Passkeys (with user verification) as a first factor beside the password (context `passkeys`). */
  readonly passkeys?: boolean;
}

export class Moderators extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: ModeratorsProps) {
    super(scope, id);
    const retain = props.removalPolicy === RemovalPolicy.RETAIN;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      // Time-based one-time passwords from an authenticator app; no SMS (cost, SIM swapping).
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus tier: threat protection (compromised credentials, adaptive authentication), enforced.
      featurePlan: cognito.FeaturePlan.PLUS,
      // The Plus plan allows choice-based sign-in; the password (with its TOTP) always stays possible.
      ...(props.passkeys
        ? {
            signInPolicy: { allowedFirstAuthFactors: { password: true, passkey: true } },
            passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
          }
        : {}),
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: retain,
      removalPolicy: props.removalPolicy,
      userInvitation: {
        emailSubject: 'You are a Parley moderator',
        emailBody:
          'You were made a moderator of the blog comments. Sign in as {username} with the temporary password {####} (npm run moderator -- token {username}).',
      },
    });

    new cognito.CfnUserPoolGroup(this, 'ModeratorsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: MODERATORS_GROUP,
      description: 'May use the /v1/admin/ routes',
    });

    this.client = this.userPool.addClient('ToolingClient', {
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
    });
  }
}
