import { partialForm } from './partial';

describe('partialForm', () => {
  it.each([
    ['EMAIL', 'john.doe@example.com', 'j***@example.com'],
    ['EMAIL', '😀x@example.com', '😀***@example.com'],
    ['EMAIL', 'jane%40example.com', 'j***%40example.com'],
    ['PHONE', '+44 20 7946 0958', '+44 ** **** 0958'],
    ['PHONE', '+1 (415) 555-0132', '+1 (***) ***-0132'],
    ['PHONE', '0049 30 123456', '0049 ** **3456'],
    ['PHONE', '415.555.0132', '***.***.0132'],
    ['CREDIT_CARD', '4111 1111 1111 1111', '**** **** **** 1111'],
    ['CREDIT_CARD', '4111111111111111', '************1111'],
    ['US_SSN', '123-45-6789', '***-**-6789'],
    ['IBAN', 'DE89 3704 0044 0532 0130 00', 'DE** **** **** **** **30 00'],
    ['IPV4', '203.0.113.42', '203.0.113.*'],
    ['IPV6', '2001:db8:85a3::8a2e:370:7334', '2001:db8:85a3:*'],
    ['IPV6', 'fe80::1', 'fe80:*'],
    ['IPV6', '::1', '::*'],
  ])('shows %s %s as %s', (type, value, expected) => {
    expect(partialForm(type, value)).toBe(expected);
  });

  it.each(['PASSWORD', 'JWT', 'AWS_SECRET_KEY', 'PRIVATE_KEY', 'CUSTOM_ID'])(
    'has no partial form for %s',
    (type) => expect(partialForm(type, 'value')).toBeUndefined(),
  );
});
