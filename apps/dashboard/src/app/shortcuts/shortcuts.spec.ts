import { shortcutFor } from './shortcuts';

function press(key: string, target: Element = document.body, modifiers = {}) {
  return { key, ctrlKey: false, metaKey: false, altKey: false, target, ...modifiers };
}

describe('shortcutFor', () => {
  it.each([
    ['/', 'search'],
    ['j', 'next'],
    ['k', 'previous'],
    ['Enter', 'open'],
    [' ', 'pause'],
    ['?', 'help'],
    ['Escape', 'close'],
  ])('maps %j on the page to %s', (key, action) => {
    expect(shortcutFor(press(key))).toBe(action);
  });

  it('leaves keys typed into a text box alone, except Escape', () => {
    const input = document.createElement('input');
    expect(shortcutFor(press('j', input))).toBeNull();
    expect(shortcutFor(press(' ', input))).toBeNull();
    expect(shortcutFor(press('/', input))).toBeNull();
    expect(shortcutFor(press('Escape', input))).toBe('close');
  });

  it('lets buttons and the list handle Enter and Space themselves', () => {
    const button = document.createElement('button');
    expect(shortcutFor(press('Enter', button))).toBeNull();
    expect(shortcutFor(press(' ', button))).toBeNull();
    expect(shortcutFor(press('j', button))).toBe('next');
  });

  it('pauses with Space in the list, where Enter opens the active line instead', () => {
    const list = document.createElement('div');
    list.setAttribute('role', 'listbox');
    expect(shortcutFor(press(' ', list))).toBe('pause');
    expect(shortcutFor(press('Enter', list))).toBeNull();
  });

  it('leaves browser shortcuts with modifiers alone', () => {
    expect(shortcutFor(press('k', document.body, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('/', document.body, { metaKey: true }))).toBeNull();
  });

  it('ignores other keys', () => {
    expect(shortcutFor(press('x'))).toBeNull();
  });
});
