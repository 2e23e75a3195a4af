/**
 * The console's fragment a "Resta collegato" on the identity provider's sign-out page comes back
 * with: the console keeps its token until the provider has asked, and only this answer keeps it
 * (web/console/oidc-session.ts). Shared by the console and the local provider's page.
 */
export const STAY_SIGNED_IN_FRAGMENT = '#resta'
