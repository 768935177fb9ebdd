import { basePath, serverUrl } from './base-path';

function documentAt(baseURI: string): Document {
  return { baseURI } as Document;
}

describe('basePath', () => {
  it.each([
    ['https://logs.example.com/', '/', 'https://logs.example.com'],
    [
      'https://logs.example.com/tools/redtail/',
      '/tools/redtail/',
      'https://logs.example.com/tools/redtail',
    ],
    [
      'http://127.0.0.1:3000/tools/redtail/index.html',
      '/tools/redtail/',
      'http://127.0.0.1:3000/tools/redtail',
    ],
  ])('reads %s as base %s and server %s', (baseURI, path, url) => {
    expect(basePath(documentAt(baseURI))).toBe(path);
    expect(serverUrl(documentAt(baseURI))).toBe(url);
  });
});
