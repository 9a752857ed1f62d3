import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

/** What the gateway tells the console at /console/config.json. */
export interface ConsoleConfig {
  authority: string;
  clientId: string;
}

/**
 * Sign-in with the platform's OIDC provider: authorization code with PKCE (oidc-client-ts does
 * S256 by default), tokens kept in sessionStorage, so closing the tab signs out.
 */
export function userManager(config: ConsoleConfig): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}/console/callback`,
    post_logout_redirect_uri: `${origin}/console/`,
    response_type: 'code',
    scope: 'openid',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json');
  if (!response.ok) throw new Error(`the gateway's console settings: HTTP ${response.status}`);
  return response.json();
}

export type { User };
