// What the registration form sends: unchosen sex as null (core then asks for it), no empty
// phone rows, and no emergency contact when its fields are blank.
import { describe, expect, it } from 'vitest';
import { emptyDraft, toSubmission } from './draft';

describe('toSubmission', () => {
  it('sends an unchosen sex as null so the core can ask for it', () => {
    expect(toSubmission(emptyDraft()).sexAtBirth).toBeNull();
    expect(toSubmission({ ...emptyDraft(), sexAtBirth: 'female' }).sexAtBirth).toBe('female');
  });

  it('drops empty phone rows and a blank emergency contact', () => {
    const d = emptyDraft();
    d.phones.push({ kind: 'home', number: '555 201 3344' });
    const sent = toSubmission(d);
    expect(sent.phones).toEqual([{ kind: 'home', number: '555 201 3344' }]);
    expect(sent.emergencyContact).toBeNull();
  });
});
