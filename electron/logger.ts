/**
 * The main process's log. Everything that could hold a secret is scrubbed on the way in:
 * registered secrets are replaced, and Authorization values and signatures never pass.
 */
export interface Logger {
  info(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** Registers a value that must never appear in the log. */
  redact(secret: string): void;
}

export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const secrets = new Set<string>();
  const scrub = (text: string) => {
    let clean = text
      .replace(/q-signature=[0-9a-f]+/gi, "q-signature=[redacted]")
      .replace(/(authorization["']?\s*[:=]\s*["']?)[^"'\s,}]+/gi, "$1[redacted]");
    for (const secret of secrets) clean = clean.split(secret).join("[redacted]");
    return clean;
  };
  const format = (level: string, message: string, detail: unknown) => {
    const extra =
      detail === undefined
        ? ""
        : ` ${detail instanceof Error ? (detail.stack ?? detail.message) : JSON.stringify(detail)}`;
    write(scrub(`${new Date().toISOString()} ${level} ${message}${extra}`));
  };
  return {
    info: (message, detail) => format("info", message, detail),
    error: (message, detail) => format("error", message, detail),
    redact: (secret) => {
      if (secret.length >= 4) secrets.add(secret);
    },
  };
}
