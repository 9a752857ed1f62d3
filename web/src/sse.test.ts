import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('joins events split across chunks and skips comments', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\ndata:{"state":"PEND')).toEqual([]);
    expect(parser.push('ING"}\n\ndata:{"state":"SUCCEEDED"}\r\n\r\n')).toEqual([
      '{"state":"PENDING"}',
      '{"state":"SUCCEEDED"}',
    ]);
  });

  it('joins the data lines of one event', () => {
    expect(new SseParser().push('data: a\ndata: b\n\n')).toEqual(['a\nb']);
  });
});
