import type { IncomingHttpHeaders } from 'node:http';
import { mediaTypeOf } from '../../body/media-type';

/** What Elasticsearch clients check on every answer (elastic-transport's product check). */
export const ELASTIC_PRODUCT_HEADER = 'X-Elastic-Product';
export const ELASTIC_PRODUCT = 'Elasticsearch';

const VENDOR_JSON = 'application/vnd.elasticsearch+json';
const MAJORS: Readonly<Record<number, string>> = { 8: '8.19.0', 9: '9.1.0' };

/**
 * A request from an Elasticsearch client rather than a browser: the official clients send
 * `x-elastic-client-meta` and a vendor `Accept`; Beats and others ask for plain JSON.
 */
export function isElasticsearchRequest(headers: IncomingHttpHeaders): boolean {
  if (headers['x-elastic-client-meta'] !== undefined) return true;
  const accept = headers.accept ?? '';
  return accept.includes(VENDOR_JSON) || accept.trim().toLowerCase() === 'application/json';
}

/** `compatible-with=N` from Accept or Content-Type: the API major the client speaks (8 or 9). */
export function compatibleMajor(headers: IncomingHttpHeaders): number {
  const media = mediaTypeOf({ 'content-type': headers.accept?.split(',')[0] });
  const major = Number(media?.parameters['compatible-with']);
  return MAJORS[major] ? major : 8;
}

/** The media type of an answer: the vendor type when the client asked for it, else JSON. */
export function responseType(headers: IncomingHttpHeaders): string {
  return headers.accept?.includes(VENDOR_JSON)
    ? `${VENDOR_JSON};compatible-with=${compatibleMajor(headers)}`
    : 'application/json';
}

/**
 * `GET /`: enough of Elasticsearch's info document for clients to accept the node (a version
 * of the major they speak, ≥ 8), plainly named as Redtail.
 */
export function infoDocument(headers: IncomingHttpHeaders): object {
  const number = MAJORS[compatibleMajor(headers)];
  return {
    name: 'redtail',
    cluster_name: 'redtail',
    cluster_uuid: 'redtail',
    version: {
      number,
      build_flavor: 'default',
      build_type: 'redtail',
      build_snapshot: false,
      minimum_wire_compatibility_version: '7.17.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'You Know, for Search',
  };
}
