#!/usr/bin/env node
// The browser tests drive Debian's chromium (never a downloaded browser). Install it when we
// can (root with apt, as in CI), or stop with one line saying what to install.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(CHROMIUM)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = existsSync('/usr/bin/apt-get')
if (!isRoot || !hasApt) {
  console.error(`Browser tests need Chromium at ${CHROMIUM}: install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH, then run npm test again.`)
  process.exit(1)
}
console.log('[ensure-chromium] installing Debian chromium for the browser tests (apt-get)…')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], { stdio: 'inherit', env })
} catch {
  console.error('Installing chromium with apt-get failed: install Debian\'s chromium package by hand, then run npm test again.')
  process.exit(1)
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is missing: install Debian's chromium package, then run npm test again.`)
  process.exit(1)
}
