/**
 * The one way the web code builds DOM: text always goes through text nodes, never innerHTML,
 * so names and addresses from the registry cannot inject markup.
 */
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: any) => void)>
export type Child = Node | string | number | null | undefined | false | readonly Child[]

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  append(element, children)
  return element
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (Array.isArray(child)) append(parent, child)
    else parent.appendChild(typeof child === 'object' ? (child as Node) : document.createTextNode(String(child)))
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.textContent = ''
  append(parent, children)
}
