import { passesLuhn } from './luhn';

describe('passesLuhn', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '79927398713'])(
    'accepts %s',
    (digits) => expect(passesLuhn(digits)).toBe(true),
  );

  it.each(['4111111111111112', '1234567812345678', '79927398710', '', '4111-1111'])(
    'rejects %p',
    (digits) => expect(passesLuhn(digits)).toBe(false),
  );
});
