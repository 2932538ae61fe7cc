import { describe, expect, test } from 'vitest';
import { keepHostFocus } from './host-focus';

/** Just enough of a window: whether it is framed, whether it has focus, and focus() calls seen. */
function fakeWindow({ framed }: { framed: boolean }) {
  const focused: string[] = [];
  class FakeElement {
    constructor(readonly id: string) {}
    focus(): void {
      focused.push(this.id);
    }
  }
  const state = { hasFocus: false };
  const self = {};
  const win = {
    self,
    top: framed ? {} : self,
    HTMLElement: FakeElement,
    document: { hasFocus: () => state.hasFocus },
  } as unknown as Window & typeof globalThis;
  return { win, state, focused, element: (id: string) => new FakeElement(id) };
}

describe('keepHostFocus', () => {
  test('in a frame without focus, focus() is ignored; once the frame has focus it works', () => {
    const { win, state, focused, element } = fakeWindow({ framed: true });
    keepHostFocus(win);
    element('body').focus();
    expect(focused).toEqual([]);
    state.hasFocus = true;
    element('panel-view-heading').focus();
    expect(focused).toEqual(['panel-view-heading']);
  });

  test('a page that is not framed keeps focus() as it is, focused or not', () => {
    const { win, focused, element } = fakeWindow({ framed: false });
    keepHostFocus(win);
    element('email').focus();
    expect(focused).toEqual(['email']);
  });
});
