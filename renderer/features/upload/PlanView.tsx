import type { PlanWarning } from "../../../shared/uploads/plan";
import { type Translate, useT } from "../../i18n";
import { useUpload } from "./store";

function warningText(t: Translate, warning: PlanWarning): string {
  const where = `${warning.bucket}/${warning.key}`;
  if (warning.kind === "overwrites-original") return t("plan.overwritesOriginal", { key: where });
  if (warning.kind === "collides-in-batch") return t("plan.collides", { key: where });
  return t("plan.overwritesExisting", { key: where });
}

/** Every key the batch will write, with what each would overwrite, before anything is sent. */
export function PlanView() {
  const t = useT();
  const { plans, files, start } = useUpload();
  if (!plans) return null;
  const names = new Map(files.map((file) => [file.id, file.relativePath]));
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
          {t("plan.start", { files: plans.length })}
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
              <td>{names.get(plan.sourceId)}</td>
              <td className="mono">{plan.originalKey}</td>
              <td>
                <ul className="plain">
                  {plan.results.map((result) => (
                    <li key={`${result.bucket}/${result.key}`} className="mono">
                      {result.bucket === plan.bucket ? result.key : `${result.bucket}/${result.key}`}
                    </li>
                  ))}
                </ul>
                {plan.problem && <p className="field-error">{plan.problem}</p>}
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
