import type { PlannedUpload, PlanWarning } from "../../../shared/uploads/plan";
import { type Translate, useT } from "../../i18n";
import { messageText } from "../../i18n/errors";
import { useUpload } from "./store";

function warningText(t: Translate, warning: PlanWarning): string {
  const where = `${warning.bucket}/${warning.key}`;
  if (warning.kind === "overwrites-original") return t("plan.overwritesOriginal", { key: where });
  if (warning.kind === "collides-in-batch") return t("plan.collides", { key: where });
  const operations = warning.operations ?? "";
  if (warning.kind === "runs-only-in-cos") return t("plan.runsOnlyInCos", { key: where, operations });
  if (warning.kind === "approximated-locally")
    return t("plan.approximatedLocally", { key: where, operations });
  return t("plan.overwritesExisting", { key: where });
}

/**
 * Every key the batch will write, with what each would overwrite, before anything is sent.
 * The upload panel's plan by default; the bucket browser passes its own processing plan.
 */
export function PlanView(props: {
  plans?: PlannedUpload[] | undefined;
  /** What the first column shows for a plan; the dropped file's path by default. */
  nameOf?: (plan: PlannedUpload) => string;
  startLabel?: string;
  onStart?: () => void;
}) {
  const t = useT();
  const upload = useUpload();
  const plans = props.onStart ? props.plans : upload.plans;
  if (!plans) return null;
  const names = new Map(upload.files.map((file) => [file.id, file.relativePath]));
  const nameOf = props.nameOf ?? ((plan: PlannedUpload) => names.get(plan.sourceId));
  const start = props.onStart ?? (() => upload.start());
  const warnings = plans.reduce((count, plan) => count + plan.warnings.length, 0);
  const problems = plans.filter((plan) => plan.problem).length;
  return (
    <section aria-labelledby="plan-heading" className="card">
      <div className="row spread">
        <h3 id="plan-heading">{t("plan.heading", { files: plans.length, warnings })}</h3>
        <button
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
                {plan.problem && <p className="field-error">{messageText(t, plan.problem)}</p>}
                {plan.warnings.map((warning) => (
                  <p key={`${warning.kind}-${warning.key}`} className="warning" data-testid="plan-warning">
                    {warningText(t, warning)}
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
