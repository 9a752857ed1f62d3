import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityOf } from '../access';
import { Api } from '../api';
import { SessionContext } from '../session';
import { EventsPanel } from './EventsPanel';
import { LogsPanel } from './LogsPanel';
import { MetricsPanel } from './MetricsPanel';

const BASE = '/api/v1/teams/payments/environments/dev/apps/hello';

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function line(pod: string, message: string) {
  return { time: '2026-11-25T10:00:00Z', pod, container: 'hello', message, line: `${pod}/hello ${message}` };
}

/** A text/event-stream whose events the test pushes one by one. */
function stream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  const send = (data: unknown) => controller.enqueue(new TextEncoder().encode(`data:${JSON.stringify(data)}\n\n`));
  return { response: new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }), send };
}

function withSession(children: ReactNode) {
  const session = {
    api: new Api(async () => 'token-of-the-user'),
    identity: identityOf({ preferred_username: 'alice', groups: ['/teams/payments/developer'] }),
    signOut: () => {},
  };
  return render(<SessionContext.Provider value={session}>{children}</SessionContext.Provider>);
}

afterEach(() => vi.unstubAllGlobals());

describe('LogsPanel', () => {
  it('shows the last lines, filters by pod and text, and follows new lines as they arrive', async () => {
    const live = stream();
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(200, { sources: ['hello-a/hello', 'hello-b/hello'], lines: [line('hello-a', 'started')] }))
      .mockResolvedValueOnce(json(200, { sources: ['hello-b/hello'], lines: [line('hello-b', 'GET /x 500')] }))
      .mockResolvedValueOnce(live.response);
    vi.stubGlobal('fetch', fetch);
    withSession(<LogsPanel base={BASE} />);
    const log = screen.getByRole('log', { name: 'Log lines' });

    expect(await within(log).findByText('started', { exact: false })).toBeVisible();
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/logs?tail=100`);

    await userEvent.type(screen.getByLabelText('Pod'), 'hello-b');
    await userEvent.type(screen.getByLabelText('Text'), '500');
    await userEvent.click(screen.getByRole('button', { name: 'Show lines' }));
    expect(await within(log).findByText('GET /x 500', { exact: false })).toBeVisible();
    expect(within(log).queryByText('started', { exact: false })).toBeNull();
    expect(fetch.mock.calls[1][0]).toBe(`${BASE}/logs?pod=hello-b&grep=500&tail=100`);

    await userEvent.click(screen.getByRole('button', { name: 'Follow' }));
    const [url, init] = fetch.mock.calls[2];
    expect(url).toBe(`${BASE}/logs/follow?pod=hello-b&grep=500&tail=100`);
    expect(init.headers.Accept).toBe('text/event-stream');
    expect(init.headers.Authorization).toBe('Bearer token-of-the-user');
    live.send(line('hello-b', 'GET /y 500'));
    live.send(line('hello-b', 'GET /z 500'));
    expect(await within(log).findByText('GET /z 500', { exact: false })).toBeVisible();
    expect(within(log).getByText('GET /y 500', { exact: false })).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('Following: 2 line(s)');

    await userEvent.click(screen.getByRole('button', { name: 'Stop following' }));
    expect(init.signal.aborted).toBe(true);
    expect(screen.getByRole('button', { name: 'Follow' })).toBeVisible();
  });

  it("shows the gateway's reason beside the filter field it concerns", async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(200, { sources: [], lines: [] }))
      .mockResolvedValueOnce(
        json(
          400,
          { title: 'Invalid request', status: 400, errors: [{ field: 'tail', reason: 'must be a whole number of lines' }] },
          'application/problem+json',
        ),
      );
    vi.stubGlobal('fetch', fetch);
    withSession(<LogsPanel base={BASE} />);
    const tail = screen.getByLabelText('Lines');
    await userEvent.clear(tail);
    await userEvent.type(tail, 'many');
    await userEvent.click(screen.getByRole('button', { name: 'Show lines' }));
    await waitFor(() => expect(tail).toHaveAttribute('aria-invalid', 'true'));
    expect(tail).toHaveAccessibleDescription('must be a whole number of lines');
  });
});

describe('EventsPanel', () => {
  it("lists the app's Kubernetes events", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(
        json(200, {
          items: [
            {
              type: 'Warning',
              reason: 'BackOff',
              message: 'Back-off restarting failed container',
              object: 'Pod/hello-a',
              count: 7,
              firstTime: '2026-11-25T09:00:00Z',
              lastTime: '2026-11-25T11:00:00Z',
              source: 'kubelet',
            },
          ],
        }),
      ),
    );
    withSession(<EventsPanel base={BASE} />);
    const table = await screen.findByRole('table', { name: 'Kubernetes events' });
    const row = within(table).getByRole('row', { name: /BackOff/ });
    expect(row).toHaveTextContent('Pod/hello-a');
    expect(row).toHaveTextContent('Back-off restarting failed container');
    expect(row).toHaveTextContent('7');
  });
});

describe('MetricsPanel', () => {
  it('says plainly what the cluster cannot answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/trace')
          ? json(200, { configured: false })
          : json(200, {
              resources: { available: false, reason: 'metrics API not available (metrics.k8s.io is not served by this cluster)', pods: [] },
              traffic: { configured: false, available: false, reason: 'Prometheus is not configured (slipway.observe.prometheus.url)', series: {} },
            }),
      ),
    );
    withSession(<MetricsPanel base={BASE} app="hello" />);
    expect(await screen.findByText(/Not available: metrics API not available/)).toBeVisible();
    expect(screen.getByText(/Not available: Prometheus is not configured/)).toBeVisible();
    expect(await screen.findByText(/no trace link is configured/)).toBeVisible();
  });

  it('draws CPU, memory and request rate, links the traces, and asks again for another range', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/trace')
        ? json(200, { configured: true, url: 'https://jaeger.example.com/search?service=hello.payments-dev' })
        : json(200, {
            resources: { available: true, pods: [{ pod: 'hello-a', cpuMillicores: 120, memoryBytes: 64 * 1024 * 1024 }] },
            traffic: {
              configured: true,
              available: true,
              series: {
                'request-rate': [{ labels: {}, points: [{ time: 1, value: 2 }, { time: 2, value: null }, { time: 3, value: 4.5 }] }],
              },
            },
          }),
    );
    vi.stubGlobal('fetch', fetch);
    withSession(<MetricsPanel base={BASE} app="hello" />);
    expect(await screen.findByRole('img', { name: 'CPU per pod (millicores)' })).toBeVisible();
    expect(screen.getByRole('img', { name: 'Memory per pod' })).toBeVisible();
    expect(screen.getByRole('cell', { name: '64.0 MiB' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Requests per second: up to 4.50/s' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Traces of hello' })).toHaveAttribute(
      'href',
      'https://jaeger.example.com/search?service=hello.payments-dev',
    );
    await userEvent.selectOptions(screen.getByLabelText('Range'), '6h');
    await waitFor(() => expect(fetch).toHaveBeenCalledWith(`${BASE}/metrics?range=6h`, expect.anything()));
  });
});
