/**
 * How a setting's text becomes its value. The same parser reads an environment variable at run
 * time and a CDK context value at synth time; `where` names the source in the error
 * ("Setting MAX_LINKS" or "Context maxLinks") so the message points at what to fix.
 */
export interface Kind<T> {
  parse(raw: string, where: string): T;
  /** At run time an empty variable counts as unset (numbers), instead of as the empty value (text). */
  readonly emptyIsUnset?: boolean;
}

export const int = (min: number): Kind<number> => ({
  emptyIsUnset: true,
  parse: (raw, where) => {
    const value = Number(raw);
    if (raw === '' || !Number.isInteger(value) || value < min)
      throw new Error(`${where} must be an integer >= ${min}, got "${raw}"`);
    return value;
  },
});

/** An integer from a fixed list (CloudWatch accepts only some retention periods). */
export const intOneOf = (values: readonly number[]): Kind<number> => ({
  emptyIsUnset: true,
  parse: (raw, where) => {
    const value = int(1).parse(raw, where);
    if (!values.includes(value)) throw new Error(`${where} must be one of ${values.join(', ')}, got ${value}`);
    return value;
  },
});

export const text: Kind<string> = { parse: (raw) => raw };

/** Empty means "not set": the consumer then chooses (the SDK's endpoint, no alarm email, a new table). */
export const optionalText: Kind<string | undefined> = { parse: (raw) => (raw === '' ? undefined : raw) };

/** A regular expression, checked when read so that a typo fails the deployment, not a request. */
export const regex: Kind<string | undefined> = {
  parse: (raw, where) => {
    if (raw === '') return undefined;
    try {
      new RegExp(raw);
    } catch {
      throw new Error(`${where} must be a regular expression, got "${raw}"`);
    }
    return raw;
  },
};

/** Comma-separated, blanks dropped. */
export const list = (options: { lowerCase?: boolean } = {}): Kind<readonly string[]> => ({
  parse: (raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((s) => (options.lowerCase ? s.toLowerCase() : s)),
});

/** One of `values`; `said` is how the error lists them; `upperCase` accepts any letter case. */
export const choice = <T extends string>(
  values: readonly T[],
  said: string,
  options: { upperCase?: boolean } = {},
): Kind<T> => ({
  parse: (raw, where) => {
    const value = options.upperCase ? raw.toUpperCase() : raw;
    if (!(values as readonly string[]).includes(value)) throw new Error(`${where} must be ${said}, got "${value}"`);
    return value as T;
  },
});

export const bool: Kind<boolean> = {
  parse: (raw, where) => {
    const value = raw.toLowerCase();
    if (value !== 'true' && value !== 'false') throw new Error(`${where} must be true or false, got "${value}"`);
    return value === 'true';
  },
};

/** An origin as a browser sends it: scheme, host and optional port; no path, no trailing slash, no wildcard. */
const isOrigin = (origin: string): boolean => {
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
  return (
    !origin.includes('*') &&
    parsed.origin === origin &&
    (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && local))
  );
};

/** A deployment's origins are checked at synth time, where a typo costs a redeploy instead of a broken blog. */
export const origins: Kind<readonly string[]> = {
  parse: (raw, where) => {
    const found = list().parse(raw, where);
    for (const origin of found)
      if (!isOrigin(origin))
        throw new Error(
          `${where}: "${origin}" is not an origin like https://blog.example.org (https, no path, no trailing slash, no wildcard)`,
        );
    return found;
  },
};

/** `comments@blog.example.org` or `Blog comments <comments@blog.example.org>`; empty means "not set". */
export const optionalMailbox: Kind<string | undefined> = {
  parse: (raw, where) => {
    if (raw === '') return undefined;
    if (!/^(?:[^<>@]+<[^\s<>@]+@[a-z0-9.-]+\.[a-z]{2,}>|[^\s<>@]+@[a-z0-9.-]+\.[a-z]{2,})$/i.test(raw))
      throw new Error(`${where} must be an address like comments@blog.example.org or Name <address>, got "${raw}"`);
    return raw;
  },
};

/** An https URL (the webhook receiver); empty means "not set". */
export const optionalHttpsUrl: Kind<string | undefined> = {
  parse: (raw, where) => {
    if (raw === '') return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (parsed?.protocol !== 'https:') throw new Error(`${where} must be an https:// URL, got "${raw}"`);
    return raw;
  },
};
