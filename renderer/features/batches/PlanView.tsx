import type { PlannedUpload, PlanWarning } from "../../../shared/uploads/plan";
import { type Translate, useT } from "../../i18n";
import { messageText } from "../../i18n/errors";
import { formatBytes } from "../../ui/format";
import { ProblemCount } from "./ProblemCount";

const pixels = (size: { width: number; height: number } | undefined) =>
  size ? `${size.width}×${size.height}` : "";

function warningText(t: Translate, warning: PlanWarning, uploadIdentical: boolean): string {
  const key = `${warning.bucket}/${warning.key}`;
  const operations = warning.operations ?? "";
  switch (warning.kind) {
    case "overwrites-original":
      return t("plan.overwritesOriginal", { key });
    case "collides-in-batch":
      return t("plan.collides", { key });
    case "overwrites-existing":
      return t("plan.overwritesExisting", { key });
    case "runs-only-in-cos":
      return t("plan.runsOnlyInCos", { key, operations });
    case "approximated-locally":
      return t("plan.approximatedLocally", { key, operations });
    case "already-there":
      return t(uploadIdentical ? "plan.alreadyThereSent" : "plan.alreadyThere", { key });
    case "identical-in-batch":
      return t("plan.identicalInBatch", { key, sameAs: warning.sameAs ?? "" });
    case "enlarges":
      return t("plan.enlarges", {
        n: warning.ruleNumber ?? 1,
        from: pixels(warning.from),
        to: pixels(warning.to),
        key,
      });
    case "larger-than-original": {
      const sample = warning.sample ?? "";
      return t("plan.largerThanOriginal", {
        n: warning.ruleNumber ?? 1,
        output: formatBytes(warning.bytes?.output ?? 0),
        original: formatBytes(warning.bytes?.original ?? 0),
        triedOn: t(`plan.triedOn.${warning.fileKind ?? "plain"}`, { sample }),
        key,
      });
    }
  }
}

/**
 * Every key the batch will write, with what each would overwrite, before anything is sent:
 * an upload's plan, or the bucket browser's processing plan.
 */
export function PlanView(props: {
  plans: PlannedUpload[] | undefined;
  /** What the first column shows for a plan: the dropped file's path, the object's name. */
  nameOf: (plan: PlannedUpload) => string | undefined;
  startLabel?: string;
  /** The upload sends files the bucket already has (an upload option): say so instead of "skipped". */
  uploadIdentical?: boolean;
  onStart(): void;
}) {
  const t = useT();
  const { plans, nameOf } = props;
  if (!plans) return null;
  const start = props.onStart;
  const warnings = plans.reduce((count, plan) => count + plan.warnings.length, 0);
  const problems = plans.filter((plan) => plan.problem).length;
  return (
    <section aria-labelledby="plan-heading" className="card">
      <div className="row spread">
        <h3 id="plan-heading" tabIndex={-1}>
          {t("plan.heading", { files: plans.length })} <ProblemCount errors={problems} warnings={warnings} />
        </h3>
        <button
          id="plan-start"
          type="button"
          className="primary"
          disabled={problems > 0 || plans.length === 0}
          onClick={() => start()}
        >
          {props.startLabel ?? t("plan.start", { files: plans.length })}
        </button>
      </div>
      <table className="plan-table" data-testid="plan-table">
        <thead>
          <tr>
            <th scope="col">{t("plan.file")}</th>
            <th scope="col">{t("plan.original")}</th>
            <th scope="col">{t("plan.results")}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr key={plan.sourceId} data-testid="plan-row">
              <td>{nameOf(plan)}</td>
              <td className="mono">{plan.originalKey}</td>
              <td>
                <ul className="plain">
                  {plan.results.map((result) => (
                    <li key={`${result.bucket}/${result.key}`} className="mono">
                      {result.bucket === plan.bucket ? result.key : `${result.bucket}/${result.key}`}
                    </li>
                  ))}
                </ul>
                {plan.problem && (
                  <p className="field-error">
                    {messageText(t, plan.problem)}
                    {plan.problemCause && ` ${messageText(t, plan.problemCause)}`}
                  </p>
                )}
                {plan.warnings.map((warning) => (
                  <p key={`${warning.kind}-${warning.key}`} className="warning" data-testid="plan-warning">
                    {warningText(t, warning, props.uploadIdentical ?? false)}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
