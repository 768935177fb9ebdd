import type { Detector } from '../detector';
import { keywordIdentifierDetector } from './keyword-identifiers';

function found(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

describe('keyword-introduced identifiers', () => {
  it.each([
    ['an SSN written with spaces', 'submitted SSN 123 45 6789 and DOB', 'US_SSN:123 45 6789'],
    ['an ITIN after tax_id', 'tax_id=900-70-0000 (ITIN)', 'NATIONAL_ID:900-70-0000'],
    ['an SSN in an XML element', '<SSN>123456789</SSN>', 'US_SSN:123456789'],
    ['a UK NINO in groups', '"national_id": "QQ 98 76 54 A"', 'NATIONAL_ID:QQ 98 76 54 A'],
    [
      'a UK NINO after a phrase',
      'National Insurance number QQ123456C accepted',
      'NATIONAL_ID:QQ123456C',
    ],
    ['a Spanish DNI', 'applicant DNI 12345678Z (ES)', 'NATIONAL_ID:12345678Z'],
    ['a Brazilian CPF', 'CPF 123.456.789-09 (BR)', 'NATIONAL_ID:123.456.789-09'],
    [
      'an Italian codice fiscale',
      'codice fiscale RSSMRA85T10A562S (IT)',
      'NATIONAL_ID:RSSMRA85T10A562S',
    ],
    ['an Aadhaar number', 'Aadhaar 2345 6789 0124 masked=false', 'NATIONAL_ID:2345 6789 0124'],
    ['a Swedish personnummer', '"personnummer":"811218-9876"', 'NATIONAL_ID:811218-9876'],
    ['a Singapore NRIC', 'kyc ok NRIC S1234567D', 'NATIONAL_ID:S1234567D'],
    ['a Mexican CURP', 'curp=GODE561231HDFRRN09 valid', 'NATIONAL_ID:GODE561231HDFRRN09'],
    ['an Argentine CUIT', 'CUIT: 20-12345678-9', 'NATIONAL_ID:20-12345678-9'],
    ['a Finnish henkilötunnus', 'hetu 131052-308T', 'NATIONAL_ID:131052-308T'],
    ['a German Steuer-ID', 'Steuer-ID 65929970489', 'NATIONAL_ID:65929970489'],
    ['a Turkish TC Kimlik No', 'TC Kimlik No: 10000000146', 'NATIONAL_ID:10000000146'],
    ['an NHS number', 'nhs_number=943 476 5919', 'NATIONAL_ID:943 476 5919'],
    ['a Swiss AHV number', 'AHV-Nummer 756.1234.5678.97', 'NATIONAL_ID:756.1234.5678.97'],
    [
      'an IMSI after its keyword',
      'MSISDN x IMSI 310150123456789 ok',
      'SUBSCRIBER_ID:310150123456789',
    ],
    ['an IMSI in brackets', 'UE IMSI[001010000000002] APN', 'SUBSCRIBER_ID:001010000000002'],
    ['an IMSI with a dash', '[imsi-999700000000001:1:11]', 'SUBSCRIBER_ID:999700000000001'],
    [
      'an ICCID with a valid Luhn digit',
      'ICCID=8944102478729515508 IMSI',
      'SUBSCRIBER_ID:8944102478729515508',
    ],
    ['an IMEI', 'device enrolled IMEI 490154203237518 serial', 'SUBSCRIBER_ID:490154203237518'],
    ['an MSISDN', 'msisdn=447700900287 operator=23415', 'PHONE:447700900287'],
    [
      'an Android device id (IMEI)',
      'deviceId=014976432312069 simSerial',
      'SUBSCRIBER_ID:014976432312069',
    ],
    ['an SSN in escaped JSON', '{\\"ssn\\":219099999}', 'US_SSN:219099999'],
    ['an MSISDN with a plus', 'MSISDN +447700900123 swap', 'PHONE:+447700900123'],
    ['a phone in national groups', 'mobile: "415 555 0177"', 'PHONE:415 555 0177'],
    ['a CVV', 'card=[CREDIT_CARD] cvv=404 amount', 'CARD_SECURITY:404'],
    ['a CVV after a linking verb', 'the CVV2 is 737 thanks', 'CARD_SECURITY:737'],
    ['a four-digit CVC in JSON', '"cvc":"4412"', 'CARD_SECURITY:4412'],
    ['a CyberSource CVN', 'auth declined CVN: 921 mismatch', 'CARD_SECURITY:921'],
    ["JCB's CAV2", 'cav2=318 ok', 'CARD_SECURITY:318'],
  ])('masks %s', (_name, text, expected) =>
    expect(found(keywordIdentifierDetector, text)).toEqual([expected]),
  );

  it.each([
    ['an SSN keyword before a short number', 'SSN 1234 on file'],
    ['a number after an unrelated word', 'took 123456789 ms'],
    ['an ICCID that fails Luhn', 'ICCID=8944102478729515509'],
    ['a non-ICCID 19-digit run', 'ICCID=1234567890123456782'],
    ['a five-digit CVV-like number', 'cvv=40412'],
    ['a verb that ends another word', 'cvv this 737'],
    ['a phone keyword before a short code', 'phone ext 4412'],
    ['an IMSI glued to letters', 'imsi=310150123456789abc'],
    ['a keyword that only ends a longer word', 'lessn 123-45-6789'],
    ['an SSN keyword before an id of another shape', 'ssn=1234-56-789'],
  ])('leaves %s alone', (_name, text) =>
    expect(found(keywordIdentifierDetector, text)).toEqual([]),
  );
});
