const SVG = 'http://www.w3.org/2000/svg'

/**
 * The "my position" crosshair as inline SVG: the "⌖" character it replaces has no glyph in the
 * fonts of Debian's chromium (and of many phones), and showed as an empty box. Decorative: the
 * button's text names the action, so the icon is hidden from screen readers.
 */
export function locationIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg')
  for (const [name, value] of Object.entries({ viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false', class: 'pv-icon' })) svg.setAttribute(name, value)
  const shapes: Array<[string, Record<string, string>]> = [
    ['circle', { cx: '12', cy: '12', r: '7', fill: 'none', stroke: 'currentColor', 'stroke-width': '2' }],
    ['circle', { cx: '12', cy: '12', r: '3', fill: 'currentColor' }],
    ['path', { d: 'M12 1v4M12 19v4M1 12h4M19 12h4', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round' }],
  ]
  for (const [tag, attributes] of shapes) {
    const shape = document.createElementNS(SVG, tag)
    for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value)
    svg.append(shape)
  }
  return svg
}
