import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Who may talk to the web host: only pages it served itself, on loopback, holding the
 * per-launch token. The Host check defeats DNS rebinding (a foreign name resolving to
 * 127.0.0.1); the Origin check defeats other local pages; the token defeats the rest.
 */
export interface RequestGuard {
  hostAllowed(request: IncomingMessage): boolean;
  originAllowed(request: IncomingMessage): boolean;
  tokenMatches(candidate: string | undefined): boolean;
}

/** `authority` is the address the host listens on, as a Host header names it (`[::1]:41234`). */
export function createRequestGuard(authority: string, port: number, token: string): RequestGuard {
  const hosts = new Set([authority, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  const expected = Buffer.from(token);
  return {
    hostAllowed: (request) => hosts.has(request.headers.host ?? ""),
    originAllowed: (request) => origins.has(request.headers.origin ?? ""),
    tokenMatches(candidate) {
      if (candidate === undefined) return false;
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|localhost)$/;

export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK.test(host);
}
