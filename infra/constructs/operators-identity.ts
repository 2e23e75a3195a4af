import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import { Construct } from 'constructs'
import { ADMIN_GROUP, groupOf } from '../../shared/access/roles.ts'
import { REGIONS } from '../../shared/gazetteer/admin-units.ts'

/** The hosted sign-in's origin for a domain prefix: known before the pool exists, so the site's CSP can name it. */
export const cognitoSignInOrigin = (domainPrefix: string, region: string): string => `https://${domainPrefix}.auth.${region}.amazoncognito.com`

export interface OperatorsIdentityProps {
  /** The site's address (https://…): the console at /gestione/ is the app client's only callback. */
  readonly siteUrl: string
  /** The hosted sign-in's address prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region. */
  readonly domainPrefix: string
  /** @default RemovalPolicy.RETAIN: the accounts outlive the stack */
  readonly removalPolicy?: RemovalPolicy
}

/**
 * The operators' accounts: an Amazon Cognito user pool, the identity provider of the write API
 * on AWS (`npm start` has its own, functions/local/oidc/). Accounts are created by admins only (no
 * sign-up), sign in on Cognito's hosted pages with a password and a TOTP code (MFA required for
 * everyone: the issue asks it of admins and region editors, and one pool-wide rule cannot be
 * forgotten for either), under the Plus plan's threat protection (compromised credentials,
 * adaptive authentication). Roles are groups: `admins` and one `region-NN` per region are made
 * here; `operator-<NN>-<slug>` groups (a region and a body) are made by admins as operators join (docs/operators.md).
 */
export class OperatorsIdentity extends Construct {
  public readonly userPool: cognito.UserPool
  public readonly consoleClient: cognito.UserPoolClient
  public readonly domain: cognito.UserPoolDomain
  /** The `iss` of the pool's tokens, for the JWT authorizer and the function's own check. */
  public readonly issuer: string
  public readonly jwksUrl: string

  constructor(scope: Construct, id: string, { siteUrl, domainPrefix, removalPolicy = RemovalPolicy.RETAIN }: OperatorsIdentityProps) {
    super(scope, id)
    const stack = Stack.of(this)
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: 'puntovicino-operators',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    })
    const groups = [
      { name: ADMIN_GROUP, description: 'National admins: every point' },
      ...Object.entries(REGIONS).map(([istat, name]) => ({ name: groupOf({ kind: 'region', region: istat }), description: `Region editors: the points of ${name} (ISTAT ${istat})` })),
    ]
    for (const group of groups) new cognito.CfnUserPoolGroup(this, `Group-${group.name}`, { userPoolId: this.userPool.userPoolId, groupName: group.name, description: group.description })

    const console = `${siteUrl}/gestione/`
    this.consoleClient = this.userPool.addClient('Console', {
      userPoolClientName: 'puntovicino-console',
      // A browser app: a public client, code flow with PKCE, no secret to leak.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL], callbackUrls: [console], logoutUrls: [console] },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // Twelve hours: "Resta collegato" extends the hour's session at least ten times (WCAG 2.2.1).
      refreshTokenValidity: Duration.hours(12),
    })
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix } })
    this.issuer = `https://cognito-idp.${stack.region}.amazonaws.com/${this.userPool.userPoolId}`
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`
  }
}
