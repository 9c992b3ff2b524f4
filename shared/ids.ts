import { monotonicFactory } from 'ulid';

/** Comment and audit ids are ULIDs: unique without coordination and sorted by creation time. */
const nextUlid = /* @__PURE__ */ monotonicFactory();

export const newId = (now: number = Date.now()): string => nextUlid(now);

export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
