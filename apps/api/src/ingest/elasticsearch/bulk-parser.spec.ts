import { BadRequestException } from '@nestjs/common';
import { MALFORMED } from '../../logs/request-body';
import { parseBulk } from './bulk-parser';

describe('parseBulk', () => {
  it('pairs actions with their documents; delete has none, update keeps none', () => {
    const items = parseBulk(
      [
        '{"index":{"_index":"a"}}',
        '{"msg":"one"}',
        '',
        '{"create":{}}',
        '{"msg":"two"}',
        '{"delete":{"_index":"a","_id":"1"}}',
        '{"update":{"_id":"2"}}',
        '{"doc":{"x":1}}',
        '{"index":{}}',
        '{"msg": broken',
        '{"index":{}}',
        '[1,2]',
      ].join('\r\n'),
    );
    expect(items).toEqual([
      { action: 'index', index: 'a', document: { msg: 'one' } },
      { action: 'create', index: undefined, document: { msg: 'two' } },
      { action: 'delete', index: 'a', document: undefined },
      { action: 'update', index: undefined, document: undefined },
      { action: 'index', index: undefined, document: MALFORMED },
      { action: 'index', index: undefined, document: MALFORMED },
    ]);
  });

  it.each([
    ['a document where an action belongs', '{"msg":"x"}\n', 1],
    ['two actions in one line', '{"index":{},"create":{}}\n{"msg":"x"}\n', 1],
    ['an action that is not JSON', '{"index":{}}\n{"msg":"x"}\nnot json\n', 3],
    ['an action without metadata', '{"index":1}\n{"msg":"x"}\n', 1],
  ])('refuses %s, naming the line', (_name, text, line) => {
    expect(() => parseBulk(text)).toThrow(BadRequestException);
    expect(() => parseBulk(text)).toThrow(`Malformed action/metadata line [${line}]`);
  });

  it('refuses an action whose document is missing', () => {
    expect(() => parseBulk('{"index":{}}\n')).toThrow('Bulk action on line 1 has no document');
  });
});
