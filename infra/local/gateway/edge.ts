/**
 * The local stand-in for CloudFront in front of the API (`edge` mode), so the tests exercise the
 * path a deployed request takes: the client's own `CloudFront-Viewer-Address` and
 * `X-Origin-Verify` are dropped, CloudFront's are added (the TCP peer, the origin secret), and
 * API Gateway sees the edge server's address instead of the reader's.
 */
import type { IncomingMessage } from 'node:http';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../../shared/http/client-address';

export interface EdgeOptions {
  /** The value CloudFront adds as `X-Origin-Verify` (the functions' `ORIGIN_VERIFY_SECRET`). */
  readonly originSecret: string;
}

/** A CloudFront edge server's address (documentation range): what `sourceIp` is behind the edge. */
export const EDGE_SOURCE_IP = '192.0.2.80';

/** The headers CloudFront sends on, given the client's: forged edge headers replaced by real ones. */
export const throughEdge = (
  headers: Map<string, string>,
  req: IncomingMessage,
  peer: string,
  edge: EdgeOptions,
): void => {
  headers.set(VIEWER_ADDRESS_HEADER, `${peer}:${req.socket.remotePort ?? 0}`);
  headers.set(ORIGIN_VERIFY_HEADER, edge.originSecret);
};
