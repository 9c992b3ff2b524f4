/**
 * On Node 20 the AWS SDK warns, once per process, that versions from 2027 will need Node 22. The
 * SDK's own switch turns off exactly that warning (see emitWarningIfUnsupportedVersion in
 * @aws-sdk/core); every other warning still shows.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export {};
