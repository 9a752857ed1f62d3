import type { Api } from './api';

export type OperationState =
  | 'PENDING'
  | 'RUNNING'
  | 'PENDING_APPROVAL'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'REJECTED';

export interface Operation {
  id: string;
  type: string;
  team: string;
  environment: string;
  target: string;
  state: OperationState;
  detail: string | null;
  errors: { field: string; reason: string }[] | null;
  result: Record<string, unknown> | null;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
}

export const TERMINAL: OperationState[] = ['SUCCEEDED', 'FAILED', 'REJECTED'];

/**
 * Splits a text/event-stream into the data of its events. EventSource cannot send a bearer token,
 * so the console reads the stream with fetch and parses it here.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): string[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: string[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''));
      if (data.length > 0) events.push(data.join('\n'));
    }
    return events;
  }
}

/**
 * Reads a gateway SSE stream until it ends (or signal aborts), calling onData with each event's
 * data. Errors before the stream starts (404, 403, ...) reject with the gateway's problem.
 */
export async function readStream(
  api: Api,
  path: string,
  onData: (data: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await api.fetch(path, { headers: { Accept: 'text/event-stream' }, signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    parser.push(value).forEach(onData);
  }
}

/** Follows an operation's SSE stream until it ends; calls onState with every state it carries. */
export async function followOperation(
  api: Api,
  id: string,
  onState: (operation: Operation) => void,
  signal?: AbortSignal,
): Promise<Operation | undefined> {
  let last: Operation | undefined;
  await readStream(
    api,
    `/api/v1/operations/${encodeURIComponent(id)}/events`,
    (data) => {
      last = JSON.parse(data) as Operation;
      onState(last);
    },
    signal,
  );
  return last;
}
