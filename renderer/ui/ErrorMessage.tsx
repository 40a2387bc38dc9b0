import type { AppError } from "../../shared/errors";
import { useT } from "../i18n";
import { errorText, hasMessageId } from "../i18n/errors";

/**
 * An error's sentence in the designer's language. COS's own words are quoted as COS wrote
 * them (designers quote them to support), marked English so a screen reader says them right.
 */
export function ErrorMessage(props: { error: Pick<AppError, "message" | "messageId" | "values"> }) {
  const t = useT();
  const { error } = props;
  return hasMessageId(error) ? errorText(t, error) : <span lang="en">{error.message}</span>;
}
