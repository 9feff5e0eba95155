// Element creation shared by every page's widgets (the lab, the debug overlay, the game later): one
// call builds an element with its class, test id, text and children.

export interface ElementProps {
  class?: string;
  testid?: string;
  text?: string;
  title?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class !== undefined) node.className = props.class;
  if (props.testid !== undefined) node.dataset.testid = props.testid;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title !== undefined) node.title = props.title;
  node.append(...children);
  return node;
}
