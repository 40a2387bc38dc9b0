import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { formatMessage, messageRef } from "../../shared/error-messages";
import { checkRule } from "../../shared/rules/index";
import { writeFileAtomic } from "../fs-atomic";
import { type Exchange, sendEmpty, sendXml } from "./answer";
import { CosFailure } from "./failure";
import { malformedXml, readBody, XML_BODY_LIMIT } from "./request-body";
import { asList, parseXml, textOf, xmlDocument } from "./xml";

/**
 * A bucket's image styles (reference §7.6): named rules used as `style/<name>` in
 * Pic-Operations and download-time processing, kept in `<bucket>/styles.json`.
 */
export class StyleBook {
  private constructor(
    private readonly file: string,
    private readonly styles: Map<string, string>,
  ) {}

  static async open(root: string, bucket: string): Promise<StyleBook> {
    const file = join(root, bucket, "styles.json");
    let saved: Record<string, string> = {};
    try {
      saved = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    return new StyleBook(file, new Map(Object.entries(saved)));
  }

  get(name: string): string | undefined {
    return this.styles.get(name);
  }

  entries(): [string, string][] {
    return [...this.styles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async set(name: string, body: string): Promise<void> {
    this.styles.set(name, body);
    await this.save();
  }

  async delete(name: string): Promise<void> {
    if (this.styles.delete(name)) await this.save();
  }

  private async save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(this.styles)), 0o644);
  }
}

/** Cloud Infinite's answer to an unknown style name: CI error -105 (status unconfirmed, §4). */
export function unknownStyle(name: string): CosFailure {
  const sentence = messageRef("style-unknown", { name });
  return new CosFailure(
    400,
    "InvalidArgument",
    formatMessage(sentence.messageId, sentence.values),
    -105,
    sentence,
  );
}

const STYLE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

async function requestRoot(
  exchange: Exchange,
  root: string,
  optional: boolean,
): Promise<Record<string, unknown>> {
  const body = await readBody(exchange.req, XML_BODY_LIMIT, malformedXml);
  if (optional && body.length === 0) return {};
  const parsed = parseXml(body.toString("utf8"))?.[root];
  if (optional && parsed === "") return {};
  if (typeof parsed !== "object" || parsed === null) throw malformedXml();
  return parsed as Record<string, unknown>;
}

function styleName(value: unknown): string {
  const name = textOf(value);
  if (name === undefined || !STYLE_NAME.test(name)) {
    throw new CosFailure(400, "InvalidArgument", "StyleName must be 1–64 letters, digits, '_', '-' or '.'.");
  }
  return name;
}

/** `PUT|GET|DELETE /?style` with `<AddStyle>`, `<GetStyle>`, `<DeleteStyle>` bodies. */
export async function handleStyleRequest(exchange: Exchange, book: StyleBook): Promise<void> {
  switch (exchange.req.method) {
    case "PUT": {
      const request = await requestRoot(exchange, "AddStyle", false);
      const name = styleName(request.StyleName);
      const body = textOf(request.StyleBody) ?? "";
      const errors = checkRule(body).diagnostics.filter((d) => d.severity === "error");
      if (body === "" || errors.length > 0) {
        const reason = errors.map((d) => d.message).join("; ") || "StyleBody is empty";
        throw new CosFailure(400, "InvalidArgument", `StyleBody is not a valid rule: ${reason}`);
      }
      await book.set(name, body);
      sendEmpty(exchange, 200);
      return;
    }
    case "GET": {
      const request = await requestRoot(exchange, "GetStyle", true);
      const wanted = request.StyleName === undefined ? undefined : styleName(request.StyleName);
      const rules = book
        .entries()
        .filter(([name]) => wanted === undefined || name === wanted)
        .map(([name, body]) => ({ StyleName: name, StyleBody: body }));
      sendXml(exchange, 200, xmlDocument("StyleList", { StyleRule: rules }));
      return;
    }
    case "DELETE": {
      const request = await requestRoot(exchange, "DeleteStyle", false);
      for (const name of asList(request.StyleName)) await book.delete(styleName(name));
      sendEmpty(exchange, 200);
      return;
    }
    default:
      throw new CosFailure(
        405,
        "MethodNotAllowed",
        "The specified method is not allowed against this resource.",
      );
  }
}
