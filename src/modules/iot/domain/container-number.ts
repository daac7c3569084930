/**
 * ISO 6346 container identification: owner code (3 letters), category identifier (U, J or Z),
 * 6-digit serial number and a check digit.
 */
const CONTAINER_NUMBER = /^[A-Z]{3}[UJZ]\d{7}$/;

function letterValue(letter: string): number {
  // A=10 onwards, skipping multiples of 11 (11, 22, 33).
  let value = 10;
  for (let code = 'A'.charCodeAt(0); code < letter.charCodeAt(0); code += 1) {
    value += 1;
    if (value % 11 === 0) value += 1;
  }
  return value;
}

/** The check digit of the first ten characters of an ISO 6346 number (e.g. `CSQU305438` → 3). */
export function containerCheckDigit(firstTen: string): number {
  let sum = 0;
  for (let position = 0; position < 10; position += 1) {
    const char = firstTen.charAt(position);
    const value = char >= 'A' && char <= 'Z' ? letterValue(char) : Number(char);
    sum += value * 2 ** position;
  }
  return (sum % 11) % 10;
}

/** True when `reference` is a well-formed ISO 6346 container number with a correct check digit. */
export function isIsoContainerNumber(reference: string): boolean {
  if (!CONTAINER_NUMBER.test(reference)) return false;
  return containerCheckDigit(reference.slice(0, 10)) === Number(reference.charAt(10));
}
