import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { PROVINCES } from '../../../shared/gazetteer/admin-units.ts'
import { langQuery, type Lang } from '../../../shared/i18n/langs.ts'
import { slugOf } from '../../../shared/text/slug.ts'
import { html, type Html } from './html.ts'
import type { PagesTranslate } from './page-messages.ts'

/**
 * Where the territory's pages live, and the trail of links up to them that every page below a
 * region shows (a point's page too: region, province, comune). Names are unique within a
 * province, so `{name}-{pr}` names one comune.
 */
export const comunePath = (comune: Pick<Comune, 'name' | 'province'>): string => `/comuni/${slugOf(comune.name)}-${comune.province.toLowerCase()}`
export { regionPath } from '../../../shared/text/page-paths.ts'
export const provincePath = (sigla: string): string => `/province/${sigla.toLowerCase()}`

export const PROVINCE_BY_SIGLA = new Map(Object.values(PROVINCES).map(([sigla, region, name]) => [sigla, { region, name }]))

export function breadcrumb({ t, lang }: { readonly t: PagesTranslate; readonly lang: Lang }, steps: ReadonlyArray<readonly [string, string]>): Html {
  return html`<nav aria-label="${t('pages.breadcrumb')}" class="pv-page__breadcrumb"><ol>${steps.map(([href, label]) => html`<li><a href="${href}${langQuery(lang)}">${label}</a></li>`)}</ol></nav>`
}
