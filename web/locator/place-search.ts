import type { ApiClient, Place, PlacePage, SearchArea } from '../api/api-client.ts'
import { h, replaceChildren } from '../dom/h.ts'
import type { Translate } from '../../shared/i18n/messages.ts'
import { comuneInAddress, parseTypedPlace, pickPlace, withSiglaInBrackets } from './pick-place.ts'
import { placeLabel } from './place-label.ts'

/**
 * The comune box: an ARIA 1.2 combobox over `/v1/places` (bilingual names too: Bozen finds
 * Bolzano). Arrows move through the suggestions, Enter chooses, Escape closes; submitting the
 * form without choosing takes the comune of that name, so typing a name and pressing Enter just
 * works; when several comuni share it, the suggestions open and the citizen picks one.
 */
export interface PlaceSearch {
  readonly element: HTMLElement
  readonly input: HTMLInputElement
  setValue(text: string): void
  /** The comune the box gives as an example ("Es. Perugia"); null: none yet ("Comune o CAP"). */
  setExample(name: string | null): void
}

const DEBOUNCE_MS = 180

export function createPlaceSearch(options: {
  api: ApiClient
  t: Translate
  idPrefix: string
  onChoose: (place: Place) => void
  /** A comune to give as an example. @default Firenze */
  example?: string
  /** Only comuni of this area are offered (a widget or embed filtered to a region or a province). */
  area?: SearchArea
}): PlaceSearch {
  const { api, t, idPrefix } = options
  const listId = `${idPrefix}-suggestions`
  const hintId = `${idPrefix}-hint`
  const input = h('input', {
    id: `${idPrefix}-q`,
    class: 'pv-input',
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': hintId,
    placeholder: t('search.placeholder', { example: options.example ?? 'Firenze' }),
  })
  const list = h('ul', { id: listId, role: 'listbox', class: 'pv-suggestions', 'aria-label': t('search.suggestions'), hidden: true })
  const announcer = h('p', { class: 'pv-visually-hidden', role: 'status' })
  // What the search says ("Più comuni iniziano con «San»: scegli…"): above the box, where the
  // suggestions opening below it cannot cover it on a phone.
  const message = h('p', { id: `${idPrefix}-search-message`, class: 'pv-search__message', role: 'status' })
  let suggestions: Place[] = []
  let active = -1
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: AbortController | undefined

  const label = (place: Place) => placeLabel({ name: `${place.name}${place.alt_name ? ` / ${place.alt_name}` : ''}`, province: place.province })

  function close(): void {
    // The count of suggestions no longer on screen is not left for a screen reader to read again.
    announcer.textContent = ''
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  function show(places: Place[]): void {
    suggestions = places
    active = -1
    replaceChildren(
      list,
      ...places.map((place, index) =>
        h(
          'li',
          {
            id: `${idPrefix}-option-${index}`,
            role: 'option',
            class: 'pv-suggestion',
            'aria-selected': 'false',
            // mousedown, not click: it fires before the input's blur closes the list.
            onmousedown: (event: MouseEvent) => {
              event.preventDefault()
              choose(place)
            },
          },
          h('span', { class: 'pv-suggestion__name' }, label(place)),
          h('span', { class: 'pv-suggestion__where' }, `, ${place.region.name}`),
        ),
      ),
    )
    list.hidden = places.length === 0
    input.setAttribute('aria-expanded', String(places.length > 0))
    announcer.textContent = places.length > 0 ? t('search.suggestion_count', { count: places.length }) : ''
  }

  function move(step: number): void {
    if (suggestions.length === 0) return
    active = (active + step + suggestions.length) % suggestions.length
    const shown = list.querySelectorAll('[role=option]')
    shown.forEach((option, index) => option.setAttribute('aria-selected', String(index === active)))
    input.setAttribute('aria-activedescendant', `${idPrefix}-option-${active}`)
    // The focus stays in the input: the highlighted option must be brought on screen (it was below a phone's fold).
    shown[active]?.scrollIntoView({ block: 'nearest' })
  }

  function choose(place: Place): void {
    markValid()
    say('')
    input.value = label(place)
    close()
    options.onChoose(place)
  }

  let lastAnswer: { readonly text: string; readonly page: PlacePage } | undefined
  /**
   * The comuni matching `text`, or `null` when a newer lookup superseded this one: a stale answer,
   * not an empty one, so the caller ignores it instead of saying "no comune found". A network or
   * API failure throws.
   */
  async function lookup(text: string): Promise<PlacePage | null> {
    pending?.abort()
    // Punctuation alone names no comune (the API refuses it as a search): nothing found, not an error.
    if (!/[\p{L}\p{N}]/u.test(text)) return { items: [] }
    // "Cerca" right after the suggestions came for the same text: that answer, not a second request.
    if (lastAnswer?.text === text) return lastAnswer.page
    const request = new AbortController()
    pending = request
    try {
      const page = await api.places(text, request.signal, options.area)
      lastAnswer = { text, page }
      return page
    } catch (error) {
      if (request.signal.aborted) return null
      throw error
    }
  }

  /**
   * What to offer for an answer: its comuni, or the near misses ("Forse cercavi: Perugia?"), and
   * a word on a CAP that was resolved to its zone or shared by several comuni. Never a silent pick.
   */
  function offer(page: PlacePage): void {
    if (page.postcode) {
      const { code, exact } = page.postcode
      // A CAP outside the area or unknown is refused like a name; one resolved to its zone or shared, explained.
      if (page.postcode.outside_area) refuse(t('search.cap_outside', { code }))
      else if (page.items.length === 0) refuse(t('search.cap_unknown', { code }))
      else say(!exact ? t('search.cap_zone', { code }) : page.items.length > 1 ? t('search.cap_shared', { code }) : '')
      show(page.items)
      return
    }
    if (page.items.length === 0 && page.did_you_mean && page.did_you_mean.length > 0) {
      say(t('search.did_you_mean', { names: page.did_you_mean.map((p) => label(p)).join(', ') }))
      show(page.did_you_mean)
      return
    }
    show(page.items)
  }

  function say(text: string): void {
    message.textContent = text
  }

  /** Nothing found, or a comune outside the area: said, and the box marked as what needs changing (aria-invalid, pointing at the message) until it holds something else. */
  function refuse(text: string): void {
    say(text)
    input.setAttribute('aria-invalid', 'true')
    input.setAttribute('aria-describedby', `${hintId} ${message.id}`)
  }

  function markValid(): void {
    input.removeAttribute('aria-invalid')
    input.setAttribute('aria-describedby', hintId)
  }

  /**
   * An address typed whole ("Via Roma 10 Firenze"): the comuni its CAP or its last words name,
   * offered to choose from. False when none does; a failed lookup throws, for the caller to say so.
   */
  async function offerComuneOfAddress(text: string): Promise<boolean> {
    for (const candidate of comuneInAddress(text)) {
      const page = await lookup(candidate)
      if (page === null) return true
      if (page.items.length === 0) continue
      show(page.items)
      say(t('search.address', { name: candidate }))
      input.focus()
      return true
    }
    return false
  }

  input.addEventListener('input', () => {
    markValid()
    // Typing again: the last search's words no longer speak of what the box holds.
    say('')
    clearTimeout(timer)
    const text = input.value.trim()
    if (text.length < 2) return show([])
    timer = setTimeout(async () => {
      try {
        const page = await lookup(text)
        if (page) offer(page)
      } catch {
        show([])
        say(t('search.error'))
      }
    }, DEBOUNCE_MS)
  })
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      if (list.hidden && suggestions.length > 0) show(suggestions)
      move(1)
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      move(-1)
    } else if (event.key === 'Escape') {
      close()
    } else if (event.key === 'Enter' && active >= 0 && suggestions[active]) {
      event.preventDefault()
      choose(suggestions[active]!)
    }
  })
  let closing: ReturnType<typeof setTimeout> | undefined
  input.addEventListener('blur', () => (closing = setTimeout(close, 100)))

  const form = h(
    'form',
    {
      class: 'pv-search',
      role: 'search',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault()
        // A suggestion lookup still waiting would abort this search's request: the submit wins.
        clearTimeout(timer)
        let text = input.value.trim()
        if (text.length < 2) return
        let { name } = parseTypedPlace(text)
        // Said at once: on a slow connection the page otherwise stayed as it was for seconds.
        say(t('search.searching', { name }))
        let page: PlacePage | null
        try {
          page = await lookup(name)
          // Nothing as typed, and a sigla at its end ("Todi PG"): the same with the sigla as a province.
          const withProvince = page && page.items.length === 0 && !page.postcode ? withSiglaInBrackets(text) : null
          if (withProvince) {
            const nameBefore = parseTypedPlace(withProvince).name
            const again = await lookup(nameBefore)
            if (again && again.items.length > 0) [text, name, page] = [withProvince, nameBefore, again]
          }
        } catch {
          say(t('search.error'))
          return
        }
        if (page === null) return
        say('')
        // A CAP, or a name nothing starts with: the citizen chooses from what was found.
        if (page.postcode || page.items.length === 0) {
          clearTimeout(closing)
          if (page.outside_area) refuse(t('search.name_outside', { name }))
          else if (page.postcode || page.did_you_mean?.length) {
            if (page.postcode?.exact && page.items.length === 1) return choose(page.items[0]!)
            offer(page)
          } else {
            // Nothing at all: perhaps an address typed whole, whose comune is in it.
            try {
              if (await offerComuneOfAddress(text)) return
            } catch {
              say(t('search.error'))
              return
            }
            refuse(t('search.no_place'))
          }
          input.focus()
          return
        }
        const pick = pickPlace(text, page.items)
        if (pick.kind === 'one') choose(pick.place)
        else if (pick.kind === 'none') refuse(t('search.no_place'))
        else {
          // Pressing "Cerca" blurred the box, which closes the list shortly after: keep these open.
          clearTimeout(closing)
          show(pick.places)
          say(t(pick.partial ? 'search.choose_match' : 'search.choose_one', { name }))
          input.focus()
        }
      },
    },
    h('label', { for: input.id, class: 'pv-label' }, t('search.label')),
    h('p', { id: hintId, class: 'pv-hint' }, t('search.hint')),
    message,
    h('div', { class: 'pv-search__row' }, h('div', { class: 'pv-combobox' }, input, list), h('button', { type: 'submit', class: 'pv-button' }, t('search.submit'))),
    announcer,
  )
  return {
    element: form,
    input,
    setExample: (name) => {
      input.placeholder = name === null ? t('search.placeholder_area') : t('search.placeholder', { example: name })
    },
    setValue: (text) => {
      input.value = text
      markValid()
      say('')
    },
  }
}
