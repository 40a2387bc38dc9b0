import type { AppError } from "../../../shared/errors";
import type { PreviewSample } from "../../../shared/ipc/channels/preview";
import { useT } from "../../i18n";
import { explainError } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { firstRuleError } from "../rules";

/** Why there is no after image: the rule, the local engine's limits, or COS's answer. */
export function AfterProblem(props: { error: AppError; sample: PreviewSample; rule: string }) {
  const t = useT();
  const { error } = props;
  const { rule } = props;
  const title =
    error.code === "not-supported-locally"
      ? t("preview.notLocalTitle")
      : error.code === "invalid-rule"
        ? t("preview.invalidTitle", { column: String(error.path?.[0] ?? "") })
        : t("preview.failedTitle");
  const advice =
    error.code === "not-supported-locally"
      ? t(props.sample.kind === "object" ? "preview.notLocalCos" : "preview.notLocalFile")
      : error.code === "invalid-rule"
        ? undefined
        : explainError(t, error);
  return (
    <div className="preview-problem" data-testid="preview-problem" data-code={error.code}>
      <strong>{title}</strong>
      {/* The engine only points at the rule's column; the rule's own check says what is wrong there. */}
      <p className="mono">
        {(error.code === "invalid-rule" && firstRuleError(t, rule)) || <ErrorMessage error={error} />}
      </p>
      {advice && <p>{advice}</p>}
    </div>
  );
}
