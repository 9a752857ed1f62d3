import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityOf } from '../access';
import { Api } from '../api';
import { SessionContext } from '../session';
import { ApprovalsView } from './ApprovalsView';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const HASH = 'a'.repeat(64);
const spec = { name: 'hello', image: 'nginxinc/nginx-unprivileged:1.28', port: 8080 };
const approval = {
  id: 'ap-1',
  operationId: 'op-1',
  team: 'payments',
  environment: 'production',
  action: 'app.deploy',
  target: 'hello',
  planHash: HASH,
  requestedBy: 'alice',
  state: 'PENDING',
  createdAt: '2026-11-25T10:00:00Z',
  expiresAt: '2026-11-26T10:00:00Z',
  costEstimate: { available: true, monthlyAmount: 45.625, currentMonthlyAmount: 36.5, monthlyDelta: 9.125, currency: 'USD' },
  spec,
};
const plan = (planHash: string) => ({
  planHash,
  diff: [{ kind: 'Deployment', name: 'hello', action: 'UPDATE', diff: '-image: nginxinc/nginx-unprivileged:1.27\n+image: nginxinc/nginx-unprivileged:1.28' }],
});

function renderView(fetch: (url: string) => Promise<Response>) {
  vi.stubGlobal('fetch', fetch);
  const session = {
    api: new Api(async () => 'token-of-bob'),
    identity: identityOf({ preferred_username: 'bob', groups: ['/teams/payments/tech-lead'] }),
    signOut: () => {},
  };
  render(
    <SessionContext.Provider value={session}>
      <ApprovalsView />
    </SessionContext.Provider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('ApprovalsView', () => {
  it('shows the plan diff of the held spec and the monthly cost change', async () => {
    const fetch = vi.fn(async (url: string) => (url === '/api/v1/approvals' ? json(200, [approval]) : json(200, plan(HASH))));
    renderView(fetch);
    const card = await screen.findByRole('listitem', { name: 'app.deploy hello in payments/production' });
    expect(await within(card).findByText('+image: nginxinc/nginx-unprivileged:1.28', { exact: false })).toBeVisible();
    expect(within(card).getByText('Deployment/hello', { exact: false })).toBeVisible();
    expect(within(card).getByText(/approving applies exactly this/)).toBeVisible();
    expect(within(card).getByText(/\+\$9\.13 a month/)).toBeVisible();
    const [url, init] = fetch.mock.calls[1] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/teams/payments/environments/production/apps/hello/plan');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual(spec);
  });

  it('warns when the plan is no longer the one the request is bound to', async () => {
    renderView(vi.fn(async (url: string) => (url === '/api/v1/approvals' ? json(200, [approval]) : json(200, plan('b'.repeat(64))))));
    expect(await screen.findByRole('note')).toHaveTextContent('Approving would be refused');
  });
});
