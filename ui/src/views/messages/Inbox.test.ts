// The inbox with mocked commands: threads listed urgent first with the badge counts, keyboard
// triage (↓, Enter, R, Ctrl+Enter, D), the reply going to the core, a refused reply shown by
// the box, and a new phone note's field errors from the core shown by each field.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Inbox from './Inbox.svelte';
import NewMessage from './NewMessage.svelte';
import { badgeText, messageCounts } from './message-counts.svelte';
import { clearMocks, errorReport, mockCommands, type CommandArgs } from '../../api/testing';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK, DR_REYES, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import type { Inbox as InboxData, Message, MessageThread } from '../../api';

afterEach(() => {
  clearMocks();
  resetUiState();
  messageCounts.value = null;
});

function message(id: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    threadId: id,
    kind: 'phoneNote',
    patient: { id: 'p-1', name: 'Okafor, Ada', mrn: 1001 },
    fromId: 'u-desk',
    fromName: 'Pat Lee',
    to: { kind: 'role', role: 'physician' },
    toName: 'any physician',
    subject: 'Called about her blood pressure',
    body: 'Home readings 150/95.',
    clinical: true,
    priority: 'urgent',
    dueOn: null,
    caller: 'Ada Okafor',
    callbackNumber: '(555) 301-4455',
    medicationId: null,
    createdAt: '2026-11-26T15:00:00Z',
    status: 'open',
    statusByName: null,
    statusAt: null,
    readAt: null,
    ...extra,
  };
}

const CALL = message('m-call');
const MEETING = message('m-meet', { kind: 'message', patient: null, subject: 'Staff meeting moved', priority: 'routine', clinical: false });

function inbox(threads: Message[], unread = threads.length): InboxData {
  return {
    threads: threads.map((m) => ({ first: m, lastAt: m.createdAt, messages: 1, unread: 1, overdue: false })),
    counts: { unread, overdue: 0, urgent: threads.filter((t) => t.priority === 'urgent').length, referralsOverdue: 0, criticalResults: 0 },
    overdueReferrals: [],
  };
}

function thread(m: Message, extra: Partial<MessageThread> = {}): MessageThread {
  return { messages: [m], history: [], ...extra };
}

describe('the inbox', () => {
  it('lists the threads, opens one by keyboard, replies with Ctrl+Enter and marks it done with D', async () => {
    session.info = appInfoAs(DR_REYES);
    let done = false;
    const calls = mockCommands({
      message_inbox: () => inbox(done ? [MEETING] : [CALL, MEETING]),
      open_message_thread: (a: CommandArgs) => thread(a.threadId === 'm-call' ? CALL : MEETING),
      reply_to_message: () => message('m-reply', { threadId: 'm-call' }),
      set_message_status: () => {
        done = true;
        return thread({ ...CALL, status: 'done', statusByName: 'Dr. Ana Reyes', statusAt: '2026-11-26T15:05:00Z' }, {
          history: [{ status: 'done', byName: 'Dr. Ana Reyes', at: '2026-11-26T15:05:00Z' }],
        });
      },
    });
    render(Inbox);
    const rows = await screen.findAllByTestId('inbox-thread');
    expect(rows.map((r) => r.dataset.threadId)).toEqual(['m-call', 'm-meet']);
    expect(messageCounts.value).toEqual({ unread: 2, overdue: 0, urgent: 1, referralsOverdue: 0, criticalResults: 0 });
    const list = screen.getByTestId('inbox-threads');
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    await fireEvent.keyDown(list, { key: 'ArrowUp' });
    await fireEvent.keyDown(list, { key: 'Enter' });
    await screen.findByTestId('thread-caller');
    expect(screen.getByTestId('thread-caller').textContent).toContain('(555) 301-4455');
    const box = screen.getByTestId('thread-reply') as HTMLTextAreaElement;
    await fireEvent.input(box, { target: { value: 'Book her for Thursday.' } });
    await fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(calls.some((c) => c.cmd === 'reply_to_message')).toBe(true));
    const sent = calls.find((c) => c.cmd === 'reply_to_message')!;
    expect(sent.args).toEqual({ threadId: 'm-call', body: 'Book her for Thursday.', clinical: false });
    await fireEvent.keyDown(list, { key: 'd' });
    await screen.findByTestId('thread-history');
    expect(calls.find((c) => c.cmd === 'set_message_status')!.args).toEqual({ threadId: 'm-call', status: 'done' });
    await waitFor(() => expect(screen.getAllByTestId('inbox-thread').map((r) => r.dataset.threadId)).toEqual(['m-meet']));
  });

  it('shows a refused reply by the reply box', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({
      message_inbox: () => inbox([CALL]),
      open_message_thread: () => thread(CALL),
      reply_to_message: () => {
        throw errorReport('invalid_input', 'The recipient may not read clinical content', [{ field: 'clinical', message: 'The recipient may not read clinical content' }]);
      },
    });
    render(Inbox);
    await fireEvent.click((await screen.findAllByTestId('inbox-thread'))[0]);
    await screen.findByTestId('thread-reply');
    await fireEvent.click(screen.getByTestId('thread-send-reply'));
    expect((await screen.findByTestId('thread-reply-error')).textContent).toContain('may not read clinical');
  });

  it('says clinical content is not shown when the core withholds it', async () => {
    session.info = appInfoAs(DESK);
    const hidden = message('m-h', { subject: 'Clinical message', body: null, fromName: 'Sam Ortiz' });
    mockCommands({ message_inbox: () => inbox([hidden]), open_message_thread: () => thread(hidden) });
    render(Inbox);
    await fireEvent.click((await screen.findAllByTestId('inbox-thread'))[0]);
    expect((await screen.findByTestId('thread-message')).textContent).toContain('not shown to your role');
  });
});

describe('a new phone note', () => {
  it('sends the fields to the core and shows its field errors by each field', async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({
      message_recipients: () => [
        { recipient: { kind: 'role', role: 'physician' }, label: 'any physician' },
        { recipient: { kind: 'user', id: 'u-doc' }, label: 'Dr. Ana Reyes (physician)' },
      ],
      send_message: () => {
        throw errorReport('invalid_input', 'Say who called', [
          { field: 'caller', message: 'Say who called' },
          { field: 'callbackNumber', message: 'Give the number to call back (7 to 15 digits)' },
        ]);
      },
    });
    render(NewMessage, { props: { onsent: () => {}, oncancel: () => {} } });
    await waitFor(() => expect(screen.getByTestId('message-to').querySelectorAll('option')).toHaveLength(2));
    await fireEvent.change(screen.getByTestId('message-to'), { target: { value: '1' } });
    await fireEvent.input(screen.getByTestId('message-subject'), { target: { value: 'Called about BP' } });
    await fireEvent.keyDown(screen.getByTestId('message-subject'), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('message-caller-error')).textContent).toBe('Say who called');
    expect(screen.getByTestId('message-callback-error').textContent).toContain('7 to 15 digits');
    const draft = calls.find((c) => c.cmd === 'send_message')!.args.draft as Record<string, unknown>;
    expect(draft.to).toEqual({ kind: 'user', id: 'u-doc' });
    expect(draft.kind).toBe('phoneNote');
    expect(draft.subject).toBe('Called about BP');
  });
});

describe('a refill request', () => {
  it('is offered to a nurse, who picks the medication, and never to the desk', async () => {
    mockCommands({ message_recipients: () => [] });
    session.info = appInfoAs(DESK);
    const desk = render(NewMessage, { props: { onsent: () => {}, oncancel: () => {} } });
    const deskKinds = Array.from(screen.getByTestId('message-kind').querySelectorAll('option')).map((o) => o.value);
    expect(deskKinds).not.toContain('refillRequest');
    desk.unmount();
    session.info = appInfoAs(NURSE);
    render(NewMessage, { props: { onsent: () => {}, oncancel: () => {}, kind: 'refillRequest' } });
    expect(screen.getByTestId('message-medication')).toBeTruthy();
    expect(screen.getByText(/Choose the patient first/)).toBeTruthy();
  });
});

describe('the badge', () => {
  it('says what waits, or nothing', () => {
    expect(badgeText(null)).toBe('');
    expect(badgeText({ unread: 0, overdue: 0, urgent: 0, referralsOverdue: 0, criticalResults: 0 })).toBe('');
    expect(badgeText({ unread: 2, overdue: 1, urgent: 1, referralsOverdue: 0, criticalResults: 0 })).toBe('2 new · 1 urgent · 1 overdue');
    expect(badgeText({ unread: 0, overdue: 0, urgent: 0, referralsOverdue: 2, criticalResults: 1 })).toBe('2 referrals overdue · 1 critical result');
  });
});
