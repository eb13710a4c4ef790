// The scope chooser: three inline choices and Back, the first focused, keys 1/2/3 choose and
// Esc goes back, worded for a change or a cancellation.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ScopeChooser from './ScopeChooser.svelte';

afterEach(() => document.body.replaceChildren());

function mount(action: 'change' | 'cancel') {
  const onchoose = vi.fn();
  const oncancel = vi.fn();
  render(ScopeChooser, { action, onchoose, oncancel });
  return { onchoose, oncancel };
}

describe('scope chooser', () => {
  it('focuses "this appointment" first and asks about the action', () => {
    mount('cancel');
    expect(document.activeElement).toBe(screen.getByTestId('scope-this'));
    expect(screen.getByTestId('scope-chooser').textContent).toContain('Cancel which appointments');
  });

  it('chooses by click', async () => {
    const { onchoose } = mount('change');
    await fireEvent.click(screen.getByTestId('scope-following'));
    expect(onchoose).toHaveBeenCalledWith('following');
  });

  it('chooses by 1, 2 and 3 and goes back by Esc', async () => {
    const { onchoose, oncancel } = mount('change');
    const focused = screen.getByTestId('scope-this');
    await fireEvent.keyDown(focused, { key: '3' });
    expect(onchoose).toHaveBeenLastCalledWith('all');
    await fireEvent.keyDown(focused, { key: '2' });
    expect(onchoose).toHaveBeenLastCalledWith('following');
    await fireEvent.keyDown(focused, { key: '1' });
    expect(onchoose).toHaveBeenLastCalledWith('this');
    expect(oncancel).not.toHaveBeenCalled();
    await fireEvent.keyDown(focused, { key: 'Escape' });
    expect(oncancel).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByTestId('scope-cancel'));
    expect(oncancel).toHaveBeenCalledTimes(2);
  });

  it('leaves Alt shortcuts to the app', async () => {
    const { onchoose } = mount('change');
    await fireEvent.keyDown(screen.getByTestId('scope-this'), { key: '1', altKey: true });
    expect(onchoose).not.toHaveBeenCalled();
  });
});
