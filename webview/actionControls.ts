// The action bar's pieces, built with text only (names come from people: never parsed as HTML).

/** A button with a codicon and a short word; the tooltip says what it does, and so does its name for screen readers. */
export function iconButton(icon: string, text: string, tooltip: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.title = tooltip;
  button.setAttribute('aria-label', tooltip);
  const glyph = document.createElement('span');
  glyph.className = `codicon codicon-${icon}`;
  glyph.setAttribute('aria-hidden', 'true');
  const word = document.createElement('span');
  word.className = 'act-text';
  word.textContent = text;
  button.append(glyph, word);
  button.addEventListener('click', onClick);
  return button;
}

/** A list or a field with its visible label (the label names it for screen readers too). */
export function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = 'act-label';
  const word = document.createElement('span');
  word.textContent = text;
  label.append(word, control);
  return label;
}
