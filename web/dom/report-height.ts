/**
 * In another site's iframe, tells the host page this page's height whenever it changes, so the
 * iframe never shows a scrollbar (the host's listener is in docs/widget.md). Nothing outside a frame.
 * The height is the body's own: the document's scroll height is never less than the frame's, so a
 * frame sized by it could grow but never shrink back when the content did.
 */
export function reportHeightToHost(): void {
  if (window.parent === window) return
  let last = -1
  const report = () => {
    const style = getComputedStyle(document.body)
    const height = Math.ceil(document.body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom))
    if (height === last) return
    last = height
    window.parent.postMessage({ type: 'puntovicino:resize', height }, '*')
  }
  new ResizeObserver(report).observe(document.body)
  report()
  // The host has just fitted the frame to a new height: a focus moved meanwhile may now lie
  // where the frame was too short to show it (see keepFocusInView).
  window.addEventListener('resize', () => {
    if (performance.now() > keepFocusUntil) return
    const focused = document.activeElement
    if (focused instanceof HTMLElement && focused !== document.body) focused.scrollIntoView({ block: 'center' })
  })
}

let keepFocusUntil = -Infinity

/**
 * Focus moved to an element the frame may not yet be tall enough to show (Back to a list drawn
 * again: the frame grows after the focus lands): when the host fits the frame in the next moments,
 * the focused element is brought into view again. Focusing had scrolled the host only to the
 * frame's old bottom, leaving the card 3,000 px below the screen. Nothing outside a frame.
 */
export function keepFocusInView(): void {
  if (window.parent !== window) keepFocusUntil = performance.now() + 2000
}
