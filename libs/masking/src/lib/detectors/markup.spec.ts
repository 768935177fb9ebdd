import type { Detector } from '../detector';
import { SensitiveKeys } from '../sensitive-keys';
import { markupDetector } from './markup';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const detector = markupDetector(new SensitiveKeys());
const found = (text: string): string[] => findings(detector, text);

describe('markup detector', () => {
  it.each([
    ['a password element', '<password>hunter2</password>', 'PASSWORD:hunter2'],
    [
      'a WS-Security password with attributes',
      '<wsse:Password Type="http://docs.oasis-open.org/wss#PasswordText">Crm!nt3gr8</wsse:Password>',
      'PASSWORD:Crm!nt3gr8',
    ],
    [
      'a namespaced API key',
      '<ns2:apiKey>2e2a9c57d72a97f686df9a43d9c58ca7</ns2:apiKey>',
      'SECRET:2e2a9c57d72a97f686df9a43d9c58ca7',
    ],
    [
      'an HTML password input',
      '<input type="password" name="_password" value="Tw1g-Debug!" class="c">',
      'PASSWORD:Tw1g-Debug!',
    ],
    [
      'a .NET setting by key',
      '<add key="ClearTextPassword" value="Nuget-Feed-Pw9" />',
      'PASSWORD:Nuget-Feed-Pw9',
    ],
    [
      'a Hibernate property',
      '<property name="hibernate.connection.password">hib3rnate-Pw</property>',
      'PASSWORD:hib3rnate-Pw',
    ],
    ['a card code input', '<input name="cvc" value="552">', 'CARD_SECURITY:552'],
    ['an MSISDN element', '<ns1:msisdn>447700900654</ns1:msisdn>', 'PHONE:447700900654'],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['an ordinary element', '<amount>10.00</amount>'],
    ['an empty password element', '<password></password>'],
    ['a password element holding elements', '<password><hash>x</hash></password>'],
    ['a self-closing password element', '<password/>'],
    ['an input with an ordinary name', '<input name="email_opt_in" value="yes">'],
    ['a comparison', 'if a <b and c> d'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
