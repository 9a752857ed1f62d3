// What the signed-in user's tier allows, read from the token's groups. It mirrors the gateway's
// access policy (api-gateway/src/main/resources/access-policy.yaml) only to decide which actions to
// offer; the gateway decides, and its 403 is shown when the two disagree.

export type Role = 'developer' | 'tech-lead';
export type Decision = 'allow' | 'approval' | 'deny';
export type Kind = 'production' | 'staging' | 'development' | 'preview';
export const KINDS: Kind[] = ['development', 'staging', 'preview', 'production'];

export interface Identity {
  username: string;
  teams: Map<string, Role[]>;
  platformAdmin: boolean;
}

export function identityOf(claims: { preferred_username?: string; sub?: string; groups?: string[] }): Identity {
  const teams = new Map<string, Role[]>();
  let platformAdmin = false;
  for (const group of claims.groups ?? []) {
    if (group === '/platform-admin') platformAdmin = true;
    const match = /^\/teams\/([^/]+)\/(developer|tech-lead)$/.exec(group);
    if (match) teams.set(match[1], [...(teams.get(match[1]) ?? []), match[2] as Role]);
  }
  return { username: claims.preferred_username ?? claims.sub ?? 'unknown', teams, platformAdmin };
}

/** The claims of a JWT, without verifying it: the gateway verifies; the console only reads. */
export function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json)));
}

export type Action =
  | 'environment.create'
  | 'environment.clone'
  | 'environment.delete'
  | 'app.deploy'
  | 'app.rollback'
  | 'secret.write'
  | 'secret.reveal';

type Rule = Decision | Partial<Record<Kind | '*', Decision>>;

const POLICY: Record<Action, Record<Role | 'platform-admin', Rule>> = {
  'environment.create': { developer: { production: 'deny', '*': 'allow' }, 'tech-lead': 'allow', 'platform-admin': 'allow' },
  'environment.clone': { developer: { production: 'deny', '*': 'allow' }, 'tech-lead': 'allow', 'platform-admin': 'allow' },
  'environment.delete': {
    developer: { production: 'deny', '*': 'allow' },
    'tech-lead': { production: 'approval', '*': 'allow' },
    'platform-admin': 'allow',
  },
  'app.deploy': { developer: { production: 'approval', '*': 'allow' }, 'tech-lead': 'allow', 'platform-admin': 'allow' },
  'app.rollback': { developer: { production: 'deny', '*': 'allow' }, 'tech-lead': 'allow', 'platform-admin': 'allow' },
  'secret.write': { developer: 'allow', 'tech-lead': 'allow', 'platform-admin': 'allow' },
  'secret.reveal': {
    developer: { production: 'deny', '*': 'allow' },
    'tech-lead': { production: 'deny', '*': 'allow' },
    'platform-admin': { production: 'deny', '*': 'allow' },
  },
};

const RANK: Record<Decision, number> = { deny: 0, approval: 1, allow: 2 };

/** The best decision any of the user's roles gets for this action on an environment of this kind. */
export function decide(identity: Identity, team: string, action: Action, kind: Kind): Decision {
  const roles: (Role | 'platform-admin')[] = [...(identity.teams.get(team) ?? [])];
  if (identity.platformAdmin) roles.push('platform-admin');
  let best: Decision = 'deny';
  for (const role of roles) {
    const rule = POLICY[action][role];
    const decision = typeof rule === 'string' ? rule : (rule[kind] ?? rule['*'] ?? 'deny');
    if (RANK[decision] > RANK[best]) best = decision;
  }
  return best;
}
