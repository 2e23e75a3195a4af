/**
 * Draws a map component into `host` once its chunk has loaded, saying what happens in `note`
 * (a status line): loading, the built-in map shown because the street map failed, or no map at
 * all (then the host is hidden: the page's text holds what the map shows). One way for the
 * statistics page and a point's page, which each bring their own map and words.
 */
export interface MapWords {
  readonly loading: string
  readonly fallback: string
  readonly unavailable: string
}

export function loadMapInto(host: HTMLElement, note: HTMLElement, words: MapWords, draw: (onBasemapFallback: () => void) => Promise<unknown>): void {
  note.textContent = words.loading
  let fellBack = false
  void draw(() => {
    fellBack = true
    note.textContent = words.fallback
  })
    .then(() => {
      if (!fellBack) note.textContent = ''
    })
    .catch(() => {
      note.textContent = words.unavailable
      host.hidden = true
    })
}
