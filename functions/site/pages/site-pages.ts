/**
 * Everything the pages' routes render with, in one module they load on the first page request:
 * a Lambda cold start that answers a nearest query does not load the renderers, their messages
 * or the JSON-LD builder.
 */
export { html } from './html.ts'
export { loadPagesTranslator } from './page-messages.ts'
export { pageShell } from './page-shell.ts'
export { renderPointPage } from './point-page.ts'
export { comuneAt, regionAt, renderComunePage, renderProvincePage, renderRegionPage, territoryPaths } from './territory-pages.ts'
export { comuneLooselyAt, provinceLooselyAt, regionLooselyAt } from './loose-addresses.ts'
