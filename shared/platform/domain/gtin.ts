/** GS1 mod-10 check digit over GTIN-8/12/13/14 (GS1 General Specifications 7.9.1). */
export function gtinCheckDigit(body: string): number {
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    total += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (total % 10)) % 10;
}

export function isValidGtin14(gtin: string): boolean {
  if (!/^\d{14}$/.test(gtin)) return false;
  return gtinCheckDigit(gtin.slice(0, 13)) === Number(gtin[13]);
}
