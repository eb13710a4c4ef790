// Commands of messages and tasks between the people of the practice (see
// src-tauri/src/commands/messages.rs).
import { call } from '../call';
import type {
  Inbox,
  InboxCounts,
  InboxFilter,
  Medication,
  Message,
  MessageDraft,
  MessageId,
  MessageStatus,
  MessageThread,
  RecipientChoice,
} from '../bindings';

export const messagesApi = {
  sendMessage: (draft: MessageDraft) => call<Message>('send_message', { draft }),
  replyToMessage: (threadId: MessageId, body: string, clinical: boolean) =>
    call<Message>('reply_to_message', { threadId, body, clinical }),
  messageInbox: (filter: InboxFilter) => call<Inbox>('message_inbox', { filter }),
  inboxCounts: () => call<InboxCounts>('inbox_counts'),
  openMessageThread: (threadId: MessageId) => call<MessageThread>('open_message_thread', { threadId }),
  setMessageStatus: (threadId: MessageId, status: MessageStatus) =>
    call<MessageThread>('set_message_status', { threadId, status }),
  refillToRenewal: (threadId: MessageId) => call<Medication>('refill_to_renewal', { threadId }),
  messageRecipients: () => call<RecipientChoice[]>('message_recipients'),
};
