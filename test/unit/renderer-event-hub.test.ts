import { describe, expect, it } from 'vitest';
import type { EventListener } from '../../core/contract';
import { EventHub } from '../../renderer/src/api/events';

/** A transport's `subscribe` that records each stream it opens and lets the test push into it. */
function fakeStreams() {
  const streams: Array<{ token: string | null; listener: EventListener; opened?: () => void; closed: boolean }> = [];
  const open = (token: string | null, listener: EventListener, opened?: () => void) => {
    const stream = { token, listener, opened, closed: false };
    streams.push(stream);
    return () => void (stream.closed = true);
  };
  return { streams, open };
}

describe('the page’s event stream (renderer/src/api/events.ts)', () => {
  it('opens one stream only while someone listens, hands each event to its own handlers, and reopens for a new session', () => {
    const { streams, open } = fakeStreams();
    let token: string | null = null;
    const hub = new EventHub(open, () => token);
    expect(streams).toHaveLength(0);

    const installed: string[] = [];
    const jobs: string[] = [];
    const stopPacks = hub.subscribe('packs.changed', (payload) => installed.push(payload.packId));
    const stopJobs = hub.subscribe('imports.changed', (payload) => jobs.push(payload.job.state));
    let reopened = 0;
    hub.onOpened(() => reopened++);
    expect(streams).toHaveLength(1);
    streams[0]!.opened?.();
    expect(reopened).toBe(1);

    streams[0]!.listener({ event: 'packs.changed', payload: { packId: 'a', change: 'installed', version: '1.0.0' } });
    expect(installed).toEqual(['a']);
    expect(jobs).toEqual([]);

    // Signing in: the stream is opened again with the session's token, the old one closed.
    token = 'staff-token';
    hub.restart();
    expect(streams).toHaveLength(2);
    expect(streams[0]!.closed).toBe(true);
    expect(streams[1]!.token).toBe('staff-token');

    stopPacks();
    expect(streams[1]!.closed).toBe(false);
    stopJobs();
    expect(streams[1]!.closed).toBe(true);
    // Nobody listens: a new session opens nothing.
    hub.restart();
    expect(streams).toHaveLength(2);
  });
});
