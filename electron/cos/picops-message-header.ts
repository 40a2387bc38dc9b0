import { type MessageRef, MessageRefSchema, messageRef } from "../../shared/error-messages";

/**
 * The Local bucket answers errors exactly as COS does (the `<Error>` document, in English),
 * and adds this header when the sentence is Picops's own (the local engine's or validator's),
 * so Picops's client can word it in the designer's language. COS never sends it, and other
 * clients (the official SDK) ignore it.
 */
export const PICOPS_MESSAGE_HEADER = "x-picops-message";

/** The header's value: the sentence id and its values as URI-encoded JSON (keys may be any Unicode). */
export function encodeMessageHeader(sentence: MessageRef): string {
  return encodeURIComponent(JSON.stringify(sentence));
}

/** The sentence a header names, if it is one of this build's; anything else is ignored. */
export function decodeMessageHeader(value: string | undefined): MessageRef | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = MessageRefSchema.safeParse(JSON.parse(decodeURIComponent(value)));
    return parsed.success ? messageRef(parsed.data.messageId, parsed.data.values) : undefined;
  } catch {
    return undefined;
  }
}
