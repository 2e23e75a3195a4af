import { html, type Html } from './pages/html.ts'

/**
 * The Titillium Web faces page.css declares, preloaded by every page that takes it: the static
 * pages through web/pages/partials/fonts.html (a test keeps the two lists equal), the
 * server-rendered ones and the open-data page here. The semibold and bold faces are
 * `font-display: optional` (page.css says why): without a preload they would miss the first
 * paint on nearly every first visit from a phone.
 */
export const FONT_FILES = ['titillium-web-latin-400-normal.woff2', 'titillium-web-latin-700-normal.woff2', 'titillium-web-latin-600-normal.woff2'] as const

export const fontPreloads = (): Html => html`${FONT_FILES.map((file) => html`<link rel="preload" href="/fonts/${file}" as="font" type="font/woff2" crossorigin>\n`)}`
