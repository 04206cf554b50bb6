import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../core/contract';
import { EventBus, TICKET_TTL_MS } from '../../core/events/event-bus';
import type { Session } from '../../core/sessions/sessions';

const job = { id: 'j', file: '/s/p.ayilpack', state: 'queued', bytesDone: 0, bytesTotal: 0, currentFile: '', error: null, packId: null, version: null } as const;

describe('the event bus (core/events/event-bus.ts)', () => {
  it('gives each subscriber what its session may receive now, and a session’s end only to that session', () => {
    const sessions = new Map<string, Session>([
      ['staff', { role: 'facilitator', learnerId: null, staffId: 1 }],
      ['learner', { role: 'learner', learnerId: 7, staffId: null }],
    ]);
    const bus = new EventBus((token) => sessions.get(token));
    const heard: Record<string, EventMessage[]> = { staff: [], learner: [], nobody: [] };
    bus.subscribe('staff', (m) => heard.staff!.push(m));
    bus.subscribe('learner', (m) => heard.learner!.push(m));
    bus.subscribe(null, (m) => heard.nobody!.push(m));

    bus.emit('imports.changed', { job });
    bus.emit('packs.changed', { packId: 'p', change: 'removed', version: null });
    bus.emit('session.ended', {}, 'learner');
    // Signed out meanwhile: the staff subscriber now gets what nobody gets.
    sessions.delete('staff');
    bus.emit('imports.changed', { job });
    bus.endAllSessions();

    expect(heard.staff!.map((m) => m.event)).toEqual(['imports.changed', 'packs.changed', 'session.ended']);
    expect(heard.learner!.map((m) => m.event)).toEqual(['packs.changed', 'session.ended', 'session.ended']);
    expect(heard.nobody!.map((m) => m.event)).toEqual(['packs.changed']);
  });

  it('makes a payload only when someone may receive it, and sends none that breaks the table', () => {
    const logged: string[] = [];
    const bus = new EventBus(() => undefined, Date.now, (message) => logged.push(message));
    let made = 0;
    bus.emit('packs.changed', () => ({ packId: 'p', change: 'installed', version: '1.0.0' }) as const);
    bus.subscribe(null, () => {});
    bus.emit('imports.changed', () => (made++, { job }));
    expect(made).toBe(0);

    const heard: EventMessage[] = [];
    bus.subscribe(null, (m) => heard.push(m));
    bus.emit('packs.changed', { packId: 'p', change: 'moved', version: null } as never);
    expect(heard).toEqual([]);
    expect(logged.join('\n')).toMatch(/packs\.changed could not be made/);
  });

  it('redeems a ticket once, within its time, for the token it was made for', () => {
    let now = 0;
    const bus = new EventBus(() => undefined, () => now);
    const ticket = bus.issueTicket('token');
    const late = bus.issueTicket(null);
    expect(bus.redeemTicket(ticket)).toEqual({ token: 'token' });
    expect(bus.redeemTicket(ticket)).toBeUndefined();
    now = TICKET_TTL_MS;
    expect(bus.redeemTicket(late)).toBeUndefined();
    expect(bus.redeemTicket('made-up')).toBeUndefined();
  });
});
