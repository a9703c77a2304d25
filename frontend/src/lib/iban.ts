/** An IBAN in groups of four, as printed on statements: `CZ65 0800 0000 1920 0014 5399`. */
export function groupIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ')
}
