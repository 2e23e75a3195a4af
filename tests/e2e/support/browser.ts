import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Frame, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { E2E_NOW } from './server.ts'

/** Debian's chromium, never a downloaded browser; flags from docs TOOLCHAIN (no outside lookups, software GL). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = 'tests/artifacts'

/**
 * One Chromium for a test file: launched before its tests and closed after them. Call it at the
 * top of the file; the getter it returns gives the browser inside tests.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('the shared browser is launched in beforeAll: use it inside tests')
    return browser
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  })
}

/** A phone (the person we build for is on one), Italian, with the clock of the API. */
export async function phoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    // axe is injected as a script: the page's CSP (script-src 'self') would refuse it.
    bypassCSP: true,
    ...options,
  })
  await context.clock.setFixedTime(E2E_NOW)
  return context
}

/** What the citizen sees (the viewport) and, beside it, the whole page. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` })
  await page.screenshot({ path: `${ARTIFACTS}/${name}.full.png`, fullPage: true })
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: string[]
}

/** axe-core's WCAG 2.1 A/AA rules plus its best practices, in the page (shadow roots included). */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  await target.evaluate(axeSource)
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }))
  })
}

/**
 * How a control stands out, as WCAG measures it: its text against what is behind it (1.4.3), and
 * its shape (its own background or its border) against what surrounds it (1.4.11). Colours are
 * the computed ones; a transparent background is the nearest ancestor's (axe leaves such cases
 * "incomplete": a white label on no background inside a white dialog passed it).
 */
export function controlContrast(control: Locator): Promise<{ text: number; boundary: number }> {
  return control.evaluate((element) => {
    const rgba = (value: string) => (value.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number) as [number, number, number, number?]
    const opaque = (value: string) => (rgba(value)[3] ?? 1) > 0
    const behind = (from: Element | null): string => {
      for (let node = from; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor
        if (opaque(colour)) return colour
      }
      return 'rgb(255, 255, 255)'
    }
    const luminance = (value: string) => {
      const [r, g, b] = rgba(value).slice(0, 3).map((c) => c! / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    const ratio = (a: string, b: string) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return (light! + 0.05) / (dark! + 0.05)
    }
    const style = getComputedStyle(element)
    const own = behind(element)
    const around = behind(element.parentElement)
    const border = Number.parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== 'none' ? ratio(style.borderTopColor, around) : 1
    return { text: ratio(style.color, own), boundary: Math.max(ratio(own, around), border) }
  })
}
