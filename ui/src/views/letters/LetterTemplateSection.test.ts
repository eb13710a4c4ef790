// The letter template editor with mocked commands: the chart's fields listed beside the text,
// a field the core does not know refused by the body, a saved template sent as drafted.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import LetterTemplateSection from './LetterTemplateSection.svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import { session } from '../../lib/stores.svelte';
import { ADMIN, appInfoAs } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

describe('letter templates', () => {
  it('lists the fields, shows the refusal of an unknown one and saves the draft', async () => {
    session.info = appInfoAs(ADMIN);
    let tries = 0;
    const calls = mockCommands({
      letter_templates: () => [],
      letter_fields: () => [{ name: 'patient.name', meaning: "the patient's full name" }],
      save_letter_template: (a) => {
        tries += 1;
        if (tries === 1) throw errorReport('invalid_input', 'Charta does not know {{sport}}', [{ field: 'body', message: 'Charta does not know {{sport}}' }]);
        return { id: 't-1', ...a.draft, updatedByName: 'Office Admin', updatedAt: '2026-11-26T15:00:00Z' };
      },
    });
    render(LetterTemplateSection);
    await fireEvent.click(await screen.findByTestId('letter-template-new'));
    expect(screen.getByText('{{patient.name}}')).toBeTruthy();
    await fireEvent.input(screen.getByTestId('letter-template-name'), { target: { value: 'Sports note' } });
    await fireEvent.input(screen.getByTestId('letter-template-subject'), { target: { value: 'Fit for sport' } });
    await fireEvent.input(screen.getByTestId('letter-template-body'), { target: { value: '{{patient.name}} may play {{sport}}.' } });
    await fireEvent.keyDown(screen.getByTestId('letter-template-body'), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('letter-template-body-error')).textContent).toContain('{{sport}}');
    await fireEvent.input(screen.getByTestId('letter-template-body'), { target: { value: '{{patient.name}} may play.' } });
    await fireEvent.click(screen.getByTestId('letter-template-save'));
    await screen.findByText('Saved “Sports note”.');
    const saved = calls.filter((c) => c.cmd === 'save_letter_template').pop()!.args;
    expect(saved).toEqual({ id: null, draft: { kind: 'generic', name: 'Sports note', subject: 'Fit for sport', body: '{{patient.name}} may play.', active: true } });
  });
});
