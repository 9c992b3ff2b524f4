/**
 * The Content-Security-Policy docs/widget.md documents for a page embedding the widget in
 * strict mode (`data-csp="strict"`): no 'unsafe-inline' anywhere. The widget's CSS then comes as
 * widget.<hash>.css from the widget's origin, and its locale files are fetched from there too
 * (hence that origin in connect-src as well as the API's).
 */
export function strictWidgetCsp(widgetOrigin: string, apiOrigin: string): string {
  return [
    `default-src 'self'`,
    `script-src 'self' ${widgetOrigin}`,
    `style-src 'self' ${widgetOrigin}`,
    `connect-src 'self' ${apiOrigin} ${widgetOrigin}`,
    `img-src 'self' data:`,
    `object-src 'none'`,
    `base-uri 'none'`,
  ].join('; ');
}
