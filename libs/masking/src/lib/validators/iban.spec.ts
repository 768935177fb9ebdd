import { ibanLengthFor, isValidIban, passesIbanChecksum } from './iban';

describe('IBAN validation', () => {
  it.each([
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'NO9386011117947',
    'CH9300762011623852957',
  ])('accepts %s', (iban) => expect(isValidIban(iban)).toBe(true));

  it.each([
    ['a wrong check digit', 'DE88370400440532013000'],
    ['a transposition', 'DE89370400440532031000'],
    ['the wrong length for the country', 'DE8937040044053201300'],
    ['an unknown country', 'XX89370400440532013000'],
  ])('rejects %s', (_name, iban) => expect(isValidIban(iban)).toBe(false));

  it('knows registry lengths', () => {
    expect(ibanLengthFor('DE')).toBe(22);
    expect(ibanLengthFor('MT')).toBe(31);
    expect(ibanLengthFor('US')).toBeUndefined();
  });

  it('rejects characters outside A-Z and 0-9 in the checksum', () => {
    expect(passesIbanChecksum('DE89 3704')).toBe(false);
  });
});
