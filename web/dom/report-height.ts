/**
 * In another site's iframe, tells the host page this page's height whenever it changes, so the
 * iframe never shows a scrollbar (the host's listener is in docs/widget.md). Nothing outside a frame.
 */
export function reportHeightToHost(): void {
  if (window.parent === window) return
  const report = () => window.parent.postMessage({ type: 'puntovicino:resize', height: Math.ceil(document.documentElement.scrollHeight) }, '*')
  new ResizeObserver(report).observe(document.body)
  report()
}
