/**
 * How moderators sign in to the console: Cognito's managed login (version 2) on a prefix domain,
 * and a public app client for the browser console that may only use the authorization code flow
 * (with PKCE, which the console always sends; no implicit flow, no secret a browser could leak),
 * returning to `consoleUrl`. The console reads what it needs from `config` (its /admin/config.json).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface ConsoleSignInProps {
  readonly userPool: cognito.UserPool;
  /** Where the console lives, with a trailing slash, e.g. https://d123.cloudfront.net/admin/. */
  readonly consoleUrl: string;
  /** Globally unique domain prefix; default derived from the stack. */
  readonly domainPrefix?: string;
  /** The blog's URL, which the console's post links start with (`siteUrl`); none leaves the page's own. */
  readonly postBase?: string;
}

export class ConsoleSignIn extends Construct {
  readonly domain: cognito.UserPoolDomain;
  readonly client: cognito.UserPoolClient;
  /** The console's /admin/config.json (tokens resolve at deploy time). */
  readonly config: Record<string, string>;
  /** The managed login domain's origin, which the console fetches its tokens from (its CSP's connect-src). */
  readonly signInOrigin: string;

  constructor(scope: Construct, id: string, props: ConsoleSignInProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const prefix =
      props.domainPrefix ??
      `parley-${stack.stackName.toLowerCase().replace(/[^a-z0-9-]/g, '')}-${stack.node.addr.slice(0, 8)}`.slice(0, 63);
    this.domain = props.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: prefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.client = props.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      // Only the redirect flows of managed login: no password ever reaches the console.
      authFlows: { userSrp: false, userPassword: false, custom: false, adminUserPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [props.consoleUrl],
        logoutUrls: [props.consoleUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day; then the moderator signs in again.
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
    // Managed login v2 shows nothing without a branding style; Cognito's defaults are enough.
    new cognito.CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    const base = `https://${prefix}.auth.${stack.region}.amazoncognito.com`;
    this.signInOrigin = base;
    this.config = {
      issuer: `https://cognito-idp.${stack.region}.amazonaws.com/${props.userPool.userPoolId}`,
      clientId: this.client.userPoolClientId,
      authorizationEndpoint: `${base}/oauth2/authorize`,
      tokenEndpoint: `${base}/oauth2/token`,
      revocationEndpoint: `${base}/oauth2/revoke`,
      logoutEndpoint: `${base}/logout`,
      logoutStyle: 'cognito',
      scopes: 'openid email profile',
      ...(props.postBase ? { postBase: props.postBase } : {}),
    };
  }
}
