import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityOf } from '../access';
import { Api } from '../api';
import { SessionContext } from '../session';
import { DeployForm } from './DeployForm';

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function renderForm(groups: string[], kind: 'development' | 'production', onAccepted = vi.fn()) {
  const session = {
    api: new Api(async () => 'token-of-the-user'),
    identity: identityOf({ preferred_username: 'alice', groups }),
    signOut: () => {},
  };
  render(
    <SessionContext.Provider value={session}>
      <DeployForm team="payments" env="dev" kind={kind} onAccepted={onAccepted} />
    </SessionContext.Provider>,
  );
  return onAccepted;
}

afterEach(() => vi.unstubAllGlobals());

describe('DeployForm', () => {
  it("shows the gateway's reason beside the field it concerns", async () => {
    const fetch = vi.fn().mockResolvedValue(
      json(
        400,
        {
          title: 'Invalid request',
          status: 400,
          detail: 'The request has 2 invalid field(s).',
          errors: [
            { field: 'name', reason: 'must be a DNS-1035 label' },
            { field: 'port', reason: 'must have a maximum value of 65535' },
          ],
        },
        'application/problem+json',
      ),
    );
    vi.stubGlobal('fetch', fetch);
    renderForm(['/teams/payments/developer'], 'development');

    await userEvent.type(screen.getByLabelText('Name'), 'Hello_World');
    await userEvent.type(screen.getByLabelText('Image'), 'nginx');
    await userEvent.click(screen.getByRole('button', { name: 'Review plan' }));

    const name = screen.getByLabelText('Name');
    expect(await screen.findByText('must be a DNS-1035 label', { selector: '.field-error' })).toBeVisible();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('must be a DNS-1035 label');
    expect(screen.getByLabelText('Image')).not.toHaveAttribute('aria-invalid');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/teams/payments/environments/dev/apps/Hello_World/plan');
    expect(init.headers.Authorization).toBe('Bearer token-of-the-user');
    expect(screen.queryByRole('button', { name: 'Deploy' })).toBeNull();
  });

  it("binds a developer's production deploy to the reviewed plan and asks for approval", async () => {
    const planHash = 'a'.repeat(64);
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(
        json(200, { diff: [{ kind: 'Deployment', name: 'hello', action: 'CREATE', diff: '+kind: Deployment' }], planHash }),
      )
      .mockResolvedValueOnce(json(202, { operationId: 'op-1', statusUrl: '/api/v1/operations/op-1' }));
    vi.stubGlobal('fetch', fetch);
    const onAccepted = renderForm(['/teams/payments/developer'], 'production');

    await userEvent.type(screen.getByLabelText('Name'), 'hello');
    await userEvent.type(screen.getByLabelText('Image'), 'nginxinc/nginx-unprivileged:1.27');
    await userEvent.type(screen.getByLabelText('Port'), '8080');
    await userEvent.click(screen.getByRole('button', { name: 'Review plan' }));
    expect(await screen.findByText('Deployment/hello', { exact: false })).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Request approval' }));

    expect(onAccepted).toHaveBeenCalledWith('op-1');
    const [url, init] = fetch.mock.calls[1];
    expect(url).toBe(`/api/v1/teams/payments/environments/dev/apps?planHash=${planHash}`);
    expect(JSON.parse(init.body)).toEqual({ name: 'hello', image: 'nginxinc/nginx-unprivileged:1.27', port: 8080 });
  });

  it('offers no deploy where the tier may not deploy', () => {
    renderForm(['/teams/search/developer'], 'development');
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByLabelText('Image')).toBeNull();
  });
});
