/**
 * A phone number as people write it: digits with spaces, dots, dashes, slashes or brackets, an
 * optional + and country code, 6 to 15 digits (E.164 has at most 15). One rule for the importer
 * (which empties a cell that is no number) and for operators' writes (which refuse a new one).
 */
export function isPhoneNumber(text: string): boolean {
  if (!/^\+?[\d\s().\/-]+$/.test(text)) return false
  const digits = text.replace(/\D/g, '').length
  return digits >= 6 && digits <= 15
}
