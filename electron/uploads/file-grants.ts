import path from "node:path";
import { PicopsError } from "../../shared/errors";

/**
 * The files the designer gave Picops: picked in a file dialog or dropped on the window
 * (Electron; the preload reports each path it resolves for a File), named by "Open with…"
 * or on the command line, or streamed by the page and staged (web host). `files.add` takes
 * these and nothing else, so a page or a call that merely names a path — /etc/passwd,
 * /usr/share — learns nothing about it.
 */
export class FileGrants {
  readonly #granted = new Set<string>();

  grant(paths: Iterable<string>): void {
    for (const given of paths) if (given !== "") this.#granted.add(path.resolve(given));
  }

  /** A given file, or anything inside a given folder (Open with… may name a folder). */
  allows(candidate: string): boolean {
    for (let at = path.resolve(candidate); ; at = path.dirname(at)) {
      if (this.#granted.has(at)) return true;
      if (path.dirname(at) === at) return false;
    }
  }

  /** Refuses the whole call at the first path nobody gave, so nothing of it is read. */
  check(paths: Iterable<string>): void {
    for (const candidate of paths) {
      if (!this.allows(candidate)) {
        throw new PicopsError("file-not-given", "file-not-given", { file: candidate }, { status: 403 });
      }
    }
  }
}
