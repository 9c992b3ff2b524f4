/** What a use-case-facing handler sees of an HTTP request: Lambda's event, reduced to plain data. */
export interface ApiRequest {
  readonly requestId: string;
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** The address API Gateway saw; never a client-supplied header. Behind CloudFront, use `clientAddress`. */
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Verified JWT claims (API Gateway's authorizer), only on moderator routes. */
  readonly claims: Readonly<Record<string, string>> | undefined;
}

export interface ApiResponse {
  readonly status: number;
  /** Serialised as JSON unless `contentType` says otherwise (then it must be a string). */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}
