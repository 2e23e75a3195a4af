import type { PointDraft, PointRecord } from '../../shared/schemas/point.ts'

/**
 * Changes not saved when the session ended: kept in the tab (sessionStorage, as the session was)
 * while the operator signs in again, and offered again on the point, with the version they were
 * made on, so a save after a change by someone else meets the conflict view, not an overwrite.
 */
export interface UnsavedDraft {
  readonly base: PointRecord
  readonly etag: string
  readonly draft: PointDraft
}

const KEY = 'puntovicino.console.unsaved'

export function keepUnsaved(unsaved: UnsavedDraft): void {
  sessionStorage.setItem(KEY, JSON.stringify(unsaved))
}

/** The changes kept for this point, once (they are the form's again). */
export function takeUnsaved(id: string): UnsavedDraft | null {
  const kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as UnsavedDraft | null
  if (!kept || kept.base.id !== id) return null
  sessionStorage.removeItem(KEY)
  return kept
}

export const hasUnsaved = (): boolean => sessionStorage.getItem(KEY) !== null

/** The editor on the page, if any: what leaving the point, closing the tab or closing a report asks about. */
let shownEditor: { readonly root: HTMLElement; readonly hasChanges: () => boolean; readonly keep: () => void } | null = null

/** `keep` keeps the form's changes as `keepUnsaved` does, for a session ending before a save. */
export function showEditor(root: HTMLElement, hasChanges: () => boolean, keep: () => void): void {
  shownEditor = { root, hasChanges, keep }
}

/** Whether the point editor on the page holds changes not yet saved (the form, or JSON typed and not applied). */
export const hasUnsavedEdits = (): boolean => shownEditor !== null && shownEditor.root.isConnected && shownEditor.hasChanges()

/** Keeps the shown editor's changes not saved, if any, for the point after signing in again. */
export function keepUnsavedEdits(): void {
  if (hasUnsavedEdits()) shownEditor!.keep()
}
