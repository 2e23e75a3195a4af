/** "Via Roma 1, 50100 Firenze": an address as one line, each part only when known. */
export const postalLine = (street: string | null | undefined, postcode: string | null | undefined, comune: string): string =>
  [street, [postcode, comune].filter(Boolean).join(' ')].filter(Boolean).join(', ')
