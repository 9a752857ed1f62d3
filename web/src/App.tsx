import { useEffect, useMemo, useState } from 'react';
import type { UserManager } from 'oidc-client-ts';
import { claimsOf, identityOf } from './access';
import { Api } from './api';
import { ProblemAlert } from './components/ProblemAlert';
import { Link, match, navigate, usePath } from './router';
import { SessionContext, useSession, type Session } from './session';
import { AppView } from './views/AppView';
import { ApprovalsView } from './views/ApprovalsView';
import { CostsView } from './views/CostsView';
import { EnvironmentsView } from './views/EnvironmentsView';
import { EnvironmentView } from './views/EnvironmentView';

type SignIn = { state: 'loading' } | { state: 'signed-out'; error?: unknown } | { state: 'signed-in'; token: string };

/** Signs in (or finishes a sign-in on /callback), then shows the views of the signed-in user. */
export function App({ users }: { users: UserManager }) {
  const path = usePath();
  const [signIn, setSignIn] = useState<SignIn>({ state: 'loading' });

  useEffect(() => {
    const finish = path === '/callback' ? users.signinRedirectCallback() : users.getUser();
    finish
      .then((user) => {
        if (path === '/callback') {
          const back = (user?.state as string | undefined) ?? '/';
          window.history.replaceState(null, '', '/console' + back);
          window.dispatchEvent(new PopStateEvent('popstate'));
        }
        setSignIn(user && !user.expired ? { state: 'signed-in', token: user.access_token } : { state: 'signed-out' });
      })
      .catch((error) => setSignIn({ state: 'signed-out', error }));
    // Only on load: later navigation keeps the session.
  }, [users]);

  const session = useMemo<Session | null>(() => {
    if (signIn.state !== 'signed-in') return null;
    const api = new Api(async () => {
      const user = await users.getUser();
      return user?.access_token ?? null;
    });
    return {
      api,
      identity: identityOf(claimsOf(signIn.token)),
      signOut: () => signOut(users).then(() => setSignIn({ state: 'signed-out' })),
    };
  }, [signIn, users]);

  if (signIn.state === 'loading') return <p className="muted">Loading…</p>;
  if (!session) {
    return (
      <main className="signin">
        <h1>Slipway</h1>
        <p>Deploy apps, manage environments, secrets and costs, without kubectl.</p>
        <button type="button" className="primary" onClick={() => users.signinRedirect({ state: path === '/callback' ? '/' : path })}>
          Sign in
        </button>
        {signIn.state === 'signed-out' && <ProblemAlert error={signIn.error} />}
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell path={path} />
    </SessionContext.Provider>
  );
}

function Shell({ path }: { path: string }) {
  const { identity, signOut } = useSession();
  const teams = [...identity.teams.keys()];
  const team = matchTeam(path) ?? teams[0];
  return (
          <>
            <a href="#main" className="skip">
              Skip to content
            </a>
            <header className="top">
              <strong className="brand">Slipway</strong>
              <nav aria-label="Main">
                {teams.map((t) => (
                  <span key={t}>
                    <Link to={`/teams/${t}`} aria-current={team === t && !path.includes('/costs') ? 'page' : undefined}>
                      {t}
                    </Link>{' '}
                    <Link to={`/teams/${t}/costs`} aria-current={path === `/teams/${t}/costs` ? 'page' : undefined}>
                      costs
                    </Link>
                  </span>
                ))}
                <Link to="/approvals" aria-current={path === '/approvals' ? 'page' : undefined}>
                  Approvals
                </Link>
              </nav>
              <span className="who">
                {identity.username}{' '}
                <button type="button" onClick={signOut}>
                  Sign out
                </button>
              </span>
            </header>
            <main id="main" tabIndex={-1}>
              <Page path={path} defaultTeam={teams[0]} />
            </main>
          </>
  );
}

/** Ends the provider's session too where it has an end-session endpoint (Keycloak does). */
async function signOut(users: UserManager): Promise<void> {
  const endSession = await users.metadataService.getEndSessionEndpoint().catch(() => undefined);
  if (endSession) {
    await users.signoutRedirect();
  } else {
    await users.removeUser();
  }
}

function matchTeam(path: string): string | undefined {
  return /^\/teams\/([^/]+)/.exec(path)?.[1];
}

function Page({ path, defaultTeam }: { path: string; defaultTeam?: string }) {
  let params;
  if ((params = match('/teams/:team/envs/:env/apps/:app', path))) {
    return <AppView key={path} team={params.team} env={params.env} app={params.app} />;
  }
  if ((params = match('/teams/:team/envs/:env', path))) {
    return <EnvironmentView key={path} team={params.team} env={params.env} />;
  }
  if ((params = match('/teams/:team/costs', path))) return <CostsView team={params.team} />;
  if ((params = match('/teams/:team', path))) return <EnvironmentsView key={params.team} team={params.team} />;
  if (match('/approvals', path)) return <ApprovalsView />;
  if (path === '/' && defaultTeam) {
    queueMicrotask(() => navigate(`/teams/${defaultTeam}`));
    return null;
  }
  if (path === '/') return <p>You are not in a team. Ask a platform admin to add you to one.</p>;
  return <p>Nothing here. <Link to="/">Back to the start</Link></p>;
}
