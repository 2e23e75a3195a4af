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
}
