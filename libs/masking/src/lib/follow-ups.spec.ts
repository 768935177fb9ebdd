import { createMasker } from './create-masker';

const mask = (text: string): string => createMasker().maskText(text).value;

describe('follow-ups after the detectors', () => {
  it.each([
    [
      'a password repeated later in the line',
      'login failed password=wifi-Guest-88 (pap) [guest/wifi-Guest-88]',
      'wifi-Guest-88',
    ],
    [
      'a quoted security code repeated in the bound arguments',
      "INSERT INTO c (number, cvv) VALUES ('4111111111111111', '123'); args=('4111111111111111', '123')",
      "'123'",
    ],
    [
      'a security code next to a card in a positional list',
      "received args=('4111111111111111', '341') kwargs={}",
      "'341'",
    ],
    [
      "Hibernate's bound security code after the card",
      'binding parameter (3:VARCHAR) <- [5105105105105100]\nbinding parameter (4:VARCHAR) <- [881]',
      '[881]',
    ],
  ])('hides %s', (_name, text, secret) => expect(mask(text)).not.toContain(secret));

  it.each([
    ['a short value that happens to repeat', 'cvv=123 retry 123 of 500'],
    ['a number after a card that is no code', "args=('4111111111111111', '12500')"],
  ])('keeps %s', (_name, text) => {
    const masked = mask(text);
    expect(masked).toContain(text.includes('12500') ? '12500' : 'retry 123');
  });
});
