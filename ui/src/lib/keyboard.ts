// Keyboard helpers: which key presses are the app's global shortcuts, and whether the user is
// typing in a field (so plain-letter shortcuts like `/` must not fire).

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'submit', 'checkbox', 'radio', 'reset'].includes(type);
}

/** `/` outside a text field, or Ctrl+K / Cmd+K anywhere: focus the patient search. */
export function isSearchShortcut(e: KeyboardEvent): boolean {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return true;
  return e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target);
}

/** Alt+N: new patient. `code` is checked because Alt+N types a character on some layouts. */
export function isNewPatientShortcut(e: KeyboardEvent): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n');
}

/** Ctrl+Enter (Cmd+Enter on macOS): submit the form. */
export function isSubmitShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.key === 'Enter';
}

/** A form's own keys: Ctrl+Enter submits, Esc cancels. */
export function formKeys(submit: () => void, cancel: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (isSubmitShortcut(e)) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  };
}

/** Ctrl+L (Cmd+L on macOS): lock the screen now. */
export function isLockShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'l';
}

/** Alt+S: the schedule (calendar). */
export function isScheduleShortcut(e: KeyboardEvent): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyS' || e.key.toLowerCase() === 's');
}

/** Alt+F: today's flow board. */
export function isFlowBoardShortcut(e: KeyboardEvent): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyF' || e.key.toLowerCase() === 'f');
}
