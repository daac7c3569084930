import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse';

describe('the event-stream parser', () => {
  it('reads named events with their data and id, skipping comments and retry', () => {
    const parse = createSseParser();
    expect(parse('retry: 3000\n: connected\n\nid: 1\nevent: alarm\ndata: {"alarmId":"ALM-1"}\n\n')).toEqual([
      { event: 'alarm', data: '{"alarmId":"ALM-1"}', id: '1' },
    ]);
  });

  it('completes an event cut across chunks, including between CR and LF', () => {
    const parse = createSseParser();
    expect(parse('event: telem')).toEqual([]);
    expect(parse('etry\r\ndata: {"a":')).toEqual([]);
    expect(parse('1}\r')).toEqual([]);
    expect(parse('\n\r\n')).toEqual([{ event: 'telemetry', data: '{"a":1}' }]);
  });

  it('joins several data lines and names an unnamed event "message"', () => {
    const parse = createSseParser();
    expect(parse('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
