/**
 * What PicGo's server answers, and so what every editor reads: `success` and either the
 * URLs, one per file in the order asked, or a sentence. (PicList adds `fullResult`; no
 * editor needs it.) Failures keep this shape whatever the status, so an editor that shows
 * `message` shows Picops's reason.
 */
export type PicGoAnswer = { success: true; result: string[] } | { success: false; message: string };

/**
 * A request refused before any upload. Editors read `message` only from a 200 answer
 * (Obsidian's requestUrl and the VS Code extension's axios throw on any other status and
 * show a bare "status 4xx"), so, as PicGo and PicList do, what an editor can cause is
 * answered 200 with `success: false`; other statuses are for what no editor sends (a web
 * page's request, an unknown address).
 */
export class PicGoRefusal extends Error {
  constructor(
    message: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

export function failure(message: string): PicGoAnswer {
  return { success: false, message };
}
