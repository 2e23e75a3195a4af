/**
 * One report message for the operators who send files, Italian regional and municipal staff, and
 * for the maintainers who read the logs: Italian first, English second, in one string
 * ("fuori dall'Italia (45.8, 18.43) / outside Italy (45.8, 18.43)"). Column names and quoted
 * values are the same in both halves. Every row error and warning goes through here, so the
 * separator and the order are decided once.
 */
export function bilingual(italian: string, english: string): string {
  return `${italian} / ${english}`
}
