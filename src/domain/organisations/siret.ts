/**
 * SIRET (14 digits: SIREN + NIC) checks. The key is Luhn's, except for La Poste (SIREN
 * 356000000), whose thousands of establishments are numbered so that the sum of the 14 digits
 * is a multiple of 5 instead (INSEE rule).
 */
const LA_POSTE_SIREN = '356000000';

export function normaliseSiret(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export function luhnIsValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function isValidSiret(input: string): boolean {
  const siret = normaliseSiret(input);
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  return luhnIsValid(siret);
}
