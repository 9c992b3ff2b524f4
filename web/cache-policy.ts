/**
 * How the widget's files are cached, wherever they are served (CloudFront deployed, the local demo
 * site): content-hashed names forever, the stable names blogs link to for five minutes.
 */
export const STABLE_WIDGET_FILES = ['embed.js', 'count.js', 'manifest.json'];
export const HASHED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const STABLE_CACHE_CONTROL = 'public, max-age=300';
