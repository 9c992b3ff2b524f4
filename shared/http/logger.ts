import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs (Powertools). Never log request bodies, emails, IPs or tokens. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'parley' });
