/** URL decoding as API Gateway does it: `+` is a space, and a malformed escape is kept as sent. */
export const decode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** API Gateway decodes query values and joins a repeated key's values with commas. */
export const parseQuery = (raw: string): Record<string, string> | undefined => {
  const values = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    const previous = values.get(key);
    values.set(key, previous === undefined ? value : `${previous},${value}`);
  }
  return values.size === 0 ? undefined : Object.fromEntries(values);
};

/** The request target split as API Gateway reports it: `rawPath` and `rawQueryString` (without the `?`). */
export const splitTarget = (target: string): { rawPath: string; rawQueryString: string } => {
  const queryAt = target.indexOf('?');
  return {
    rawPath: queryAt < 0 ? target : target.slice(0, queryAt),
    rawQueryString: queryAt < 0 ? '' : target.slice(queryAt + 1),
  };
};
