// Building DOM elements from data. Every value becomes a text node or an attribute value: nothing is ever
// parsed as HTML, so names, id tags and charger messages cannot inject markup.

// h('button', {class: 'primary', onclick: save, disabled: true}, 'Save')
// Properties: `class`, `on<event>` handlers, `dataset` (object), booleans toggle attributes, `null`/`undefined`
// and `false` leave an attribute out, everything else becomes an attribute. Children: strings and numbers
// become text, arrays are flattened, null/undefined/false are skipped.
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'style') throw new Error('inline styles break the Content-Security-Policy; use a class');
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value' && 'value' in element) {
      element.value = String(value);
    } else if (name === 'checked' || name === 'selected') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

// Replaces everything inside `parent`.
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

// A unique id for tying a <label for> to its control.
let nextId = 1;
export function uniqueId(prefix = 'field') {
  return `${prefix}-${nextId++}`;
}
