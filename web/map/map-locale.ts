import type { Translate } from '../../shared/i18n/messages.ts'

/**
 * MapLibre's UI strings (its `locale` option, keys from maplibre-gl's `src/ui/default_locale.ts`)
 * in the page's language: without it an Italian page said "Use Ctrl + scroll to zoom the map".
 * Only the controls and gestures this map uses; MapLibre keeps its English for the rest.
 */
export function mapLocale(t: Translate): Record<string, string> {
  return {
    'CooperativeGesturesHandler.WindowsHelpText': t('map.gesture_windows'),
    'CooperativeGesturesHandler.MacHelpText': t('map.gesture_mac'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.gesture_mobile'),
    'NavigationControl.ZoomIn': t('map.zoom_in'),
    'NavigationControl.ZoomOut': t('map.zoom_out'),
    'NavigationControl.ResetBearing': t('map.reset_bearing'),
    'AttributionControl.ToggleAttribution': t('map.toggle_attribution'),
    'Map.Title': t('map.title'),
  }
}
